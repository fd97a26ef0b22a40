import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CLIENT_ONLY_KEYS, ENGINE_KEYS, needsRestart, readEngineSettings, RULE_LEVELS, SECTION, trustedValue } from '../src/settings';

function getter(values: Record<string, unknown>) {
  return (key: string) => values[key];
}

describe('readEngineSettings', () => {
  it('gives the defaults for an empty configuration', () => {
    assert.deepEqual(readEngineSettings(getter({})), { enable: true, rules: {}, exclude: [] });
  });

  it('passes valid values through', () => {
    const settings = readEngineSettings(getter({ enable: false, rules: { RDY2001: 'error', rdy2002: 'Off' }, exclude: ['tests/**'] }));
    assert.deepEqual(settings, { enable: false, rules: { RDY2001: 'error', RDY2002: 'off' }, exclude: ['tests/**'] });
  });

  it('drops values of the wrong type or unknown rule levels rather than failing', () => {
    const settings = readEngineSettings(getter({ enable: 'yes', rules: { RDY2001: 'loud', NOTARULE: 'off', RDY1001: false, RDY1002: 3 }, exclude: ['', 7, ' a/** '] }));
    assert.deepEqual(settings, { enable: true, rules: { RDY1001: 'off' }, exclude: ['a/**'] });
    assert.deepEqual(readEngineSettings(getter({ rules: ['RDY2001'], exclude: 'x' })), { enable: true, rules: {}, exclude: [] });
  });

  it('only ever produces the engine keys', () => {
    assert.deepEqual(Object.keys(readEngineSettings(getter({ trace: { server: 'verbose' }, dotnetPath: '/x' }))).sort(), [...ENGINE_KEYS].sort());
  });
});

describe('needsRestart', () => {
  it('restarts only for settings that choose the program', () => {
    assert.ok(needsRestart((s) => s === 'readiness.server.path'));
    assert.ok(needsRestart((s) => s === 'readiness.dotnetPath'));
    assert.ok(!needsRestart((s) => s === 'readiness.rules'));
    assert.ok(!needsRestart((s) => s === 'readiness.trace.server'));
  });
});

describe('trustedValue', () => {
  const inspected = { defaultValue: '', globalValue: '/user/server.dll', workspaceValue: '/repo/evil.dll' };
  it('uses the workspace value in a trusted workspace', () => {
    assert.equal(trustedValue(inspected, true), '/repo/evil.dll');
  });
  it('ignores the workspace value in an untrusted workspace', () => {
    assert.equal(trustedValue(inspected, false), '/user/server.dll');
    assert.equal(trustedValue({ defaultValue: '', workspaceFolderValue: '/repo/x' }, false), '');
  });
});

describe('package.json contributions', () => {
  // Compiled tests run from out/test, sources from test: find package.json either way.
  const manifestPath = [path.join(__dirname, '..', 'package.json'), path.join(__dirname, '..', '..', 'package.json')].find((p) => {
    try {
      return JSON.parse(readFileSync(p, 'utf8')).name === 'readiness';
    } catch {
      return false;
    }
  })!;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const properties: Record<string, any> = manifest.contributes.configuration.properties;
  const topKeys = new Set(Object.keys(properties).map((k) => k.slice(SECTION.length + 1).split('.')[0]));

  it('contributes exactly the engine keys and the client-only keys', () => {
    assert.deepEqual([...topKeys].sort(), [...ENGINE_KEYS, ...CLIENT_ONLY_KEYS].sort());
    for (const key of Object.keys(properties)) assert.ok(key.startsWith(`${SECTION}.`), key);
  });

  it('documents every setting', () => {
    for (const [key, schema] of Object.entries(properties)) {
      assert.ok(schema.description || schema.markdownDescription, `${key} has no description`);
      assert.ok('default' in schema, `${key} has no default`);
    }
  });

  it('offers the same rule levels the client forwards', () => {
    const ruleSchema = Object.values(properties['readiness.rules'].patternProperties)[0] as { enum: string[] };
    assert.deepEqual([...ruleSchema.enum].sort(), [...RULE_LEVELS].sort());
  });

  it('keeps the program-choosing settings out of untrusted workspaces', () => {
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.sort(), ['readiness.dotnetPath', 'readiness.server.path']);
  });

  it('declares the commands the status bar links to', () => {
    const declared = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(declared, ['readiness.openReport', 'readiness.rescan', 'readiness.restart', 'readiness.showOutput']);
  });
});
