import assert from 'node:assert/strict';
import {
  DEFAULT_INCIDENTS_FOLDER,
  IncidentClosedError,
  IncidentLog,
  incidentsFolder,
  isClosed,
  type AppendOptions,
  type IncidentFiles,
  type ResolveResult,
} from '../../../../src/core/incident/incident-log';
import { parseIncident } from '../../../../src/core/incident/incident-parser';
import { renderIncident } from '../../../../src/core/incident/incident-template';
import { setFrontMatterFields } from '../../../../src/core/incident/set-fields';
import type { IncidentFile, IncidentMeta } from '../../../../src/core/incident/types';
import type { RunRecord } from '../../../../src/core/runner/run-block';

/** Incident files in memory: path → text; records every call. */
class MemoryIncidentFiles implements IncidentFiles {
  readonly texts = new Map<string, string>();
  readonly calls: string[] = [];

  async list(): Promise<IncidentFile[]> {
    return [...this.texts].map(([path, text]) => parseIncident(path, text));
  }
  async create(meta: IncidentMeta): Promise<string> {
    const path = `incidents/${meta.started.slice(0, 10)}-${meta.title.toLowerCase().replace(/\W+/g, '-')}.md`;
    this.calls.push(`create ${path}`);
    this.texts.set(path, renderIncident({ ...meta, id: path.slice(10, -3) }, { timeZone: 'UTC' }));
    return path;
  }
  async append(path: string, block: string, options: AppendOptions = {}): Promise<void> {
    this.calls.push(`append ${path}${options.onlyIfActive ? ' if active' : ''}`);
    const text = this.texts.get(path);
    if (text === undefined) throw new Error(`no ${path}`);
    if (options.onlyIfActive && isClosed(parseIncident(path, text))) throw new IncidentClosedError(path);
    this.texts.set(path, text + block);
  }
  async setFields(path: string, fields: Record<string, string>): Promise<{ updated: boolean; problem?: string }> {
    this.calls.push(`set ${path} ${JSON.stringify(fields)}`);
    const result = setFrontMatterFields(this.texts.get(path)!, fields);
    if ('error' in result) return { updated: false, problem: result.error };
    this.texts.set(path, result.text);
    return { updated: true };
  }
  async resolve(path: string, at: Date, author?: string): Promise<ResolveResult> {
    this.calls.push(`resolve ${path} ${at.toISOString()} ${author}`);
    return { postmortemPath: path.replace(/\.md$/, '-postmortem.md'), frontMatterUpdated: true, incident: parseIncident(path, this.texts.get(path)!) };
  }
}

const T0 = new Date('2026-11-22T14:00:00Z');

function makeLog(files = new MemoryIncidentFiles(), author: string | null = 'Alice') {
  let clock = T0.getTime();
  const log = new IncidentLog(files, { timeZone: 'UTC', author: async () => author ?? undefined, now: () => new Date((clock += 60_000)) });
  return { files, log };
}

describe('IncidentLog', () => {
  it('defines the incidents folder once and normalises a configured one', () => {
    assert.equal(DEFAULT_INCIDENTS_FOLDER, 'incidents');
    assert.equal(incidentsFolder(undefined), 'incidents');
    assert.equal(incidentsFolder(''), 'incidents');
    assert.equal(incidentsFolder('./ops/incidents/'), 'ops/incidents');
    assert.equal(incidentsFolder('/'), 'incidents');
  });

  it('records the alert and the page time at start, and sets them later with a "Paged" entry in time order (#22)', async () => {
    const { files, log } = makeLog();
    const { path } = await log.start({ title: 'Orders down', severity: 'SEV2', runbooks: [], alert: ' OrdersErrorRate ', paged: new Date('2026-11-22T13:55:00Z') });
    assert.deepEqual([(await log.active())!.meta!.alert, (await log.active())!.meta!.paged], ['OrdersErrorRate', '2026-11-22T13:55:00Z']);
    const later = makeLog();
    const other = await later.log.start({ title: 'Payments slow', severity: 'SEV3', runbooks: [] });
    assert.equal((await later.log.active())!.meta!.alert, undefined);
    const set = await later.log.setPage({ alert: 'PaymentsLatencyHigh', paged: new Date('2026-11-22T13:50:00Z') });
    assert.equal(set?.problem, undefined);
    const incident = (await later.log.active())!;
    assert.deepEqual([incident.meta!.alert, incident.meta!.paged], ['PaymentsLatencyHigh', '2026-11-22T13:50:00Z']);
    assert.ok(later.files.texts.get(other.path)!.includes('- **2026-11-22T13:50:00Z** (13:50 local) — *Alice*: ⚑ Paged: PaymentsLatencyHigh\n'));
    assert.deepEqual(later.files.calls.slice(1), [`set ${other.path} {"alert":"PaymentsLatencyHigh","paged":"2026-11-22T13:50:00Z"}`, `append ${other.path} if active`]);
    assert.ok(files.texts.get(path)!.includes('⚑ Paged: OrdersErrorRate'));
  });

  it('starts an active incident with the author as commander, and says which one was active before', async () => {
    const { files, log } = makeLog();
    const first = await log.start({ title: 'Orders down', severity: 'SEV2', runbooks: ['runbooks/orders.md'] });
    assert.deepEqual(first, { path: 'incidents/2026-11-22-orders-down.md' });
    const meta = (await log.active())!.meta!;
    assert.deepEqual(meta, {
      id: '2026-11-22-orders-down',
      title: 'Orders down',
      severity: 'SEV2',
      status: 'active',
      started: '2026-11-22T14:01:00Z',
      runbooks: ['runbooks/orders.md'],
      commander: 'Alice',
    });
    const second = await log.start({ title: 'Payments slow', severity: 'SEV3', runbooks: [] });
    assert.equal(second.path, 'incidents/2026-11-22-payments-slow.md');
    assert.equal(second.previous?.path, 'incidents/2026-11-22-orders-down.md');
    assert.equal((await log.active())!.path, 'incidents/2026-11-22-payments-slow.md');
    assert.deepEqual(files.calls, ['create incidents/2026-11-22-orders-down.md', 'create incidents/2026-11-22-payments-slow.md']);
  });

  it('appends a note to the active incident, at an explicit leading time when there is one', async () => {
    const { files, log } = makeLog();
    const { path } = await log.start({ title: 'Orders down', severity: 'SEV2', runbooks: [] });
    const now = await log.note('paged the DB team');
    assert.equal(now?.at.toISOString(), '2026-11-22T14:02:00.000Z');
    const earlier = await log.note('13:55 first alert fired');
    assert.equal(earlier?.at.toISOString(), '2026-11-22T13:55:00.000Z');
    const given = await log.note('failover done', new Date('2026-11-22T14:30:00Z'));
    assert.equal(given?.at.toISOString(), '2026-11-22T14:30:00.000Z');
    const text = files.texts.get(path)!;
    assert.ok(text.endsWith([
      '- **2026-11-22T14:02:00Z** (14:02 local) — *Alice*: paged the DB team',
      '- **2026-11-22T13:55:00Z** (13:55 local) — *Alice*: first alert fired',
      '- **2026-11-22T14:30:00Z** (14:30 local) — *Alice*: failover done',
      '',
    ].join('\n')), text);
    assert.deepEqual((await log.active())!.timeline.map((e) => e.summary), ['Incident started (severity SEV2)', 'paged the DB team', 'first alert fired', 'failover done']);
  });

  it('writes nothing and says so when no incident is active', async () => {
    const { files, log } = makeLog();
    assert.equal(await log.note('hello'), undefined);
    assert.equal(await log.feedback('runbooks/a.md', 3, 'wrong step'), undefined);
    assert.equal(await log.resolve(), undefined);
    assert.deepEqual(files.calls, []);
  });

  it('records a check run with its block, command, result and output, linked from the incident', async () => {
    const { files, log } = makeLog();
    const { path } = await log.start({ title: 'Orders down', severity: 'SEV2', runbooks: [] });
    const record: RunRecord = {
      docPath: 'runbooks/db/pool.md',
      blockIndex: 0,
      blockName: 'pool-config',
      kind: 'check',
      line: 25,
      command: 'cat deploy/pool.yaml',
      cwd: '.',
      result: { exitCode: 0, signal: null, durationMs: 400, timedOut: false, cancelled: false, truncated: false, output: 'max: 50\n', passed: true },
      finishedAt: new Date('2026-11-22T14:03:00Z'),
    };
    assert.equal((await log.recordRun(record))?.path, path);
    const entry = (await log.active())!.timeline.at(-1)!;
    assert.equal(entry.kind, 'check');
    assert.equal(entry.blockName, 'pool-config');
    assert.equal(entry.passed, true);
    assert.deepEqual(entry.target, { path: 'runbooks/db/pool.md', line: 25 });
    assert.ok(files.texts.get(path)!.endsWith([
      '- **2026-11-22T14:03:00Z** (14:03 local) — *Alice*: ▶ check `pool-config` in [runbooks/db/pool.md#L25](../runbooks/db/pool.md#L25) — ✓ passed, exit 0, 400 ms',
      '',
      '  cwd: `.`',
      '',
      '  ```sh',
      '  cat deploy/pool.yaml',
      '  ```',
      '',
      '  <details><summary>output (1 line)</summary>',
      '',
      '  ```text',
      '  max: 50',
      '  ```',
      '',
      '  </details>',
      '',
    ].join('\n')), files.texts.get(path));
  });

  it('records feedback and status lines, and resolves the active incident with the author and time', async () => {
    const { files, log } = makeLog();
    const { path } = await log.start({ title: 'Orders down', severity: 'SEV2', runbooks: [] });
    await log.feedback('runbooks/db/pool.md', 25, 'the pool is in pgbouncer.ini now');
    await log.status(path, 'Resolved feedback on runbooks/db/pool.md#L25');
    assert.deepEqual((await log.active())!.timeline.map((e) => [e.kind, e.summary, e.at]), [
      ['status', 'Incident started (severity SEV2)', '2026-11-22T14:01:00Z'],
      ['feedback', 'the pool is in pgbouncer.ini now', '2026-11-22T14:02:00Z'],
      ['status', 'Resolved feedback on runbooks/db/pool.md#L25', '2026-11-22T14:03:00Z'],
    ]);
    const resolved = await log.resolve();
    assert.equal(resolved?.postmortemPath, 'incidents/2026-11-22-orders-down-postmortem.md');
    assert.equal(files.calls.at(-1), `resolve ${path} 2026-11-22T14:04:00.000Z Alice`);
  });

  it('asks the files to refuse notes, runs and feedback once the incident is resolved, but not status lines', async () => {
    const { files, log } = makeLog();
    const { path } = await log.start({ title: 'Orders down', severity: 'SEV2', runbooks: [] });
    await log.note('paged');
    await log.status(path, 'Resolved feedback on runbooks/a.md#L1');
    assert.deepEqual(files.calls.slice(1), [`append ${path} if active`, `append ${path}`]);
    // Resolved by someone else after this log picked the incident: the note is refused, not appended.
    const picked = await log.active();
    files.texts.set(path, files.texts.get(path)!.replace('status: active', 'status: resolved'));
    await assert.rejects(files.append(picked!.path, 'late\n', { onlyIfActive: true }), (error: Error) => error instanceof IncidentClosedError && error.message.startsWith(`${path} was resolved; the note was not added.`));
    assert.equal(await log.note('late'), undefined, 'a resolved incident is no longer the active one');
  });

  it('leaves the author out when it is not known', async () => {
    const { files, log } = makeLog(new MemoryIncidentFiles(), null);
    const { path } = await log.start({ title: 'Orders down', severity: 'SEV2', runbooks: [] });
    assert.equal((await log.active())!.meta!.commander, undefined);
    await log.note('hello');
    assert.ok(files.texts.get(path)!.endsWith('- **2026-11-22T14:02:00Z** (14:02 local) — hello\n'), files.texts.get(path));
  });
});
