// The VS Code scenario: run by run.sh against code-server with the .vsix installed and a copy of
// samples/VibeShop open. Each check takes a screenshot; the last line says how many passed.
'use strict';

// ---- What the sample must show. Adjust here when rules or the sample change. -------------------
const EXPECT = {
  // Findings that must appear in the Problems panel: the file's name and the rule id (a prefix
  // such as 'RDY21' matches any rule of that family).
  problems: [
    { name: 'csharp', file: 'Program.cs', code: 'RDY2001' },
    { name: 'appsettings', file: 'appsettings.json', code: 'RDY21' },
    { name: 'env', file: '.env', code: 'RDY21' },
  ],
  // Hover over this text in this file; the hover must match `explains` (text only the server's
  // hover gives, not just the diagnostic's message).
  hover: { file: 'Program.cs', code: 'RDY2001', token: 'UseDeveloperExceptionPage', explains: /IsDevelopment/ },
  // The quick fix picked from the hover's "Quick Fix..." list, and the text it must leave; the
  // hover's finding must then leave the Problems panel.
  fix: { title: /develop/i, after: 'if (app.Environment.IsDevelopment())' },
};
// -----------------------------------------------------------------------------------------------

const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { chromium } = require('playwright-core');

const url = process.env.E2E_URL;
const artifacts = process.env.E2E_ARTIFACTS;
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 60000);
let passed = 0;
let failed = 0;
let shot = 0;

function log(message) {
  process.stdout.write(`[vscode-e2e] ${message}\n`);
}

async function screenshot(page, name) {
  shot += 1;
  const file = path.join(artifacts, `${String(shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file }).catch((e) => log(`screenshot ${name} failed: ${e.message}`));
  return file;
}

async function check(page, name, body) {
  const started = Date.now();
  try {
    await body();
    passed += 1;
    const file = await screenshot(page, name);
    log(`PASS ${name} (${((Date.now() - started) / 1000).toFixed(1)} s) ${path.basename(file)}`);
  } catch (error) {
    failed += 1;
    const file = await screenshot(page, `${name}-FAILED`);
    log(`FAIL ${name}: ${error.message.split('\n')[0]} (see ${path.basename(file)})`);
  }
}

/** Runs a command from the command palette (F1), by its label. */
async function runCommand(page, label) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`>${label}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
}

/** Opens a workspace file by its path relative to the workspace, through Quick Open. */
async function openFile(page, relative) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(relative);
  const base = path.basename(relative);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(base)}$`) }) }).first();
  await row.waitFor({ timeout: 10000 });
  await row.click();
  await page.locator(`.tabs-container .tab.active[aria-label^="${base}"]`).waitFor({ timeout: 10000 });
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Shows only the Problems rows matching `filter` (VS Code's filter is fuzzy) and returns them
 * grouped: for each file row, the texts of the marker rows below it.
 */
async function problemsMatching(page, filter) {
  const input = page.locator('.markers-panel-container .monaco-inputbox input, .panel .viewpane-filter input').first();
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(filter);
  await page.waitForTimeout(400);
  const rows = await page.locator('.markers-panel .monaco-list-row').evaluateAll((elements) =>
    elements
      .map((r) => ({ index: Number(r.getAttribute('data-index')), text: r.textContent || '', file: r.querySelector('.label-name')?.textContent || '' }))
      .sort((a, b) => a.index - b.index),
  );
  const byFile = {};
  let current = '';
  for (const row of rows) {
    if (row.file) byFile[(current = row.file)] ??= [];
    else if (current) byFile[current].push(row.text);
  }
  return byFile;
}

/** Clicks the Problems row of a finding, which opens the file at the finding. */
async function revealProblem(page, file, code) {
  await problemsMatching(page, code);
  const rows = page.locator('.markers-panel .monaco-list-row');
  const count = await rows.count();
  let inFile = false;
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    const name = await row.locator('.label-name').first().textContent({ timeout: 1000 }).catch(() => '');
    if (name) inFile = name === file;
    else if (inFile && ((await row.textContent()) || '').includes(code)) {
      await row.click();
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`no ${code} row for ${file} in Problems`);
}

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(TIMEOUT);
    log(`opening ${url}`);
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60000 });
    // The status bar item appears once the extension has activated.
    const status = page.locator('.statusbar-item', { hasText: 'Readiness' }).first();
    await status.waitFor({ timeout: 60000 });
    // The item's accessible label starts with its icon name: `shield` once the server runs,
    // `error` or `debug-stop` when it could not start (then stop early, with the reason).
    const state = await page.waitForFunction(() => {
      const label = [...document.querySelectorAll('.statusbar-item')].map((e) => e.getAttribute('aria-label') || '').find((l) => /Readiness/.test(l)) || '';
      return /^(shield|error|debug-stop)\b/.test(label.trim()) ? label.trim() : false;
    }, null, { timeout: 90000 }).then((h) => h.jsonValue());
    await screenshot(page, 'workbench');
    if (!state.startsWith('shield')) {
      const notice = await page.locator('.notifications-toasts').textContent().catch(() => '');
      throw new Error(`the Readiness server is not running: ${notice || state}`);
    }

    // The server scans the workspace; opening the files makes sure each one is analysed too.
    await openFile(page, EXPECT.hover.file);
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor({ timeout: 15000 });

    for (const expected of EXPECT.problems) {
      await check(page, `problems-${expected.name}`, async () => {
        const deadline = Date.now() + TIMEOUT;
        for (;;) {
          const byFile = await problemsMatching(page, expected.code);
          if ((byFile[expected.file] || []).some((text) => text.includes(expected.code))) return;
          if (Date.now() > deadline) {
            throw new Error(`no ${expected.code} finding in ${expected.file}; Problems shows: ${JSON.stringify(byFile)}`);
          }
          await page.waitForTimeout(1000);
        }
      });
    }
    await problemsMatching(page, '');

    await check(page, 'status-bar-counts', async () => {
      const item = page.locator('.statusbar-item', { hasText: 'Readiness' }).first();
      await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => /Readiness/.test(e.textContent || '') && /\d/.test(e.textContent || '')), null, { timeout: TIMEOUT });
      const text = (await item.textContent()) || '';
      if (!/\d/.test(text)) throw new Error(`status bar shows "${text}"`);
    });

    await check(page, 'report-webview', async () => {
      // "Readiness: Open Report": the server's page in a webview, its CSP and script intact, and
      // a location in it opens the file at the line.
      await runCommand(page, 'Readiness: Open Report');
      const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      const headline = frame.locator('#verdict-h');
      await headline.waitFor({ timeout: TIMEOUT });
      const text = (await headline.textContent()) || '';
      if (!/^Not ready/.test(text)) throw new Error(`the report says "${text}"`);
      await frame.locator('body.in-editor').waitFor({ timeout: 10000 });
      const finding = frame.locator('details.finding', { hasText: EXPECT.hover.code }).first();
      await finding.locator('summary').click();
      await finding.locator('.hover').waitFor({ state: 'visible', timeout: 10000 });
      await screenshot(page, 'report-webview-open');
      const line = await finding.locator('a.loc').first().getAttribute('data-line');
      await finding.locator('a.loc').first().click();
      await page.locator(`.tabs-container .tab.active[aria-label^="${EXPECT.hover.file}"]`).waitFor({ timeout: 10000 });
      await page.locator('.statusbar-item', { hasText: /Ln \d+/ }).first().waitFor({ timeout: 10000 });
      const position = (await page.locator('.statusbar-item', { hasText: /Ln \d+/ }).first().textContent()) || '';
      if (!position.includes(`Ln ${line},`)) throw new Error(`the editor is at "${position}", not line ${line}`);
    });

    await check(page, 'hover', async () => {
      await revealProblem(page, EXPECT.hover.file, EXPECT.hover.code);
      const token = page.locator('.monaco-editor .view-lines span', { hasText: EXPECT.hover.token }).first();
      await token.scrollIntoViewIfNeeded();
      const hover = page.locator('.monaco-hover:not(.hidden)').first();
      const deadline = Date.now() + TIMEOUT;
      for (;;) {
        const box = await token.boundingBox();
        if (!box) throw new Error(`"${EXPECT.hover.token}" is not on screen`);
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        try {
          await hover.waitFor({ state: 'visible', timeout: 5000 });
          const text = (await hover.textContent()) || '';
          if (EXPECT.hover.explains.test(text)) return;
          if (Date.now() > deadline) throw new Error(`hover says: ${text.slice(0, 300)}`);
        } catch (error) {
          if (Date.now() > deadline) throw error;
        }
        await page.mouse.move(5, 5);
        await page.waitForTimeout(500);
      }
    });

    await check(page, 'quick-fix', async () => {
      const link = page.locator('.monaco-hover:not(.hidden) .action-container a, .monaco-hover:not(.hidden) .action', { hasText: 'Quick Fix' }).first();
      await link.waitFor({ state: 'visible', timeout: 10000 });
      await link.click();
      const action = page.locator('.action-widget .monaco-list-row', { hasText: EXPECT.fix.title }).first();
      await action.waitFor({ state: 'visible', timeout: 10000 });
      await screenshot(page, 'quick-fix-menu');
      await action.click();
      await page.waitForFunction(
        (expected) => [...document.querySelectorAll('.monaco-editor .view-line')].some((l) => (l.textContent || '').replace(/\u00a0/g, ' ').includes(expected)),
        EXPECT.fix.after,
        { timeout: 15000 },
      );
      await page.mouse.move(5, 5);
      // The server re-analyses the edited text: the finding must go away.
      const deadline = Date.now() + TIMEOUT;
      while (((await problemsMatching(page, EXPECT.hover.code))[EXPECT.hover.file] || []).some((t) => t.includes(EXPECT.hover.code))) {
        if (Date.now() > deadline) throw new Error(`${EXPECT.hover.code} is still reported after the fix`);
        await page.waitForTimeout(500);
      }
    });

    await check(page, 'no-dotnet-10-message', async () => {
      // Point readiness.dotnetPath at a `dotnet` that only has .NET 8: the extension restarts the
      // server, finds no suitable runtime and says what to install (no stack trace).
      const machineSettings = process.env.E2E_MACHINE_SETTINGS;
      const original = fs.readFileSync(machineSettings, 'utf8');
      const fakeDotnet = path.join(path.dirname(machineSettings), 'dotnet8-only');
      fs.writeFileSync(fakeDotnet, '#!/bin/sh\necho "Microsoft.NETCore.App 8.0.11 [/usr/share/dotnet/shared/Microsoft.NETCore.App]"\n', { mode: 0o755 });
      fs.writeFileSync(machineSettings, JSON.stringify({ ...JSON.parse(original), 'readiness.dotnetPath': fakeDotnet }, null, 2));
      try {
        const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'needs the .NET 10 runtime' }).first();
        await toast.waitFor({ state: 'visible', timeout: TIMEOUT });
        const text = (await toast.textContent()) || '';
        if (!/Install the \.NET 10 Runtime/.test(text)) throw new Error(`message does not say what to install: ${text}`);
        if (/\bat \S+ \(/.test(text)) throw new Error(`message shows a stack trace: ${text}`);
        await screenshot(page, 'no-dotnet-10-message-toast');
      } finally {
        fs.writeFileSync(machineSettings, original);
      }
      // With the setting back, the server restarts by itself.
      await page.waitForFunction(() => {
        const label = [...document.querySelectorAll('.statusbar-item')].map((e) => e.getAttribute('aria-label') || '').find((l) => /Readiness/.test(l)) || '';
        return /^shield\b/.test(label.trim());
      }, null, { timeout: TIMEOUT });
      await page.locator('.notifications-toasts .codicon-close').first().click({ force: true, timeout: 2000 }).catch(() => undefined);
      // ...and reports the workspace's findings again.
      const again = EXPECT.problems[1];
      const deadline = Date.now() + TIMEOUT;
      while (!((await problemsMatching(page, again.code))[again.file] || []).some((t) => t.includes(again.code))) {
        if (Date.now() > deadline) throw new Error(`after the restart, no ${again.code} finding in ${again.file}`);
        await page.waitForTimeout(500);
      }
    });

    // Not a check: a picture of the extension's page (README with screenshots), for people.
    try {
      await runCommand(page, 'Extensions: Show Installed Extensions');
      const row = page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Readiness' }).first();
      await row.click({ timeout: 10000 });
      await page.locator('.extension-editor').waitFor({ timeout: 10000 });
      await page.waitForTimeout(3000);
      await screenshot(page, 'extension-page');
    } catch (error) {
      log(`(no extension page screenshot: ${error.message.split('\n')[0]})`);
    }
  } finally {
    await context.close().catch(() => undefined);
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main()
  .catch((error) => {
    failed += 1;
    log(`FAIL setup: ${error.stack || error.message}`);
  })
  .finally(() => {
    console.log(`vscode e2e: ${passed} passed, ${failed} failed`);
    process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
  });
