import assert from 'node:assert/strict';
import { incidentFileName } from '../../../src/core/incident/incident-template';
import { redactSecrets } from '../../../src/core/redact';
import { LOOK_ALIKES, REAL_RUNBOOK_LOOK_ALIKES, SECRET_CASES } from '../support/secret-corpus';

describe('redaction corpus', () => {
  it('has at least 40 secrets across notes, titles, output and arguments, and 20 look-alikes', () => {
    assert.ok(SECRET_CASES.length >= 40, String(SECRET_CASES.length));
    assert.ok(LOOK_ALIKES.length >= 20, String(LOOK_ALIKES.length));
    assert.deepEqual([...new Set(SECRET_CASES.map((c) => c.place))].sort(), ['argument', 'note', 'output', 'title']);
  });

  describe('redacts every secret, as the kind expected', () => {
    for (const c of SECRET_CASES) {
      it(`${c.kind} in ${c.place}: ${c.text.slice(0, 50).replace(/\n/g, '⏎')}`, () => {
        const { text } = redactSecrets(c.text);
        assert.ok(!text.includes(c.secret), text);
        assert.ok(text.includes(`[REDACTED:${c.kind}]`), text);
      });
    }
  });

  describe('never redacts a look-alike', () => {
    for (const [name, input] of LOOK_ALIKES) {
      it(name, () => {
        assert.deepEqual(redactSecrets(input), { text: input, count: 0 });
      });
    }
  });

  describe('never redacts what public runbooks write where secrets would go', () => {
    for (const [name, input] of REAL_RUNBOOK_LOOK_ALIKES) {
      it(name, () => {
        assert.deepEqual(redactSecrets(input), { text: input, count: 0 });
      });
    }
  });

  it('keeps secrets in a title out of the incident file name', () => {
    for (const c of SECRET_CASES.filter((s) => s.place === 'title')) {
      const name = incidentFileName(new Date('2026-11-22T14:05:00Z'), c.text);
      assert.ok(!name.toLowerCase().includes(c.secret.toLowerCase().slice(0, 12)), name);
    }
    assert.equal(incidentFileName(new Date('2026-11-22T14:05:00Z'), 'Token ghp_16C7e42F292c6912E7710c838347Ae178B4a pushed'), '2026-11-22-token-redacted-github-token-pushed.md');
  });

  it('finishes on 1 MB inputs built against the new rules', function () {
    this.timeout(60_000);
    const MB = 1_000_000;
    const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
    const units = ['mysql -p', 'redis-cli -a ', '-u a:', 'machine x password ', 'Cookie: a=', 'sk-', 'aws secret ', 'sig=', '"auth": "', 'AccountKey=', 'x\tTRUE\t/\tFALSE\t0\tn\t', 'token is ', 'password is ', 'dXNlcjpwYXNz ', 'Authorization: '];
    for (const unit of units) {
      const started = performance.now();
      redactSecrets(fill(unit));
      assert.ok(performance.now() - started < 10_000, `took ${Math.round(performance.now() - started)} ms on ${JSON.stringify(unit)}`);
    }
  });
});
