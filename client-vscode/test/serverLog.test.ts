import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ServerLogClassifier } from '../src/serverLog';

describe('ServerLogClassifier', () => {
  it('takes the level from the Serilog header and strips it', () => {
    const c = new ServerLogClassifier();
    assert.deepEqual(c.classify('[23:15:16.765 INF] Initialized by code-server'), { level: 'info', text: 'Initialized by code-server' });
    assert.deepEqual(c.classify('[23:15:16.765 WRN] slow'), { level: 'warn', text: 'slow' });
    assert.deepEqual(c.classify('[23:15:16.765 DBG] detail'), { level: 'debug', text: 'detail' });
    assert.deepEqual(c.classify('[23:15:16.765 FTL] dead'), { level: 'error', text: 'dead' });
  });

  it('keeps the level for indented continuation lines', () => {
    const c = new ServerLogClassifier();
    c.classify('[23:15:16.765 ERR] Handler failed');
    assert.deepEqual(c.classify('   at ReadinessLsp.Server.Foo()'), { level: 'error', text: '   at ReadinessLsp.Server.Foo()' });
    c.classify('[23:15:16.765 INF] ok');
    assert.equal(c.classify('  more').level, 'info');
  });

  it('treats anything else on stderr as an error', () => {
    const c = new ServerLogClassifier();
    assert.equal(c.classify('You must install or update .NET to run this application.').level, 'error');
    c.classify('[23:15:16.765 INF] ok');
    assert.equal(c.classify('Unhandled exception. System.Exception: boom').level, 'error');
  });
});
