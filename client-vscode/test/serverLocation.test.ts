import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  dotnetCandidates,
  hasRequiredRuntime,
  locateServer,
  noDotnetMessage,
  parseRuntimes,
  resolveUserPath,
  serverCommand,
  wrongRuntimeMessage,
} from '../src/serverLocation';

const ext = path.resolve('/ext/readiness');
const bundledDll = path.join(ext, 'server', 'ReadinessLsp.Server.dll');
const home = path.resolve('/home/dev');
const folder = path.resolve('/work/shop');

function existing(...files: string[]) {
  const set = new Set(files.map((f) => path.normalize(f)));
  return (file: string) => set.has(path.normalize(file));
}

describe('locateServer', () => {
  it('uses the server shipped in the extension when nothing is configured', () => {
    const plan = locateServer({ extensionPath: ext, homeDir: home, exists: existing(bundledDll) });
    assert.deepEqual(plan, { kind: 'dll', dllPath: bundledDll, source: 'bundled' });
  });

  it('treats an empty or blank setting as not configured', () => {
    const plan = locateServer({ configuredServerPath: '  ', extensionPath: ext, homeDir: home, exists: existing(bundledDll) });
    assert.equal(plan.kind, 'dll');
  });

  it('explains a missing shipped server instead of failing later', () => {
    const plan = locateServer({ extensionPath: ext, homeDir: home, exists: existing() });
    assert.equal(plan.kind, 'error');
    assert.match(plan.kind === 'error' ? plan.message : '', /missing from this installation.*readiness\.server\.path/);
  });

  it('runs a configured .dll with dotnet', () => {
    const dll = path.resolve('/opt/readiness/ReadinessLsp.Server.dll');
    const plan = locateServer({ configuredServerPath: dll, extensionPath: ext, homeDir: home, exists: existing(dll, bundledDll) });
    assert.deepEqual(plan, { kind: 'dll', dllPath: dll, source: 'setting' });
  });

  it('runs any other configured file as an executable', () => {
    const exe = path.resolve('/usr/local/bin/readiness-lsp');
    const plan = locateServer({ configuredServerPath: exe, extensionPath: ext, homeDir: home, exists: existing(exe) });
    assert.deepEqual(plan, { kind: 'executable', command: exe, source: 'setting' });
  });

  it('resolves a relative configured path against the workspace folder', () => {
    const dll = path.join(folder, 'tools', 'ReadinessLsp.Server.dll');
    const plan = locateServer({ configuredServerPath: 'tools/ReadinessLsp.Server.dll', extensionPath: ext, workspaceFolder: folder, homeDir: home, exists: existing(dll) });
    assert.deepEqual(plan, { kind: 'dll', dllPath: dll, source: 'setting' });
  });

  it('names the setting when the configured path does not exist', () => {
    const plan = locateServer({ configuredServerPath: '/nowhere/server.dll', extensionPath: ext, homeDir: home, exists: existing(bundledDll) });
    assert.equal(plan.kind, 'error');
    assert.match(plan.kind === 'error' ? plan.message : '', /readiness\.server\.path.*does not exist/);
  });
});

describe('resolveUserPath', () => {
  it('expands ~ and ${workspaceFolder}', () => {
    assert.equal(resolveUserPath('~/bin/server.dll', home), path.join(home, 'bin', 'server.dll'));
    assert.equal(resolveUserPath('${workspaceFolder}/s.dll', home, folder), path.join(folder, 's.dll'));
  });
});

describe('dotnetCandidates', () => {
  it('uses only the configured dotnet when there is one', () => {
    assert.deepEqual(dotnetCandidates({ configuredDotnetPath: '/opt/dotnet/dotnet', env: {}, platform: 'linux', homeDir: '/home/dev' }), [path.resolve('/opt/dotnet/dotnet')]);
  });

  it('tries PATH first, then DOTNET_ROOT, the user install and the system locations', () => {
    const list = dotnetCandidates({ env: { DOTNET_ROOT: '/opt/net' }, platform: 'linux', homeDir: '/home/dev' });
    assert.deepEqual(list.slice(0, 3), ['dotnet', '/opt/net/dotnet', '/home/dev/.dotnet/dotnet']);
    assert.ok(list.includes('/usr/share/dotnet/dotnet'));
    assert.equal(new Set(list).size, list.length);
  });

  it('uses dotnet.exe and Program Files on Windows', () => {
    const list = dotnetCandidates({ env: { ProgramFiles: 'C:\\Program Files' }, platform: 'win32', homeDir: 'C:\\Users\\dev' });
    assert.ok(list.includes('C:\\Program Files\\dotnet\\dotnet.exe'));
    assert.ok(list.includes('C:\\Users\\dev\\.dotnet\\dotnet.exe'));
  });
});

describe('runtimes', () => {
  const listing = [
    'Microsoft.AspNetCore.App 8.0.11 [/usr/share/dotnet/shared/Microsoft.AspNetCore.App]',
    'Microsoft.NETCore.App 8.0.11 [/usr/share/dotnet/shared/Microsoft.NETCore.App]',
    'Microsoft.NETCore.App 10.0.12 [/usr/share/dotnet/shared/Microsoft.NETCore.App]',
    '',
  ].join('\r\n');

  it('parses dotnet --list-runtimes', () => {
    assert.deepEqual(parseRuntimes(listing)[2], { name: 'Microsoft.NETCore.App', version: '10.0.12', major: 10 });
    assert.equal(parseRuntimes(listing).length, 3);
    assert.deepEqual(parseRuntimes('garbage\n'), []);
  });

  it('parses preview versions', () => {
    assert.deepEqual(parseRuntimes('Microsoft.NETCore.App 10.0.0-rc.2.25502.107 [/x]')[0]?.version, '10.0.0-rc.2.25502.107');
  });

  it('requires Microsoft.NETCore.App 10', () => {
    assert.ok(hasRequiredRuntime(parseRuntimes(listing)));
    assert.ok(!hasRequiredRuntime(parseRuntimes('Microsoft.NETCore.App 8.0.11 [/x]\nMicrosoft.AspNetCore.App 10.0.1 [/y]')));
  });

  it('says what to install, without a stack trace', () => {
    const wrong = wrongRuntimeMessage('dotnet', parseRuntimes('Microsoft.NETCore.App 8.0.11 [/x]'));
    assert.match(wrong, /needs the \.NET 10 runtime/);
    assert.match(wrong, /only has 8\.0\.11/);
    assert.match(wrong, /https:\/\/dotnet\.microsoft\.com\/download\/dotnet\/10\.0/);
    const none = noDotnetMessage(['dotnet', '/usr/share/dotnet/dotnet'], false);
    assert.match(none, /No "dotnet" was found.*\/usr\/share\/dotnet\/dotnet/);
    assert.match(none, /Install the \.NET 10 Runtime/);
    assert.match(noDotnetMessage(['/bad/dotnet'], true), /readiness\.dotnetPath points to "\/bad\/dotnet"/);
    assert.doesNotMatch(none + wrong, /\n\s+at /);
  });
});

describe('serverCommand', () => {
  it('runs a dll through dotnet; the client appends --stdio', () => {
    assert.deepEqual(serverCommand({ kind: 'dll', dllPath: '/x/s.dll', source: 'bundled' }, '/usr/bin/dotnet'), { command: '/usr/bin/dotnet', args: ['/x/s.dll'] });
    assert.deepEqual(serverCommand({ kind: 'executable', command: '/x/s', source: 'setting' }, undefined), { command: '/x/s', args: [] });
  });
});
