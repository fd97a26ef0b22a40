// Where the server is and how to start it. Pure: file-system checks and the environment come in
// as arguments, so every branch is unit tested without VS Code or a .NET install.
import * as path from 'node:path';

export const SERVER_DLL = 'ReadinessLsp.Server.dll';
export const REQUIRED_RUNTIME = 'Microsoft.NETCore.App';
export const REQUIRED_MAJOR = 10;
export const DOTNET_DOWNLOAD_URL = 'https://dotnet.microsoft.com/download/dotnet/10.0';

export interface LocateInput {
  /** `readiness.server.path`, already filtered for workspace trust. */
  configuredServerPath?: string | undefined;
  extensionPath: string;
  workspaceFolder?: string | undefined;
  homeDir: string;
  exists: (file: string) => boolean;
}

/** How to start the server: a .dll run by `dotnet`, or a program started directly. */
export type ServerPlan =
  | { kind: 'dll'; dllPath: string; source: 'setting' | 'bundled' }
  | { kind: 'executable'; command: string; source: 'setting' }
  | { kind: 'error'; message: string };

export function locateServer(input: LocateInput): ServerPlan {
  const configured = input.configuredServerPath?.trim();
  if (configured) {
    const resolved = resolveUserPath(configured, input.homeDir, input.workspaceFolder);
    if (!input.exists(resolved)) {
      return {
        kind: 'error',
        message: `The setting readiness.server.path points to "${resolved}", which does not exist. Fix the path, or clear the setting to use the server shipped with the extension.`,
      };
    }
    return resolved.toLowerCase().endsWith('.dll')
      ? { kind: 'dll', dllPath: resolved, source: 'setting' }
      : { kind: 'executable', command: resolved, source: 'setting' };
  }

  const bundled = path.join(input.extensionPath, 'server', SERVER_DLL);
  if (!input.exists(bundled)) {
    return {
      kind: 'error',
      message: `The Readiness server is missing from this installation of the extension (expected "${bundled}"). Reinstall the extension, or set readiness.server.path to a ReadinessLsp.Server.dll.`,
    };
  }
  return { kind: 'dll', dllPath: bundled, source: 'bundled' };
}

/** Expands `~` and `${workspaceFolder}`; a relative path is taken from the workspace folder. */
export function resolveUserPath(value: string, homeDir: string, workspaceFolder?: string): string {
  let result = value.trim();
  if (workspaceFolder) {
    result = result.split('${workspaceFolder}').join(workspaceFolder);
  }
  if (result === '~' || result.startsWith('~/') || result.startsWith('~\\')) {
    result = path.join(homeDir, result.slice(1));
  }
  if (!path.isAbsolute(result) && workspaceFolder) {
    result = path.join(workspaceFolder, result);
  }
  return path.normalize(result);
}

export interface DotnetCandidateInput {
  /** `readiness.dotnetPath`, already filtered for workspace trust. */
  configuredDotnetPath?: string | undefined;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  homeDir: string;
}

/**
 * The `dotnet` executables to try, in order. A configured path is the only candidate: if the
 * user named one, silently using another would hide their mistake.
 */
export function dotnetCandidates(input: DotnetCandidateInput): string[] {
  const configured = input.configuredDotnetPath?.trim();
  if (configured) {
    return [resolveUserPath(configured, input.homeDir)];
  }
  const windows = input.platform === 'win32';
  const exe = windows ? 'dotnet.exe' : 'dotnet';
  const join = windows ? path.win32.join : path.posix.join;
  const candidates = ['dotnet'];
  for (const root of [input.env.DOTNET_ROOT, input.env.DOTNET_INSTALL_DIR]) {
    if (root) {
      candidates.push(join(root, exe));
    }
  }
  candidates.push(join(input.homeDir, '.dotnet', exe));
  if (windows) {
    candidates.push(join(input.env.ProgramFiles ?? 'C:\\Program Files', 'dotnet', exe));
  } else if (input.platform === 'darwin') {
    candidates.push('/usr/local/share/dotnet/dotnet', '/opt/homebrew/opt/dotnet/libexec/dotnet');
  } else {
    candidates.push('/usr/share/dotnet/dotnet', '/usr/lib/dotnet/dotnet', '/usr/local/share/dotnet/dotnet', '/snap/dotnet-sdk/current/dotnet');
  }
  return [...new Set(candidates)];
}

export interface InstalledRuntime {
  name: string;
  version: string;
  major: number;
}

/** Parses `dotnet --list-runtimes`: lines like `Microsoft.NETCore.App 10.0.12 [/usr/share/dotnet/shared/Microsoft.NETCore.App]`. */
export function parseRuntimes(output: string): InstalledRuntime[] {
  const runtimes: InstalledRuntime[] = [];
  for (const line of output.split(/\r?\n/)) {
    const match = /^\s*(\S+)\s+(\d+)\.(\d+)\.(\S+)\s+\[/.exec(line);
    if (match) {
      runtimes.push({ name: match[1]!, version: `${match[2]}.${match[3]}.${match[4]}`, major: Number(match[2]) });
    }
  }
  return runtimes;
}

/** Whether the runtimes listed can run the server (it targets .NET 10). */
export function hasRequiredRuntime(runtimes: readonly InstalledRuntime[]): boolean {
  return runtimes.some((r) => r.name === REQUIRED_RUNTIME && r.major === REQUIRED_MAJOR);
}

/** The message shown when no `dotnet` could be started at all. */
export function noDotnetMessage(tried: readonly string[], configured: boolean): string {
  const where = configured
    ? `The setting readiness.dotnetPath points to "${tried[0]}", which could not be run.`
    : `No "dotnet" was found (looked on the PATH and in ${tried.slice(1).join(', ')}).`;
  return `Readiness needs the .NET ${REQUIRED_MAJOR} runtime to run its language server. ${where} Install the .NET ${REQUIRED_MAJOR} Runtime from ${DOTNET_DOWNLOAD_URL}, then restart the server (or set readiness.dotnetPath to your dotnet executable).`;
}

/** The message shown when `dotnet` runs but lacks the .NET 10 runtime. */
export function wrongRuntimeMessage(dotnet: string, runtimes: readonly InstalledRuntime[]): string {
  const found = runtimes.filter((r) => r.name === REQUIRED_RUNTIME).map((r) => r.version);
  const has = found.length > 0 ? `only has ${found.join(', ')}` : 'has no .NET runtime installed';
  return `Readiness needs the .NET ${REQUIRED_MAJOR} runtime (${REQUIRED_RUNTIME} ${REQUIRED_MAJOR}.x) to run its language server, but "${dotnet}" ${has}. Install the .NET ${REQUIRED_MAJOR} Runtime from ${DOTNET_DOWNLOAD_URL}, then restart the server.`;
}

/** The command line for a plan and a chosen `dotnet` (the language client appends `--stdio`). */
export function serverCommand(plan: Exclude<ServerPlan, { kind: 'error' }>, dotnet: string | undefined): { command: string; args: string[] } {
  if (plan.kind === 'executable') {
    return { command: plan.command, args: [] };
  }
  if (!dotnet) {
    throw new Error('A .dll server needs a dotnet executable');
  }
  return { command: dotnet, args: [plan.dllPath] };
}
