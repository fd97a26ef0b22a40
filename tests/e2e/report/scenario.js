// Opens the report in headless Chromium at desktop and phone widths. Each check prints PASS or
// FAIL; the last line says how many passed. Screenshots and a PDF go to $E2E_ARTIFACTS.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const file = path.resolve(process.env.REPORT_FILE);
const artifacts = process.env.E2E_ARTIFACTS;
const url = 'file://' + file;
let passed = 0;
let failed = 0;

function log(message) {
  process.stdout.write(`[report-e2e] ${message}\n`);
}

async function check(name, body) {
  try {
    await body();
    passed += 1;
    log(`PASS ${name}`);
  } catch (error) {
    failed += 1;
    log(`FAIL ${name}: ${error.message.split('\n')[0]}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Opens the report in a fresh page, recording every request that is not the file itself, and every console error. */
async function open(browser, viewport, options = {}) {
  const context = await browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  const outside = [];
  const errors = [];
  page.on('request', (r) => { if (r.url() !== url && !r.url().startsWith('data:')) outside.push(r.url()); });
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const started = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  const wall = Date.now() - started;
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return { domReady: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, firstPaint: paint ? paint.startTime : null };
  });
  return { context, page, outside, errors, wall, timing };
}

async function shownCount(page) {
  return page.locator('details.finding:not([hidden])').count();
}

async function main() {
  const size = fs.statSync(file).size;
  log(`report ${path.basename(file)}: ${(size / 1024).toFixed(1)} KB`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const desktop = await open(browser, { width: 1280, height: 900 });
    const page = desktop.page;
    log(`desktop: load ${desktop.timing.load.toFixed(0)} ms, DOM ready ${desktop.timing.domReady.toFixed(0)} ms, first paint ${desktop.timing.firstPaint?.toFixed(0)} ms (wall ${desktop.wall} ms)`);
    const total = await page.locator('details.finding').count();

    await check('loads with no request and no console error (CSP allows its own style and script only)', async () => {
      assert(desktop.outside.length === 0, `requests: ${desktop.outside.join(', ')}`);
      assert(desktop.errors.length === 0, `console: ${desktop.errors.join(' | ')}`);
      const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      assert(csp && csp.includes("default-src 'none'"), 'no strict CSP');
      // The script ran (it fills the count) and the style applied (the verdict has a coloured border).
      assert((await page.locator('#shown').textContent()).includes('finding'), 'script did not run');
      const border = await page.locator('.verdict').evaluate((e) => getComputedStyle(e).borderLeftWidth);
      assert(border === '8px', `style not applied (border ${border})`);
    });

    await check('verdict first, counts by severity, a chart by family', async () => {
      const headline = await page.locator('#verdict h1').textContent();
      assert(/^(Not ready|Nearly ready|Ready)/.test(headline), `headline: ${headline}`);
      assert((await page.locator('.counts .count').count()) === 4, 'four severity counts');
      assert((await page.locator('svg.chart.wide g.row').count()) === 6, 'six families in the chart');
      const box = await page.locator('#verdict').boundingBox();
      assert(box.y < 200, 'verdict is not at the top');
    });
    await page.screenshot({ path: path.join(artifacts, 'report-desktop.png') });

    await check('severity filter hides and shows findings', async () => {
      const errors = await page.locator('details.finding[data-sev="error"]').count();
      const chip = page.locator('.chip[data-value="error"]');
      if (errors === 0) return;
      await chip.click();
      assert((await shownCount(page)) === total - errors, 'error findings still shown');
      await chip.click();
      assert((await shownCount(page)) === total, 'not all shown again');
    });

    await check('family filter and search', async () => {
      const chip = page.locator('.chip[data-filter="family"]').first();
      const family = await chip.getAttribute('data-value');
      const inFamily = await page.locator(`details.finding[data-family="${family}"]`).count();
      await chip.click();
      assert((await shownCount(page)) === total - inFamily, 'family filter');
      assert((await page.locator(`section.family[data-family="${family}"]`).isHidden()), 'empty family still shown');
      await chip.click();
      const word = (await page.locator('details.finding .where').first().textContent()).split(':')[0];
      await page.locator('#search').fill(word);
      const matching = await shownCount(page);
      assert(matching > 0 && matching <= total, `search for ${word}: ${matching}`);
      await page.locator('#search').fill('zzzz-no-such-thing');
      assert((await shownCount(page)) === 0 && (await page.locator('#no-match').isVisible()), 'no-match message');
      await page.locator('#search').fill('');
    });

    await check('a finding opens to its explanation, fix diff and suppression comment', async () => {
      const withFix = page.locator('details.finding:has(.diff)').first();
      const finding = (await withFix.count()) > 0 ? withFix : page.locator('details.finding').first();
      await finding.locator('summary').click();
      assert(await finding.locator('.hover').isVisible(), 'explanation not shown');
      assert((await finding.locator('.copyable code').textContent()).includes('readiness-ignore'), 'no suppression comment');
      await finding.scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, -120));
      await page.screenshot({ path: path.join(artifacts, 'report-desktop-finding.png') });
    });

    await check('"Fix first" opens the finding it names', async () => {
      const link = page.locator('.fix-first a').first();
      if ((await link.count()) === 0) return;
      const id = await link.getAttribute('data-open');
      await page.evaluate(() => window.scrollTo(0, 0));
      await link.click();
      assert(await page.locator(`#${id}`).evaluate((d) => d.open), 'not opened');
    });

    await check('prints: controls hidden, findings open', async () => {
      await page.emulateMedia({ media: 'print' });
      assert(await page.locator('.filters').isHidden(), 'filters printed');
      await page.emulateMedia({ media: 'screen' });
      await page.pdf({ path: path.join(artifacts, 'report.pdf'), format: 'A4', printBackground: true });
      assert(fs.statSync(path.join(artifacts, 'report.pdf')).size > 10000, 'empty PDF');
    });
    await desktop.context.close();

    const phone = await open(browser, { width: 390, height: 844 }, { deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    log(`phone: load ${phone.timing.load.toFixed(0)} ms, first paint ${phone.timing.firstPaint?.toFixed(0)} ms`);
    await check('phone width: nothing wider than the screen', async () => {
      const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 1, `page is ${overflow}px wider than the phone`);
      assert(phone.errors.length === 0, `console: ${phone.errors.join(' | ')}`);
    });
    await phone.page.screenshot({ path: path.join(artifacts, 'report-phone.png') });
    const finding = phone.page.locator('details.finding:has(.diff)').first();
    if ((await finding.count()) > 0) {
      await finding.locator('summary').tap();
      await finding.scrollIntoViewIfNeeded();
      await phone.page.screenshot({ path: path.join(artifacts, 'report-phone-finding.png') });
      await check('phone width: an opened finding fits', async () => {
        const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert(overflow <= 1, `page is ${overflow}px wider than the phone`);
      });
    }
    await phone.page.locator('#configuration').scrollIntoViewIfNeeded();
    await phone.page.screenshot({ path: path.join(artifacts, 'report-phone-configuration.png') });
    await phone.context.close();
  } finally {
    await browser.close();
  }
}

main()
  .catch((error) => { failed += 1; log(`FAIL ${error.stack || error}`); })
  .finally(() => {
    log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed > 0 ? 1 : 0;
  });
