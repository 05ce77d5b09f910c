import assert from 'node:assert/strict';
import { IncidentLog, type IncidentFiles, type ResolveResult } from '../../../../src/core/incident/incident-log';
import { parseIncident } from '../../../../src/core/incident/incident-parser';
import { renderIncident } from '../../../../src/core/incident/incident-template';
import type { IncidentFile, IncidentMeta } from '../../../../src/core/incident/types';
import { sampleRecord } from '../../node/run-log-sample';

/** One incident file in memory. */
class OneIncident implements IncidentFiles {
  text: string;
  constructor(meta: IncidentMeta) {
    this.text = renderIncident(meta, { timeZone: 'UTC' });
  }
  async list(): Promise<IncidentFile[]> {
    return [parseIncident('incidents/i.md', this.text)];
  }
  async create(): Promise<string> {
    throw new Error('not used');
  }
  async append(_path: string, block: string): Promise<void> {
    this.text += block;
  }
  async resolve(): Promise<ResolveResult> {
    throw new Error('not used');
  }
  async setFields(): Promise<{ updated: boolean }> {
    throw new Error('not used');
  }
}

const META: IncidentMeta = { id: 'i', title: 'Orders down', severity: 'SEV2', status: 'active', started: '2026-12-07T09:00:00Z', runbooks: [] };

describe('attaching logged runs to an incident', () => {
  it('attaches the runs of this workspace since the incident started, once, oldest first', async () => {
    const files = new OneIncident(META);
    const log = new IncidentLog(files, { timeZone: 'UTC' });
    const records = [
      sampleRecord({ block: 'before', time: '2026-12-07T08:59:00.000Z' }),
      sampleRecord({ block: 'second', time: '2026-12-07T09:20:00.000Z', source: 'cli', context: 'prod-eu-1/payments', confirmation: 'typed' }),
      sampleRecord({ block: 'first', time: '2026-12-07T09:10:00.000Z', exitCode: 1, passed: false }),
      sampleRecord({ block: 'elsewhere', root: '/other', time: '2026-12-07T09:30:00.000Z' }),
    ];
    const first = await log.attachRuns(records, '/repo');
    assert.equal(first?.attached, 2);
    const timeline = parseIncident('incidents/i.md', files.text).timeline.filter((e) => e.kind === 'check');
    assert.deepEqual(timeline.map((e) => [e.blockName, e.passed, e.at, e.author]), [
      ['first', false, '2026-12-07T09:10:00Z', 'alice'],
      ['second', true, '2026-12-07T09:20:00Z', 'alice'],
    ]);
    assert.match(files.text, /\(from the run log: cli, in prod-eu-1\/payments, confirmed: typed; the output is not kept, its digest is sha256:00\)/);
    // Attaching again adds nothing: the timeline has them now.
    assert.equal((await log.attachRuns(records, '/repo'))?.attached, 0);
  });
});
