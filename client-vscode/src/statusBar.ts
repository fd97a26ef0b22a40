// What the status bar item shows, computed from the client's state. Pure (no `vscode` import)
// so the wording and counting are unit tested; extension.ts applies the result to the item.

export const COMMANDS = {
  openReport: 'readiness.openReport',
  rescan: 'readiness.rescan',
  restart: 'readiness.restart',
  showOutput: 'readiness.showOutput',
} as const;

/** The command run when the item itself is clicked. */
export const OPEN_PROBLEMS = 'workbench.actions.view.problems';

export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
  hint: number;
}

export type ClientState =
  | { kind: 'starting' }
  | { kind: 'running'; counts: SeverityCounts }
  | { kind: 'disabled' }
  | { kind: 'failed'; message: string }
  | { kind: 'stopped' };

export interface StatusView {
  text: string;
  /** Markdown with theme icons and `command:` links to the extension's commands. */
  tooltip: string;
  /** True when the item should use the error background. */
  alarm: boolean;
}

/** Counts severities given as VS Code's `DiagnosticSeverity` numbers (0 error, 1 warning, 2 info, 3 hint). */
export function countSeverities(severities: Iterable<number>): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const severity of severities) {
    if (severity === 0) counts.error++;
    else if (severity === 1) counts.warning++;
    else if (severity === 2) counts.info++;
    else counts.hint++;
  }
  return counts;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "2 errors, 1 warning, 3 infos" or "no findings". */
export function describeCounts(counts: SeverityCounts): string {
  const parts: string[] = [];
  if (counts.error) parts.push(plural(counts.error, 'error', 'errors'));
  if (counts.warning) parts.push(plural(counts.warning, 'warning', 'warnings'));
  if (counts.info) parts.push(plural(counts.info, 'info', 'infos'));
  if (counts.hint) parts.push(plural(counts.hint, 'hint', 'hints'));
  return parts.length ? parts.join(', ') : 'no findings';
}

const COMMAND_LINKS = [
  `[$(report) Open report](command:${COMMANDS.openReport})`,
  `[$(refresh) Rescan workspace](command:${COMMANDS.rescan})`,
  `[$(debug-restart) Restart server](command:${COMMANDS.restart})`,
  `[$(output) Show output](command:${COMMANDS.showOutput})`,
].join(' &nbsp; ');

export function statusView(state: ClientState): StatusView {
  switch (state.kind) {
    case 'starting':
      return { text: '$(sync~spin) Readiness', tooltip: `**Readiness**: starting the server…\n\n${COMMAND_LINKS}`, alarm: false };
    case 'disabled':
      return { text: '$(circle-slash) Readiness', tooltip: `**Readiness** is turned off (setting \`readiness.enable\`).\n\n${COMMAND_LINKS}`, alarm: false };
    case 'stopped':
      return { text: '$(debug-stop) Readiness', tooltip: `**Readiness**: the server is not running.\n\n${COMMAND_LINKS}`, alarm: false };
    case 'failed':
      return { text: '$(error) Readiness', tooltip: `**Readiness** could not start.\n\n${escapeMarkdown(state.message)}\n\n${COMMAND_LINKS}`, alarm: true };
    case 'running': {
      const { counts } = state;
      const segments: string[] = [];
      if (counts.error) segments.push(`$(error) ${counts.error}`);
      if (counts.warning) segments.push(`$(warning) ${counts.warning}`);
      if (counts.info) segments.push(`$(info) ${counts.info}`);
      if (counts.hint) segments.push(`$(lightbulb) ${counts.hint}`);
      const text = segments.length ? `$(shield) Readiness ${segments.join(' ')}` : '$(shield) Readiness $(check)';
      return { text, tooltip: `**Readiness**: ${describeCounts(counts)} in the workspace.\n\n${COMMAND_LINKS}`, alarm: false };
    }
  }
}

/** Escapes text so a message (with paths, underscores, brackets) shows literally in markdown. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-!|<>]/g, (c) => `\\${c}`);
}
