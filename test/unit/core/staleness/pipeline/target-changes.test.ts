import assert from 'node:assert/strict';
import type { DocReference } from '../../../../../src/core/staleness/plan/doc-references';
import { anchorEvidence, changeEvidence, matchingPaths, queueTargetDetails } from '../../../../../src/core/staleness/evidence/target-changes';
import { diff, doc, evidenceRun, fileTarget, historyOf, sha, type CommitSpec } from './history-fixture';

const HISTORY: CommitSpec[] = [
  {
    day: '2025-01-01',
    subject: 'write the runbook',
    changes: [['A', 'runbooks/db.md'], ['A', 'deploy/pool.yaml'], ['A', 'deploy/conf/a.conf'], ['A', 'deploy/conf/b.conf'], ['A', 'deploy/conf/README.md'], ['A', 'deploy/alerts.yml']],
  },
  { day: '2025-02-01', subject: 'raise pool', changes: [['M', 'deploy/pool.yaml'], ['M', 'deploy/alerts.yml']] },
  { day: '2025-03-01', subject: 'lower pool again', changes: [['M', 'deploy/pool.yaml']] },
  { day: '2025-04-01', subject: 'Bump lodash from 4.17.20 to 4.17.21', changes: [['M', 'deploy/pool.yaml']] },
  { day: '2025-05-01', subject: 'edit conf', changes: [['M', 'deploy/conf/a.conf'], ['M', 'deploy/conf/README.md']] },
  { day: '2025-06-01', subject: 'rename conf', changes: [['R', 'deploy/conf/c.conf', 'deploy/conf/b.conf', 100]] },
];

const ref = (index = historyOf(HISTORY)): DocReference => ({ commitIndex: 0, commit: index.commit(0) });
const POOL = fileTarget('deploy/pool.yaml');
const CONF = fileTarget('deploy/conf', { kind: 'directory' });
const FILES = ['runbooks/db.md', 'deploy/pool.yaml', 'deploy/conf/a.conf', 'deploy/conf/c.conf', 'deploy/conf/README.md', 'deploy/alerts.yml'];
const commit = (n: number, day: string, subject: string) => ({ sha: sha(n), date: `${day}T12:00:00Z`, subject });

describe('target changes (what changed in the files a doc links to)', () => {
  it('queues one diff per changed path, from before the first change to HEAD, read where the file is the same', () => {
    const index = historyOf(HISTORY);
    const { run, diffs } = evidenceRun({ index, targets: { 'runbooks/db.md': [POOL, CONF] }, files: FILES });
    queueTargetDetails(run, [doc('runbooks/db.md')], new Map([['runbooks/db.md', ref(index)]]));
    assert.deepEqual(diffs.asked, [
      'deploy/pool.yaml@1 → deploy/pool.yaml@4 (read from 1, to 6)',
      'deploy/conf/a.conf@1 → deploy/conf/a.conf@5 (read from 1, to 6)',
      'deploy/conf/b.conf@1 → deploy/conf/c.conf@6 (read from 1, to 6)',
    ]);
  });

  it('queues nothing for a doc without a committed reference, or for untracked, pinned and missing targets', () => {
    const { run, diffs } = evidenceRun({
      index: historyOf(HISTORY),
      targets: { 'runbooks/db.md': [fileTarget('deploy/pool.yaml', { tracked: false }), fileTarget('deploy/pool.yaml', { pinned: { ref: 'v1', kind: 'tag' } }), fileTarget('gone.sh', { kind: 'missing' })], 'runbooks/new.md': [POOL] },
    });
    queueTargetDetails(run, [doc('runbooks/db.md'), doc('runbooks/new.md')], new Map<string, DocReference | string>([['runbooks/db.md', ref()], ['runbooks/new.md', 'not committed']]));
    assert.deepEqual(diffs.asked, []);
  });

  it('lists the files of a folder target from the history and the working tree, leaving docs out of the changes', () => {
    const { run } = evidenceRun({ index: historyOf(HISTORY), files: [...FILES, 'deploy/conf/new.conf'] });
    assert.deepEqual(matchingPaths(run, CONF), ['deploy/conf/README.md', 'deploy/conf/a.conf', 'deploy/conf/b.conf', 'deploy/conf/c.conf', 'deploy/conf/new.conf']);
    assert.deepEqual(matchingPaths(run, fileTarget('deploy/**/*.conf', { kind: 'glob' })), ['deploy/conf/a.conf', 'deploy/conf/b.conf', 'deploy/conf/c.conf', 'deploy/conf/new.conf']);
  });

  it('counts the commits after the reference, newest first, with the line counts of the file then against now; a dependency bump is not one', async () => {
    const index = historyOf(HISTORY);
    const { run, diffs } = evidenceRun({ index, targets: { 'runbooks/db.md': [POOL] }, diffs: { 'deploy/pool.yaml@1 → deploy/pool.yaml@4': diff(2, 1) } });
    queueTargetDetails(run, [doc('runbooks/db.md')], new Map([['runbooks/db.md', ref(index)]]));
    await diffs.flush();
    assert.deepEqual(changeEvidence(run, POOL, ref(index)), {
      target: POOL,
      commits: [commit(3, '2025-03-01', 'lower pool again'), commit(2, '2025-02-01', 'raise pool')],
      added: 2,
      deleted: 1,
      files: 1,
    });
  });

  it('finds no change when a change and its revert cancel out, and none before the review day', async () => {
    const index = historyOf(HISTORY);
    const { run, diffs } = evidenceRun({ index, targets: { 'runbooks/db.md': [POOL] }, diffs: { 'deploy/pool.yaml@1 → deploy/pool.yaml@4': diff(0, 0) } });
    queueTargetDetails(run, [doc('runbooks/db.md')], new Map([['runbooks/db.md', ref(index)]]));
    await diffs.flush();
    assert.equal(changeEvidence(run, POOL, ref(index)), undefined);
    assert.equal(changeEvidence(run, POOL, { ...ref(index), reviewTime: Date.parse('2025-03-31T23:59:59Z') / 1000 }), undefined);
  });

  it('reports a file renamed inside a folder target once, under its new name, as a change whatever its lines', async () => {
    const index = historyOf(HISTORY);
    const { run, diffs } = evidenceRun({
      index,
      targets: { 'runbooks/db.md': [CONF] },
      files: FILES,
      diffs: { 'deploy/conf/a.conf@1 → deploy/conf/a.conf@5': diff(3, 0), 'deploy/conf/b.conf@1 → deploy/conf/c.conf@6': diff(0, 0) },
    });
    queueTargetDetails(run, [doc('runbooks/db.md')], new Map([['runbooks/db.md', ref(index)]]));
    await diffs.flush();
    assert.deepEqual(changeEvidence(run, CONF, ref(index)), {
      target: CONF,
      commits: [commit(6, '2025-06-01', 'rename conf'), commit(5, '2025-05-01', 'edit conf')],
      added: 3,
      deleted: 0,
      files: 2,
    });
  });

  it('adds the uncommitted line counts of the working tree', async () => {
    const index = historyOf(HISTORY);
    const { run, diffs, working } = evidenceRun({ index, targets: { 'runbooks/db.md': [POOL] }, working: [{ status: 'M', path: 'deploy/pool.yaml' }], diffs: { 'deploy/pool.yaml@1 → deploy/pool.yaml@4': diff(0, 0) } });
    working.diff.set('deploy/pool.yaml', { path: 'deploy/pool.yaml', hunks: [{ oldStart: 4, oldLines: 1, newStart: 4, newLines: 2 }], added: 2, deleted: 1 });
    queueTargetDetails(run, [doc('runbooks/db.md')], new Map([['runbooks/db.md', ref(index)]]));
    await diffs.flush();
    assert.deepEqual(changeEvidence(run, POOL, ref(index)), { target: POOL, commits: [], added: 0, deleted: 0, files: 0, uncommitted: { added: 2, deleted: 1, files: 1 } });
  });

  describe('anchored line ranges', () => {
    const ALERTS = { ...fileTarget('deploy/alerts.yml'), lines: { start: 10, end: 12 } };
    async function anchored(hunk: { oldStart: number; oldLines: number; newStart: number; newLines: number }) {
      const index = historyOf(HISTORY);
      const { run, diffs } = evidenceRun({ index, targets: { 'runbooks/db.md': [ALERTS] }, diffs: { 'deploy/alerts.yml@1 → deploy/alerts.yml@2': diff(hunk.newLines, hunk.oldLines, [hunk]) } });
      queueTargetDetails(run, [doc('runbooks/db.md')], new Map([['runbooks/db.md', ref(index)]]));
      await diffs.flush();
      return anchorEvidence(run, ALERTS, ref(index));
    }

    it('follows lines that moved down when lines were added above them', async () => {
      assert.deepEqual(await anchored({ oldStart: 2, oldLines: 0, newStart: 3, newLines: 3 }), {
        target: ALERTS,
        touchedBy: [],
        movedBy: [commit(2, '2025-02-01', 'raise pool')],
        now: { start: 13, end: 15 },
        uncommittedTouch: false,
      });
    });

    it('names the commit that touched the lines', async () => {
      assert.deepEqual(await anchored({ oldStart: 11, oldLines: 1, newStart: 11, newLines: 1 }), {
        target: ALERTS,
        touchedBy: [commit(2, '2025-02-01', 'raise pool')],
        movedBy: [],
        now: { start: 10, end: 12 },
        uncommittedTouch: false,
      });
    });

    it('has nothing to say when the change is below the lines', async () => {
      assert.equal(await anchored({ oldStart: 20, oldLines: 1, newStart: 20, newLines: 4 }), undefined);
    });
  });
});
