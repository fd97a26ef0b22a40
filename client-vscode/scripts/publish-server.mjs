// Publishes the language server (framework-dependent) into client-vscode/server so that
// `vsce package` puts it inside the .vsix. The folder is rebuilt from scratch each time.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const clientDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(clientDir, '..');
const outDir = join(clientDir, 'server');

rmSync(outDir, { recursive: true, force: true });
const result = spawnSync(
  'dotnet',
  [
    'publish',
    join(repoRoot, 'server', 'ReadinessLsp.Server'),
    '-c', 'Release',
    '-o', outDir,
    '--nologo',
    '-p:UseAppHost=false',
  ],
  { stdio: 'inherit', cwd: repoRoot, shell: process.platform === 'win32' },
);
if (result.error) {
  console.error(`Could not run dotnet: ${result.error.message}. Install the .NET 10 SDK.`);
  process.exit(1);
}
process.exit(result.status ?? 1);
