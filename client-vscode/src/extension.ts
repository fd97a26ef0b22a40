// Activation and wiring only: every decision (where the server is, which settings it gets, what
// the status bar says) lives in a pure module next to this one. All analysis, hovers and fixes
// come from the server over standard LSP.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as readline from 'node:readline';
import * as vscode from 'vscode';
import {
  CloseAction,
  type CloseHandlerResult,
  DidChangeConfigurationNotification,
  ErrorAction,
  type ErrorHandler,
  type ErrorHandlerResult,
  ExecuteCommandRequest,
  LanguageClient,
  type LanguageClientOptions,
  RevealOutputChannelOn,
  type ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { DOCUMENT_SELECTOR, WATCHED_PATTERNS } from './files';
import {
  DOTNET_DOWNLOAD_URL,
  dotnetCandidates,
  hasRequiredRuntime,
  locateServer,
  noDotnetMessage,
  parseRuntimes,
  serverCommand,
  wrongRuntimeMessage,
  type InstalledRuntime,
} from './serverLocation';
import { ServerLogClassifier } from './serverLog';
import { needsRestart, readEngineSettings, SECTION, trustedValue, type EngineSettings } from './settings';
import { isReportResult, locationToOpen, reportTitle, SERVER_REPORT } from './report';
import { COMMANDS, countSeverities, OPEN_PROBLEMS, statusView, type ClientState } from './statusBar';

/** The command the server runs for a workspace rescan (`workspace/executeCommand`). */
const SERVER_RESCAN = 'readiness.server.rescan';
/** The `source` of every diagnostic the server publishes. */
const DIAGNOSTIC_SOURCE = 'readiness';


let controller: ReadinessController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  controller = new ReadinessController(context);
  context.subscriptions.push(
    controller,
    vscode.commands.registerCommand(COMMANDS.openReport, () => controller?.openReport()),
    vscode.commands.registerCommand(COMMANDS.rescan, () => controller?.rescan()),
    vscode.commands.registerCommand(COMMANDS.restart, () => controller?.restart()),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => controller?.showOutput()),
  );
  // Not awaited: activation must not wait for the server; the status bar shows progress.
  void controller.start();
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
  controller = undefined;
}

class ReadinessController implements vscode.Disposable {
  private readonly output = vscode.window.createOutputChannel('Readiness', { log: true });
  private readonly item = vscode.window.createStatusBarItem('readiness.status', vscode.StatusBarAlignment.Left, 0);
  private readonly disposables: vscode.Disposable[] = [];
  private client: LanguageClient | undefined;
  private state: ClientState = { kind: 'stopped' };
  private countTimer: NodeJS.Timeout | undefined;
  private starting: Promise<void> | undefined;
  private reportPanel: vscode.WebviewPanel | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.item.name = 'Readiness';
    this.item.command = OPEN_PROBLEMS;
    this.render();
    this.item.show();
    this.disposables.push(
      this.item,
      this.output,
      vscode.languages.onDidChangeDiagnostics(() => this.scheduleCount()),
      vscode.workspace.onDidChangeConfiguration((e) => this.onConfigurationChanged(e)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.onTrustGranted()),
    );
  }

  start(): Promise<void> {
    this.starting ??= this.doStart().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async doStart(): Promise<void> {
    this.setState({ kind: 'starting' });
    const config = vscode.workspace.getConfiguration(SECTION);
    const trusted = vscode.workspace.isTrusted;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const plan = locateServer({
      configuredServerPath: trustedValue(config.inspect<string>('server.path'), trusted),
      extensionPath: this.context.extensionPath,
      workspaceFolder: folder,
      homeDir: os.homedir(),
      exists: existsSync,
    });
    if (plan.kind === 'error') {
      return this.fail(plan.message, ['Open Settings']);
    }

    let dotnet: string | undefined;
    if (plan.kind === 'dll') {
      const configuredDotnet = trustedValue(config.inspect<string>('dotnetPath'), trusted);
      const found = await findDotnet(configuredDotnet, this.output);
      if ('error' in found) {
        return this.fail(found.error, ['Download .NET', 'Open Settings']);
      }
      dotnet = found.dotnet;
    }

    const { command, args } = serverCommand(plan, dotnet);
    this.output.info(`Starting the server: ${command} ${[...args, '--stdio'].join(' ')}`);
    const serverOptions: ServerOptions = {
      command,
      args,
      transport: TransportKind.stdio,
      options: {
        cwd: folder,
        // DOTNET_TC_QuickJit=0: the server's code is compiled optimised the first time it runs.
        // By default .NET first compiles it quickly and unoptimised and recompiles what runs often
        // on one background thread; the initial scan of a large workspace keeps that thread busy
        // for many seconds, and edits made meanwhile ran several times slower than after the scan
        // (see the README's Performance section). Only the language server is started this way:
        // the `check` command's short runs start faster with the default. A value set by the user wins.
        env: { DOTNET_TC_QuickJit: '0', ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
      },
    };
    const restartLimiter = new RestartLimiter(this.output);
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      diagnosticCollectionName: DIAGNOSTIC_SOURCE,
      initializationOptions: this.engineSettings(),
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      // One watcher per pattern: VS Code's globs do not nest brace groups.
      synchronize: { fileEvents: WATCHED_PATTERNS.map((pattern) => vscode.workspace.createFileSystemWatcher(pattern)) },
      initializationFailedHandler: (error) => {
        this.output.error(`The server failed to initialize: ${String(error)}`);
        return false;
      },
      errorHandler: restartLimiter,
      stdioOptions: {
        // Only used when stdout is not the protocol channel.
        stdout: (input, channel) => {
          readline.createInterface({ input, crlfDelay: Infinity, terminal: false }).on('line', (line) => channel.info(`[server] ${line}`));
        },
        stderr: (input, channel) => {
          const classifier = new ServerLogClassifier();
          readline.createInterface({ input, crlfDelay: Infinity, terminal: false }).on('line', (line) => {
            const { level, text } = classifier.classify(line);
            channel[level](`[server] ${text}`);
          });
        },
      },
    };

    // The client id `readiness` makes vscode-languageclient honour `readiness.trace.server`.
    const client = new LanguageClient('readiness', 'Readiness', serverOptions, clientOptions);
    this.client = client;
    client.onDidChangeState((e) => {
      if (this.client !== client) return;
      if (e.newState === State.Running) {
        restartLimiter.markRunning();
        this.showRunningState();
      }
      else if (e.newState === State.Stopped && this.state.kind !== 'failed') this.setState({ kind: 'stopped' });
    });
    try {
      await client.start();
    } catch (error) {
      this.output.error(`The server failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      this.client = undefined;
      return this.fail('The Readiness server stopped while starting. Its messages are in the Readiness output.', ['Restart Server', 'Show Output']);
    }
    this.showRunningState();
  }

  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        await client.stop(5000);
      } catch (error) {
        this.output.warn(`Stopping the server: ${String(error)}`);
      }
    }
    this.setState({ kind: 'stopped' });
  }

  async restart(): Promise<void> {
    this.output.info('Restarting the server');
    await this.stop();
    await this.start();
  }

  async rescan(): Promise<void> {
    const client = this.client;
    if (!client || !client.isRunning()) {
      const choice = await vscode.window.showWarningMessage('The Readiness server is not running.', 'Restart Server', 'Show Output');
      if (choice === 'Restart Server') await this.restart();
      else if (choice === 'Show Output') this.showOutput();
      return;
    }
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Readiness: rescanning the workspace' },
      async () => {
        try {
          await client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_RESCAN, arguments: [] });
        } catch (error) {
          this.output.error(`Rescan failed: ${String(error)}`);
          void vscode.window.showErrorMessage('Readiness: the rescan failed. See the output for details.', 'Show Output').then((c) => c && this.showOutput());
        }
      },
    );
  }

  showOutput(): void {
    this.output.show(true);
  }

  /**
   * Shows the readiness report in a webview. The server renders it from its warm state (open
   * documents' unsaved text and the editor's settings included), so the page is the one
   * `readiness check --format html` writes, without a second scan. The page carries its own
   * content security policy (no network, only its own inline style and script); its links ask
   * this extension to open workspace files, and nothing else.
   */
  async openReport(): Promise<void> {
    const client = this.client;
    if (!client || !client.isRunning()) {
      const choice = await vscode.window.showWarningMessage('The Readiness server is not running.', 'Restart Server', 'Show Output');
      if (choice === 'Restart Server') await this.restart();
      else if (choice === 'Show Output') this.showOutput();
      return;
    }
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Readiness: preparing the report' },
      async () => {
        try {
          return await client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_REPORT, arguments: [] });
        } catch (error) {
          this.output.error(`The report failed: ${String(error)}`);
          return undefined;
        }
      },
    );
    if (!isReportResult(result)) {
      void vscode.window.showErrorMessage('Readiness: the report could not be made. See the output for details.', 'Show Output').then((c) => c && this.showOutput());
      return;
    }
    const panel = this.reportPanel ?? this.createReportPanel();
    panel.title = reportTitle(result.findings);
    panel.webview.html = result.html;
    panel.reveal(panel.viewColumn ?? vscode.ViewColumn.Active);
  }

  private createReportPanel(): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel('readiness.report', 'Readiness report', vscode.ViewColumn.Active, {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [],
    });
    this.reportPanel = panel;
    panel.onDidDispose(() => (this.reportPanel = undefined), null, this.disposables);
    panel.webview.onDidReceiveMessage(async (message: unknown) => {
      const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
      const location = locationToOpen(message, folders);
      if (!location) return;
      const at = new vscode.Position(location.line, location.character);
      try {
        // Beside the report when it sits in the first column, so the page stays in view.
        await vscode.window.showTextDocument(vscode.Uri.file(location.path), {
          selection: new vscode.Range(at, at),
          viewColumn: panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One,
          preview: false,
        });
      } catch (error) {
        this.output.warn(`Opening ${location.path}: ${String(error)}`);
      }
    }, null, this.disposables);
    return panel;
  }

  dispose(): void {
    clearTimeout(this.countTimer);
    for (const d of this.disposables) d.dispose();
  }

  private engineSettings(): EngineSettings {
    const config = vscode.workspace.getConfiguration(SECTION, vscode.workspace.workspaceFolders?.[0]?.uri);
    return readEngineSettings((key) => config.get(key));
  }

  private onConfigurationChanged(e: vscode.ConfigurationChangeEvent): void {
    if (!e.affectsConfiguration(SECTION)) return;
    if (needsRestart((setting) => e.affectsConfiguration(setting))) {
      void this.restart();
      return;
    }
    const client = this.client;
    if (client?.isRunning()) {
      // Same shape as initializationOptions, under the section name, as the server expects.
      void client
        .sendNotification(DidChangeConfigurationNotification.type, { settings: { [SECTION]: this.engineSettings() } })
        .catch((error: unknown) => this.output.error(`Sending settings failed: ${String(error)}`));
      this.showRunningState();
    }
  }

  private onTrustGranted(): void {
    // Workspace values of server.path / dotnetPath are ignored until the workspace is trusted.
    const config = vscode.workspace.getConfiguration(SECTION);
    const hasWorkspaceValue = (key: string) => {
      const inspected = config.inspect(key);
      return inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined;
    };
    if (hasWorkspaceValue('server.path') || hasWorkspaceValue('dotnetPath')) void this.restart();
  }

  /**
   * Reports a failed start. The message is not awaited: a notification stays until the user
   * closes it, and a restart (e.g. after a settings change) must not wait for that.
   */
  private fail(message: string, actions: string[]): void {
    this.output.error(message);
    this.setState({ kind: 'failed', message });
    void vscode.window.showErrorMessage(message, ...new Set([...actions, 'Show Output'])).then(async (choice) => {
      if (choice === 'Download .NET') await vscode.env.openExternal(vscode.Uri.parse(DOTNET_DOWNLOAD_URL));
      else if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${this.context.extension.id}`);
      else if (choice === 'Show Output') this.showOutput();
      else if (choice === 'Restart Server') await this.restart();
    });
  }

  private showRunningState(): void {
    if (!this.client?.isRunning()) return;
    if (!this.engineSettings().enable) {
      this.setState({ kind: 'disabled' });
      return;
    }
    const severities: number[] = [];
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
      for (const d of diagnostics) if (d.source === DIAGNOSTIC_SOURCE) severities.push(d.severity);
    }
    this.setState({ kind: 'running', counts: countSeverities(severities) });
  }

  private scheduleCount(): void {
    clearTimeout(this.countTimer);
    this.countTimer = setTimeout(() => this.showRunningState(), 150);
  }

  private setState(state: ClientState): void {
    this.state = state;
    this.render();
  }

  private render(): void {
    const view = statusView(this.state);
    this.item.text = view.text;
    const tooltip = new vscode.MarkdownString(view.tooltip, true);
    tooltip.isTrusted = { enabledCommands: Object.values(COMMANDS) };
    this.item.tooltip = tooltip;
    this.item.backgroundColor = view.alarm ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }
}

/**
 * Restarts a server that crashes after it was running, at most 4 times in 3 minutes. A server
 * that dies before it ever ran is not restarted: the start-up failure is reported instead.
 */
class RestartLimiter implements ErrorHandler {
  private readonly restarts: number[] = [];
  private everRan = false;

  constructor(private readonly output: vscode.LogOutputChannel) {}

  /** Called by the controller once the client reached the running state. */
  markRunning(): void {
    this.everRan = true;
  }

  error(): ErrorHandlerResult {
    return { action: ErrorAction.Continue, handled: true };
  }

  closed(): CloseHandlerResult {
    if (!this.everRan) {
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    const now = Date.now();
    this.restarts.push(now);
    while (this.restarts.length && now - this.restarts[0]! > 3 * 60_000) this.restarts.shift();
    if (this.restarts.length > 4) {
      this.output.error('The server stopped 5 times in 3 minutes and will not be restarted. Use "Readiness: Restart Server" after fixing the cause.');
      return { action: CloseAction.DoNotRestart, message: 'The Readiness server stopped 5 times in 3 minutes and will not be restarted. See "Readiness: Show Output".' };
    }
    this.output.warn('The server stopped; restarting it.');
    return { action: CloseAction.Restart, handled: true };
  }
}

/** Tries each candidate `dotnet` with `--list-runtimes` and returns the first with .NET 10. */
async function findDotnet(configured: string | undefined, log: vscode.LogOutputChannel): Promise<{ dotnet: string } | { error: string }> {
  const candidates = dotnetCandidates({ configuredDotnetPath: configured, env: process.env, platform: process.platform, homeDir: os.homedir() });
  let firstRunnable: { dotnet: string; runtimes: InstalledRuntime[] } | undefined;
  for (const candidate of candidates) {
    const result = await listRuntimes(candidate);
    if (result === undefined) {
      log.debug(`No dotnet at ${candidate}`);
      continue;
    }
    const runtimes = parseRuntimes(result);
    log.info(`${candidate} --list-runtimes: ${runtimes.map((r) => `${r.name} ${r.version}`).join(', ') || 'none'}`);
    if (hasRequiredRuntime(runtimes)) return { dotnet: candidate };
    firstRunnable ??= { dotnet: candidate, runtimes };
  }
  if (firstRunnable) return { error: wrongRuntimeMessage(firstRunnable.dotnet, firstRunnable.runtimes) };
  return { error: noDotnetMessage(candidates, Boolean(configured?.trim())) };
}

function listRuntimes(dotnet: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(dotnet, ['--list-runtimes'], { timeout: 20000, env: { ...process.env, DOTNET_NOLOGO: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' } }, (error, stdout) => {
      resolve(error ? undefined : stdout);
    });
  });
}
