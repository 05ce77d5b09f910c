import assert from 'node:assert/strict';
import { unparseable } from '../../../../src/core/parse-bytes';
import { parseDoc } from '../../../../src/core/parse-doc';
import { StalenessEngine } from '../../../../src/core/staleness/engine';
import { referencesByTarget } from '../../../../src/core/staleness/queries/target-references';
import type { HistoryStore } from '../../../../src/core/staleness/ports';
import { day, FakeFiles, FakeGit } from './fake-git';

const NOW = new Date('2025-06-01T00:00:00Z');
const DOC = parseDoc('runbooks/db.md', '# Db\n\n[pool](../deploy/pool.yaml)\n[alerts](../deploy/alerts.yml#L4-L6)\n');

class MemoryStore implements HistoryStore {
  value: unknown;
  saves = 0;
  async load(): Promise<unknown> {
    return this.value === undefined ? undefined : JSON.parse(JSON.stringify(this.value));
  }
  async save(snapshot: unknown): Promise<void> {
    this.value = snapshot;
    this.saves++;
  }
}

describe('StalenessEngine (in-memory ports)', () => {
  let git: FakeGit;
  let files: FakeFiles;

  const lines = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}\n`).join('');
  const ALERTS = lines('rule ', 30);
  const DOC_TEXT = '# Db\n\n[pool](../deploy/pool.yaml)\n';

  beforeEach(() => {
    git = new FakeGit();
    git.add({
      time: day('2025-01-01'),
      subject: 'add',
      changes: [{ status: 'A', path: 'runbooks/db.md' }, { status: 'A', path: 'deploy/pool.yaml' }, { status: 'A', path: 'deploy/alerts.yml' }],
      files: { 'runbooks/db.md': DOC_TEXT, 'deploy/pool.yaml': lines('x', 20), 'deploy/alerts.yml': ALERTS },
    });
    files = new FakeFiles({ 'runbooks/db.md': '', 'deploy/pool.yaml': '', 'deploy/alerts.yml': '' });
  });

  it('weighs commits and lines with the configured weights, and decides "stale" by the threshold', async () => {
    git.add({ time: day('2025-02-01'), subject: 'a', changes: [{ status: 'M', path: 'deploy/pool.yaml' }], files: { 'deploy/pool.yaml': lines('y', 30) } });
    git.add({ time: day('2025-03-01'), subject: 'b', changes: [{ status: 'M', path: 'deploy/pool.yaml' }], files: { 'deploy/pool.yaml': `${lines('y', 30)}z\n` } });
    const defaults = (await new StalenessEngine({ git, files }, { now: () => NOW }).report([DOC])).docs[0]!;
    // Two commits, and the file then and now differ by 31 added and 20 deleted lines.
    assert.deepEqual([defaults.level, defaults.score, defaults.reasons[0]!.added, defaults.reasons[0]!.deleted], ['stale', 2.51, 31, 20]);
    assert.deepEqual(defaults.reasons[0]!.commits.map((c) => c.subject), ['b', 'a']);
    const custom = (await new StalenessEngine({ git, files }, { now: () => NOW, weights: { commit: 0.1, line: 0 }, staleThreshold: 0.5 }).report([DOC])).docs[0]!;
    assert.deepEqual([custom.level, custom.score], ['fresh', 0.2]);
  });

  it('reads every file state it compares in one call, one diff per file however many commits touched it', async () => {
    for (let i = 0; i < 5; i++) {
      git.add({
        time: day(`2025-02-0${i + 1}`),
        subject: `c${i}`,
        changes: [{ status: 'M', path: 'deploy/pool.yaml' }, { status: 'M', path: 'deploy/alerts.yml' }],
        files: { 'deploy/pool.yaml': lines(`p${i}-`, 20), 'deploy/alerts.yml': ALERTS.replace('rule 20\n', `rule 20 v${i}\n`) },
      });
    }
    const engine = new StalenessEngine({ git, files }, { now: () => NOW });
    const doc = (await engine.report([DOC])).docs[0]!;
    assert.deepEqual(doc.reasons.map((r) => [r.ruleId, r.commits.length]), [['stale.linked-code-changed', 5]]);
    // pool.yaml then and now, alerts.yml then and now (its change is outside the linked lines 4–6).
    assert.deepEqual(git.calls.filter((c) => c.startsWith('readFiles')), ['readFiles 4']);
    git.calls.length = 0;
    await engine.report([DOC]);
    assert.deepEqual(git.calls, ['state']);
  });

  it('reads the docs\' last edits and their targets in the same call', async () => {
    git.add({ time: day('2025-02-01'), subject: 'edit doc', changes: [{ status: 'M', path: 'runbooks/db.md' }], files: { 'runbooks/db.md': `${DOC_TEXT}More.\n` } });
    git.add({ time: day('2025-03-01'), subject: 'pool', changes: [{ status: 'M', path: 'deploy/pool.yaml' }] });
    const doc = (await new StalenessEngine({ git, files }, { now: () => NOW }).report([DOC])).docs[0]!;
    assert.deepEqual([doc.level, doc.referenceTime], ['stale', '2025-02-01T12:00:00Z']);
    assert.deepEqual(git.calls.filter((c) => c.startsWith('readFiles')), ['readFiles 4']);
  });

  it('looks further back when the doc\'s last edit was whitespace-only, in another call', async () => {
    git.add({ time: day('2025-02-01'), subject: 'pool', changes: [{ status: 'M', path: 'deploy/pool.yaml' }] });
    git.add({ time: day('2025-03-01'), subject: 'reflow doc', changes: [{ status: 'M', path: 'runbooks/db.md' }], files: { 'runbooks/db.md': DOC_TEXT.replace('# Db', '#   Db ') } });
    const doc = (await new StalenessEngine({ git, files }, { now: () => NOW }).report([DOC])).docs[0]!;
    assert.deepEqual([doc.level, doc.referenceTime, doc.reasons[0]!.commits.map((c) => c.subject)], ['stale', '2025-01-01T12:00:00Z', ['pool']]);
    assert.deepEqual(git.calls.filter((c) => c.startsWith('readFiles')), ['readFiles 2', 'readFiles 2']);
  });

  it('saves the history with its diffs, and a new engine reads neither the log nor the files again', async () => {
    git.add({ time: day('2025-02-01'), subject: 'a', changes: [{ status: 'M', path: 'deploy/pool.yaml' }] });
    const store = new MemoryStore();
    const first = await new StalenessEngine({ git, files, store }, { now: () => NOW, mentions: false }).report([DOC]);
    assert.equal(store.saves, 1);
    git.calls.length = 0;
    const second = await new StalenessEngine({ git, files, store }, { now: () => NOW, mentions: false }).report([DOC]);
    assert.deepEqual(git.calls, ['state']);
    assert.equal(store.saves, 1);
    assert.deepEqual(second.docs, first.docs);
  });

  it('reads only new commits when HEAD moved on, and everything when the old head is not its first parent', async () => {
    const store = new MemoryStore();
    await new StalenessEngine({ git, files, store }, { now: () => NOW }).report([DOC]);
    git.add({ time: day('2025-02-01'), subject: 'new', changes: [{ status: 'M', path: 'README.md' }] });
    git.calls.length = 0;
    const incremental = await new StalenessEngine({ git, files, store }, { now: () => NOW }).report([DOC]);
    assert.deepEqual([incremental.history?.mode, incremental.history?.commitsRead], ['incremental', 1]);
    assert.deepEqual(git.calls.filter((c) => c.startsWith('log')), ['log since']);

    git.commits = git.commits.slice(0, 1);
    git.add({ sha: 'f'.repeat(40), time: day('2025-02-02'), subject: 'rewritten', changes: [{ status: 'M', path: 'README.md' }] });
    git.calls.length = 0;
    const full = await new StalenessEngine({ git, files, store }, { now: () => NOW }).report([DOC]);
    assert.deepEqual([full.history?.mode, full.history?.commits], ['full', 2]);
    assert.deepEqual(git.calls.filter((c) => c.startsWith('log')), ['log since', 'log all']);
  });

  it('calls every doc unknown, with the reason, when there is no repository', async () => {
    git.state_ = { kind: 'none', reason: 'this folder is not in a git repository.' };
    const report = await new StalenessEngine({ git, files }, { now: () => NOW }).report([DOC]);
    assert.deepEqual(report.docs.map((d) => [d.level, d.score, d.reasons.map((r) => r.message)]), [['unknown', 0, ['Staleness unknown: this folder is not in a git repository.']]]);
    assert.equal(report.history, undefined);
  });

  it('calls a doc that could not be parsed (past its budget under load) unknown, never fresh', async () => {
    git.add({ time: day('2025-02-01'), subject: 'a', changes: [{ status: 'M', path: 'deploy/pool.yaml' }], files: { 'deploy/pool.yaml': lines('y', 30) } });
    const lost = unparseable('runbooks/db.md', 'This file could not be parsed within its budget: parsing it took longer than 30 s', DOC_TEXT);
    const parsed = await new StalenessEngine({ git, files }, { now: () => NOW }).report([DOC]);
    const report = await new StalenessEngine({ git, files }, { now: () => NOW }).report([lost]);
    assert.deepEqual(
      [parsed.docs[0]!.level, ...report.docs.map((d) => [d.level, d.reasons.map((r) => r.message)])],
      [
        'stale',
        ['unknown', ['Staleness unknown: this doc was not parsed, so the files it links to are not known (see its doc.unparseable finding).']],
      ],
    );
  });

  it('reports a cache that cannot be written as a warning, keeping the verdicts', async () => {
    const store: HistoryStore = { load: async () => undefined, save: async () => Promise.reject(new Error('read-only')) };
    const report = await new StalenessEngine({ git, files, store }, { now: () => NOW }).report([DOC]);
    assert.deepEqual([report.docs[0]!.level, report.warnings], ['fresh', ['could not write the history cache: read-only']]);
  });
});

describe('referencesByTarget', () => {
  it('lists, per linked file, the docs that depend on it with their level and linked lines', async () => {
    const git = new FakeGit();
    git.add({ time: day('2025-01-01'), subject: 'add', changes: [{ status: 'A', path: 'runbooks/db.md' }, { status: 'A', path: 'deploy/pool.yaml' }, { status: 'A', path: 'deploy/alerts.yml' }] });
    const files = new FakeFiles({ 'runbooks/db.md': '', 'deploy/pool.yaml': '', 'deploy/alerts.yml': '' });
    const report = await new StalenessEngine({ git, files }, { now: () => NOW }).report([DOC]);
    assert.deepEqual(Object.fromEntries(referencesByTarget(report.docs)), {
      'deploy/pool.yaml': [{ doc: 'runbooks/db.md', level: 'fresh', line: 3, via: 'link' }],
      'deploy/alerts.yml': [{ doc: 'runbooks/db.md', level: 'fresh', line: 4, lines: { start: 4, end: 6 }, via: 'link' }],
    });
  });
});
