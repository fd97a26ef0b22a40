import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMANDS, countSeverities, describeCounts, escapeMarkdown, statusView } from '../src/statusBar';

describe('countSeverities', () => {
  it('counts VS Code DiagnosticSeverity values', () => {
    assert.deepEqual(countSeverities([0, 0, 1, 2, 3, 1]), { error: 2, warning: 2, info: 1, hint: 1 });
    assert.deepEqual(countSeverities([]), { error: 0, warning: 0, info: 0, hint: 0 });
  });
});

describe('statusView', () => {
  it('shows counts by severity, skipping zeros', () => {
    const view = statusView({ kind: 'running', counts: { error: 2, warning: 0, info: 3, hint: 0 } });
    assert.equal(view.text, '$(shield) Readiness $(error) 2 $(info) 3');
    assert.match(view.tooltip, /2 errors, 3 infos/);
    assert.equal(view.alarm, false);
  });

  it('shows a check mark when there is nothing to report', () => {
    const view = statusView({ kind: 'running', counts: { error: 0, warning: 0, info: 0, hint: 0 } });
    assert.equal(view.text, '$(shield) Readiness $(check)');
    assert.match(view.tooltip, /no findings/);
  });

  it('offers every command in every state', () => {
    for (const state of [
      { kind: 'starting' },
      { kind: 'disabled' },
      { kind: 'stopped' },
      { kind: 'failed', message: 'x' },
      { kind: 'running', counts: { error: 1, warning: 1, info: 1, hint: 1 } },
    ] as const) {
      const { tooltip } = statusView(state);
      for (const command of Object.values(COMMANDS)) assert.ok(tooltip.includes(`(command:${command})`), `${state.kind} lacks ${command}`);
    }
  });

  it('shows a failure with the message, escaped, and the error background', () => {
    const view = statusView({ kind: 'failed', message: 'Install .NET from https://x/[y]' });
    assert.equal(view.alarm, true);
    assert.match(view.tooltip, /Install \.NET from https:\/\/x\/\\\[y\\\]/);
  });
});

describe('describeCounts', () => {
  it('uses singular and plural', () => {
    assert.equal(describeCounts({ error: 1, warning: 2, info: 0, hint: 1 }), '1 error, 2 warnings, 1 hint');
  });
  it('escapes markdown', () => {
    assert.equal(escapeMarkdown('a_b*c'), 'a\\_b\\*c');
  });
});
