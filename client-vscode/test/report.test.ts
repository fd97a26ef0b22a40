import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { isReportResult, locationToOpen, reportTitle } from '../src/report';

describe('locationToOpen', () => {
  const folders = ['/work/shop'];

  it('opens a workspace file at the 1-based line and column the page names', () => {
    assert.deepEqual(locationToOpen({ type: 'open', path: '/work/shop/Program.cs', line: 63, column: 5 }, folders, path.posix),
      { path: '/work/shop/Program.cs', line: 62, character: 4 });
  });

  it('refuses files outside the workspace folders, relative paths and other messages', () => {
    assert.equal(locationToOpen({ type: 'open', path: '/etc/passwd', line: 1, column: 1 }, folders, path.posix), undefined);
    assert.equal(locationToOpen({ type: 'open', path: '/work/shop/../secrets.txt', line: 1, column: 1 }, folders, path.posix), undefined);
    assert.equal(locationToOpen({ type: 'open', path: '/work/shop-other/a.cs', line: 1, column: 1 }, folders, path.posix), undefined);
    assert.equal(locationToOpen({ type: 'open', path: 'Program.cs', line: 1, column: 1 }, folders, path.posix), undefined);
    assert.equal(locationToOpen({ type: 'open', path: '/work/shop', line: 1, column: 1 }, folders, path.posix), undefined);
    assert.equal(locationToOpen({ type: 'run', path: '/work/shop/a.cs' }, folders, path.posix), undefined);
    assert.equal(locationToOpen('open', folders, path.posix), undefined);
    assert.equal(locationToOpen(null, folders, path.posix), undefined);
  });

  it('falls back to the first line for a missing or odd position', () => {
    assert.deepEqual(locationToOpen({ type: 'open', path: '/work/shop/a.cs', line: -3, column: 'x' }, folders, path.posix),
      { path: '/work/shop/a.cs', line: 0, character: 0 });
  });
});

describe('report result', () => {
  it('recognises the server answer and titles the panel', () => {
    assert.equal(isReportResult({ html: '<!doctype html>', findings: 2 }), true);
    assert.equal(isReportResult({ html: 1 }), false);
    assert.equal(isReportResult(null), false);
    assert.equal(reportTitle(0), 'Readiness report');
    assert.equal(reportTitle(1), 'Readiness report (1 finding)');
    assert.equal(reportTitle(29), 'Readiness report (29 findings)');
  });
});
