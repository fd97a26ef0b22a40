// Drives `readiness mcp` with the official TypeScript MCP SDK, as an agent would: list the tools,
// check a copy of samples/VibeShop, explain a finding, get its fix, apply the diff with git, check
// again and see the finding gone. The SDK's client validates every structured result against the
// tool's output schema. Usage: node e2e.js <path to ReadinessLsp.Server.dll>
'use strict';
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = require('@modelcontextprotocol/sdk/client/stdio.js');

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

function copySample() {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-e2e-mcp-'));
  fs.cpSync(path.join(repo, 'samples', 'VibeShop'), target, {
    recursive: true,
    filter: (src) => !/[\\/](bin|obj)([\\/]|$)/.test(src),
  });
  return target;
}

const text = (result) => result.content.filter((c) => c.type === 'text').map((c) => c.text).join('\n');

async function main() {
  const dll = process.argv[2];
  if (!dll) throw new Error('usage: node e2e.js <ReadinessLsp.Server.dll>');
  const workspace = copySample();
  const cli = JSON.parse(cp.execFileSync('dotnet', [dll, 'check', workspace, '--format', 'json', '--fail-on', 'never'], { encoding: 'utf8' }));

  let stderr = '';
  const transport = new StdioClientTransport({ command: 'dotnet', args: [dll, 'mcp', workspace], cwd: workspace, stderr: 'pipe' });
  transport.stderr?.on('data', (d) => { stderr += d; });
  const client = new Client({ name: 'readiness-e2e', version: '1.0.0' });
  try {
    await client.connect(transport);
    check('server says who it is and how to use it',
      client.getServerVersion()?.name === 'readiness' && /check_files/.test(client.getInstructions() ?? ''));

    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name).sort();
    check('lists the tools', ['check_files', 'check_workspace', 'explain_finding', 'get_fix', 'list_endpoints', 'list_findings'].every((n) => names.includes(n)), names.join(', '));
    check('every tool is read-only, idempotent, closed-world, with input and output schemas',
      tools.every((t) => t.annotations?.readOnlyHint === true && t.annotations?.destructiveHint === false &&
        t.annotations?.idempotentHint === true && t.annotations?.openWorldHint === false &&
        t.inputSchema?.type === 'object' && t.outputSchema?.type === 'object'));

    // While the first load runs, a call is told to come back in a few seconds.
    let overview = await client.callTool({ name: 'check_workspace', arguments: { limit: 5 } });
    for (let i = 0; i < 60 && overview.isError && /still being read/.test(text(overview)); i++) {
      await new Promise((r) => setTimeout(r, 1000));
      overview = await client.callTool({ name: 'check_workspace', arguments: { limit: 5 } });
    }

    const total = overview.structuredContent.total;
    check('check_workspace counts what `readiness check` finds', total === cli.findings.length, `${total} vs ${cli.findings.length}`);
    check('check_workspace pages with a cursor', overview.structuredContent.findings.length === 5 && overview.structuredContent.truncated === true && typeof overview.structuredContent.nextCursor === 'string');
    const next = await client.callTool({ name: 'list_findings', arguments: { cursor: overview.structuredContent.nextCursor, limit: 100 } });
    check('list_findings returns the rest', next.structuredContent.findings.length === total - 5 && next.structuredContent.nextCursor === null);

    const errors = await client.callTool({ name: 'check_workspace', arguments: { severity: 'error', limit: 100 } });
    const finding = errors.structuredContent.findings.find((f) => f.rule === 'RDY2001');
    check('finds RDY2001 in Program.cs', finding?.path === 'Program.cs', JSON.stringify(finding));
    check('the text block lists it with its id', text(errors).includes(`RDY2001 Program.cs:${finding.line}:${finding.column}`) && text(errors).includes(finding.id));

    const explanation = await client.callTool({ name: 'explain_finding', arguments: { id: finding.id } });
    check('explain_finding says what happens and what to do',
      /Development/.test(explanation.structuredContent.whatToDo ?? '') && /UseDeveloperExceptionPage/.test(explanation.structuredContent.evidence ?? ''));

    const fix = await client.callTool({ name: 'get_fix', arguments: { id: finding.id } });
    const diff = fix.structuredContent.fixes[0]?.diff ?? '';
    check('get_fix returns edits and an appliable diff', fix.structuredContent.available === true && fix.structuredContent.fixes[0].diffApplies === true && diff.startsWith('--- a/Program.cs'));
    const patch = path.join(workspace, '..', `readiness-${process.pid}.diff`);
    fs.writeFileSync(patch, diff);
    const applied = cp.spawnSync('git', ['apply', '--verbose', patch], { cwd: workspace, encoding: 'utf8' });
    fs.rmSync(patch, { force: true });
    check('the diff applies with git apply', applied.status === 0, applied.stderr);

    const after = await client.callTool({ name: 'check_files', arguments: { paths: ['Program.cs'] } });
    check('check_files after the fix: the finding is gone', !after.structuredContent.findings.some((f) => f.id === finding.id || f.rule === 'RDY2001'));
    const again = await client.callTool({ name: 'check_workspace', arguments: {} });
    check('check_workspace agrees: one finding fewer', again.structuredContent.total === total - 1, `${again.structuredContent.total} vs ${total - 1}`);

    const outside = await client.callTool({ name: 'check_files', arguments: { paths: ['../../etc/passwd'] } });
    check('a path outside the workspace is refused', outside.isError === true && /outside the workspace/.test(text(outside)));
    const badId = await client.callTool({ name: 'get_fix', arguments: { id: 'not-an-id' } });
    check('a bad id is refused clearly', badId.isError === true && /not a finding id/.test(text(badId)));

    const endpoints = await client.callTool({ name: 'list_endpoints', arguments: { anonymous: true, changesData: true } });
    const open = endpoints.structuredContent.endpoints.find((e) => e.endpoint === 'DELETE /api/messages/{id:int}');
    check('list_endpoints finds the anonymous endpoint that deletes data, and says why',
      open?.access === 'anyone' && open.changesData === true && /fallback policy/.test(open.why) && endpoints.structuredContent.endpoints.every((e) => e.access === 'anyone' && e.changesData));

    const { resourceTemplates } = await client.listResourceTemplates();
    const rule = await client.readResource({ uri: 'readiness://rules/RDY2001' });
    check('rule documentation is a resource', resourceTemplates.some((t) => t.uriTemplate === 'readiness://rules/{id}') && /^# RDY2001/.test(rule.contents[0]?.text ?? ''));
  } catch (e) {
    check('the session ran to the end', false, `${e.stack}\nserver stderr:\n${stderr}`);
  } finally {
    await client.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  }

  process.stdout.write(`mcp e2e: ${passed} passed, ${failed} failed\n`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => {
  process.stdout.write(`  FAIL ${e.stack}\nmcp e2e: ${passed} passed, ${failed + 1} failed\n`);
  process.exit(1);
});
