// The extension's settings, as pure functions over a "get" callback so they can be tested
// without VS Code. The server reads the engine keys; the client-only keys never leave the client.

/** The configuration section; every setting is `readiness.<key>`. */
export const SECTION = 'readiness';

/** Keys the server's engine reads (must match `SettingsReader.EngineKeys` in the server). */
export const ENGINE_KEYS = ['enable', 'rules', 'exclude'] as const;

/** Keys only the client reads (must match `SettingsReader.ClientOnlyKeys` in the server). */
export const CLIENT_ONLY_KEYS = ['trace', 'server', 'dotnetPath'] as const;

/** Values a rule may be set to; anything else is dropped before it reaches the server. */
export const RULE_LEVELS = ['off', 'on', 'error', 'warning', 'info', 'hint', 'default'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

const RULE_ID = /^RDY\d{4}$/i;

/** What the server receives as `initializationOptions` and in `workspace/didChangeConfiguration`. */
export interface EngineSettings {
  enable: boolean;
  rules: Record<string, RuleLevel>;
  exclude: string[];
}

/** Reads one setting below the `readiness` section, e.g. `get('rules')`. */
export type SettingGetter = (key: string) => unknown;

/** The engine settings, cleaned: wrong types fall back to defaults so a typo never stops the server. */
export function readEngineSettings(get: SettingGetter): EngineSettings {
  const enable = get('enable');
  return {
    enable: typeof enable === 'boolean' ? enable : true,
    rules: readRules(get('rules')),
    exclude: readExclude(get('exclude')),
  };
}

function readRules(value: unknown): Record<string, RuleLevel> {
  const rules: Record<string, RuleLevel> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return rules;
  }
  for (const [id, level] of Object.entries(value as Record<string, unknown>)) {
    const normalized = typeof level === 'string' ? level.trim().toLowerCase() : level === false ? 'off' : undefined;
    if (RULE_ID.test(id) && normalized !== undefined && (RULE_LEVELS as readonly string[]).includes(normalized)) {
      rules[id.toUpperCase()] = normalized as RuleLevel;
    }
  }
  return rules;
}

function readExclude(value: unknown): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map((item) => item.trim());
}

/** Settings whose change needs a new server process (they choose what is started). */
export const RESTART_SETTINGS = [`${SECTION}.server.path`, `${SECTION}.dotnetPath`] as const;

/** Whether a configuration change needs a server restart, given VS Code's `affectsConfiguration`. */
export function needsRestart(affects: (setting: string) => boolean): boolean {
  return RESTART_SETTINGS.some((setting) => affects(setting));
}

/** What `WorkspaceConfiguration.inspect` returns, reduced to what we read. */
export interface InspectedValue<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/**
 * The value of a setting that chooses a program to run. In an untrusted workspace the
 * workspace's own values are ignored: opening a repository must not start a program it names.
 */
export function trustedValue<T>(inspected: InspectedValue<T> | undefined, workspaceTrusted: boolean): T | undefined {
  if (!inspected) {
    return undefined;
  }
  if (workspaceTrusted) {
    return inspected.workspaceFolderValue ?? inspected.workspaceValue ?? inspected.globalValue ?? inspected.defaultValue;
  }
  return inspected.globalValue ?? inspected.defaultValue;
}
