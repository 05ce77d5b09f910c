import type { RunLogRecord } from '../../../src/core/audit/run-log';

/** A run log record with fixed values, changed by `over`. */
export function sampleRecord(over: Partial<RunLogRecord> = {}): RunLogRecord {
  return {
    v: 1,
    time: '2026-12-07T09:14:03.000Z',
    startedAt: '2026-12-07T09:14:02.600Z',
    user: 'alice',
    source: 'cli',
    root: '/repo',
    doc: 'runbooks/db.md',
    block: 'pool-config',
    blockIndex: 0,
    line: 12,
    command: 'cat deploy/pool.yaml',
    cwd: '.',
    kind: 'check',
    mode: 'captured',
    confirmation: 'none',
    exitCode: 0,
    passed: true,
    durationMs: 400,
    outputDigest: 'sha256:00',
    ...over,
  };
}
