import assert from 'node:assert/strict';
import { describeRun, filterRuns, parseRunLog, parseSince, runLogRecord, serializeRunLogRecord } from '../../../../src/core/audit/run-log';
import type { RunRecord } from '../../../../src/core/runner/run-block';
import { sampleRecord } from '../../node/run-log-sample';

const NOW = new Date('2026-12-07T12:00:00Z');

describe('run log records', () => {
  const run: RunRecord = {
    docPath: 'runbooks/db.md',
    blockIndex: 2,
    blockName: 'rotate',
    kind: 'change',
    line: 30,
    command: 'curl -H "Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123456789" https://api',
    cwd: 'ops',
    result: { exitCode: 3, signal: null, durationMs: 1234.4, timedOut: false, cancelled: false, truncated: false, output: 'x', passed: false },
    finishedAt: new Date('2026-12-07T09:14:03.000Z'),
  };

  it('builds the line of a run: times, who, where, how it was confirmed, the redacted command', () => {
    const record = runLogRecord(run, { user: 'alice', source: 'editor', root: '/repo', context: 'prod-eu-1/payments', confirmation: 'typed', outputDigest: 'sha256:ab' });
    assert.deepEqual(record, {
      v: 1,
      time: '2026-12-07T09:14:03.000Z',
      startedAt: '2026-12-07T09:14:01.766Z',
      user: 'alice',
      source: 'editor',
      root: '/repo',
      doc: 'runbooks/db.md',
      block: 'rotate',
      blockIndex: 2,
      line: 30,
      command: 'curl -H "Authorization: Bearer [REDACTED:bearer-token]" https://api',
      cwd: 'ops',
      context: 'prod-eu-1/payments',
      kind: 'change',
      mode: 'captured',
      confirmation: 'typed',
      exitCode: 3,
      passed: false,
      durationMs: 1234,
      outputDigest: 'sha256:ab',
    });
  });

  it('reads back what it writes, and lists lines that are not records instead of dropping them', () => {
    const text = serializeRunLogRecord(sampleRecord({ block: 'a' })) + 'not json\n\n{"v":2}\n' + serializeRunLogRecord(sampleRecord({ block: 'b' }));
    const parsed = parseRunLog(text);
    assert.deepEqual(parsed.records.map((r) => r.block), ['a', 'b']);
    assert.deepEqual(parsed.problems.map((p) => [p.line, p.message.split(' (')[0]]), [
      [2, 'not JSON'],
      [4, 'not a run record'],
    ]);
  });
});

describe('filterRuns and parseSince', () => {
  const records = [
    sampleRecord({ block: 'old', time: '2026-12-01T00:00:00.000Z' }),
    sampleRecord({ block: 'other-doc', doc: 'runbooks/web.md', time: '2026-12-07T10:00:00.000Z' }),
    sampleRecord({ block: 'recent', time: '2026-12-07T11:00:00.000Z' }),
    sampleRecord({ block: 'other-root', root: '/elsewhere', time: '2026-12-07T11:30:00.000Z' }),
  ];

  it('keeps the runs of a doc, a root and a time window, newest first', () => {
    assert.deepEqual(filterRuns(records, {}).map((r) => r.block), ['other-root', 'recent', 'other-doc', 'old']);
    assert.deepEqual(filterRuns(records, { doc: 'runbooks/db.md', root: '/repo' }).map((r) => r.block), ['recent', 'old']);
    assert.deepEqual(filterRuns(records, { since: parseSince('2d', NOW) as Date }).map((r) => r.block), ['other-root', 'recent', 'other-doc']);
  });

  it('reads durations and dates, and refuses anything else with the accepted forms', () => {
    assert.equal((parseSince('90m', NOW) as Date).toISOString(), '2026-12-07T10:30:00.000Z');
    assert.equal((parseSince('1w', NOW) as Date).toISOString(), '2026-11-30T12:00:00.000Z');
    assert.equal((parseSince('2026-12-01', NOW) as Date).toISOString(), '2026-12-01T00:00:00.000Z');
    assert.deepEqual(parseSince('yesterday', NOW), { error: '--since must be a duration (30m, 12h, 2d, 1w) or a date (2026-12-01), not "yesterday"' });
  });

  it('describes a run in one line', () => {
    assert.equal(describeRun(sampleRecord({ context: 'staging-us/web' })), '2026-12-07 09:14:03Z ✓ exit 0  0.4 s  check  runbooks/db.md#pool-config  staging-us/web  alice (cli, none)');
    assert.equal(describeRun(sampleRecord({ mode: 'terminal', passed: null, exitCode: null })), '2026-12-07 09:14:03Z ▷ terminal  0.4 s  check  runbooks/db.md#pool-config  alice (cli, none)');
  });
});
