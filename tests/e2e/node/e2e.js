// Drives the language server with Microsoft's LSP client libraries (the ones VS Code's client is
// built on): open a file of a copy of samples/VibeShop, wait for diagnostics, hover, apply a quick
// fix, and check the text. Usage: node e2e.js <server command...>
'use strict';
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');
const rpc = require('vscode-jsonrpc/node');
const lsp = require('vscode-languageserver-protocol');

const TIMEOUT_MS = 20000;
const repo = path.resolve(__dirname, '..', '..', '..');
let passed = 0;
let failed = 0;

function check(name, ok, detail) {
  if (ok) {
    passed++;
    process.stdout.write(`  ok   ${name}\n`);
  } else {
    failed++;
    process.stdout.write(`  FAIL ${name}${detail ? `: ${detail}` : ''}\n`);
  }
}

function withTimeout(promise, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS); }),
  ]);
}

function copySample() {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-e2e-node-'));
  fs.cpSync(path.join(repo, 'samples', 'VibeShop'), target, {
    recursive: true,
    filter: (src) => !/[\\/](bin|obj)([\\/]|$)/.test(src),
  });
  return target;
}

function offsetAt(text, position) {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < position.line && i < lines.length; i++) offset += lines[i].length + 1;
  const line = lines[position.line] ?? '';
  return offset + Math.min(position.character, line.length);
}

function applyEdits(text, edits) {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  for (const edit of sorted) {
    text = text.slice(0, offsetAt(text, edit.range.start)) + edit.newText + text.slice(offsetAt(text, edit.range.end));
  }
  return text;
}

async function main() {
  const command = process.argv.slice(2);
  if (command.length === 0) throw new Error('usage: node e2e.js <server command...>');
  const workspace = copySample();
  const file = path.join(workspace, 'Program.cs');
  const uri = pathToFileURL(file).href;
  const text = fs.readFileSync(file, 'utf8');

  const server = cp.spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  server.stderr.on('data', (d) => { stderr += d; });
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));

  const diagnostics = new Map();
  const waiters = [];
  connection.onNotification(lsp.PublishDiagnosticsNotification.type, (params) => {
    diagnostics.set(params.uri, params);
    for (const w of [...waiters]) if (w.test(params)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(params); }
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.onNotification('window/logMessage', () => {});
  connection.onNotification('$/progress', () => {});
  connection.listen();

  const waitFor = (test, what) => {
    const current = diagnostics.get(uri);
    if (current && test(current)) return Promise.resolve(current);
    return withTimeout(new Promise((resolve) => waiters.push({ test, resolve })), what);
  };

  try {
    const init = await withTimeout(connection.sendRequest(lsp.InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'VibeShop' }],
      capabilities: {
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
        },
        workspace: { workspaceEdit: { documentChanges: true }, configuration: true },
        window: { workDoneProgress: true },
      },
    }), 'initialize');
    check('initialize answers with incremental sync, hover and code actions',
      init.capabilities.textDocumentSync.change === 2 && init.capabilities.hoverProvider === true && !!init.capabilities.codeActionProvider);
    connection.sendNotification(lsp.InitializedNotification.type, {});
    connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'csharp', version: 1, text } });

    const published = await waitFor((p) => p.diagnostics.some((d) => d.code === 'RDY2001'), 'RDY2001 diagnostics');
    const finding = published.diagnostics.find((d) => d.code === 'RDY2001');
    const flagged = text.slice(offsetAt(text, finding.range.start), offsetAt(text, finding.range.end));
    check('RDY2001 is published on app.UseDeveloperExceptionPage()', flagged === 'app.UseDeveloperExceptionPage()', flagged);
    check('diagnostic carries source, docs link and version',
      finding.source === 'readiness' && /^https:\/\//.test(finding.codeDescription?.href ?? '') && published.version === 1);

    const hover = await withTimeout(connection.sendRequest(lsp.HoverRequest.type, { textDocument: { uri }, position: finding.range.start }), 'hover');
    const hoverText = hover?.contents?.value ?? '';
    check('hover explains the risk in Markdown', hover?.contents?.kind === 'markdown' && hoverText.includes('Anyone who makes your app fail'), hoverText.slice(0, 80));

    const actions = await withTimeout(connection.sendRequest(lsp.CodeActionRequest.type, {
      textDocument: { uri }, range: finding.range, context: { diagnostics: [finding], only: ['quickfix'] },
    }), 'code actions');
    const fix = (actions ?? []).find((a) => a.title === 'Only use it in Development');
    check('a quick fix is offered', !!fix, JSON.stringify((actions ?? []).map((a) => a.title)));
    const documentEdit = fix?.edit?.documentChanges?.[0];
    const fixed = documentEdit ? applyEdits(text, documentEdit.edits) : text;
    check('the fix is a versioned edit of the open document', documentEdit?.textDocument?.version === 1 && documentEdit?.textDocument?.uri === uri);
    check('the fixed text guards the call', /if \(app\.Environment\.IsDevelopment\(\)\)\s*\{\s*app\.UseDeveloperExceptionPage\(\);\s*\}/.test(fixed));

    connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = await waitFor((p) => p.version === 2, 'diagnostics of the fixed text');
    check('the finding is gone after the fix', !after.diagnostics.some((d) => d.code === 'RDY2001'));

    await withTimeout(connection.sendRequest(lsp.ShutdownRequest.type), 'shutdown');
    const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
    connection.sendNotification(lsp.ExitNotification.type);
    check('exit code is 0 after shutdown', (await withTimeout(exited, 'process exit')) === 0);
  } catch (e) {
    check('scenario completed', false, e.message);
    process.stdout.write(stderr.split('\n').slice(-20).join('\n') + '\n');
    server.kill();
  } finally {
    connection.dispose();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  process.stdout.write(`node e2e: ${passed} passed, ${failed} failed\n`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => {
  process.stdout.write(`node e2e: ${passed} passed, ${failed + 1} failed (${e.message})\n`);
  process.exit(1);
});
