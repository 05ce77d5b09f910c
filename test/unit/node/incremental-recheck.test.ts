import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { DocModel } from '../../../src/core/doc-model';
import { StalenessEngine } from '../../../src/core/staleness/engine';
import type { GitHistory } from '../../../src/core/staleness/ports';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { GitWorkspaceFiles } from '../../../src/node/git-workspace-files';
import { GitFixture } from './git-fixture';

const NOW = new Date('2025-06-01T00:00:00Z');
const DOCS = ['runbooks/db.md', 'runbooks/api.md', 'runbooks/ops.md'];

describe('re-checks with an engine kept between runs', () => {
  let repo: GitFixture;
  let reads: string[];

  beforeEach(async () => {
    repo = await GitFixture.create('incremental');
    await repo.commit('start', '2025-01-01', {
      'runbooks/db.md': '# Db\n\n[pool](../deploy/pool.yaml) [alerts](../deploy/alerts.yml#L2-L3)\n',
      'runbooks/api.md': '---\nwatches: ["services/api/**"]\n---\n# Api\n\n[script](../scripts/restart.sh) [old](../scripts/gone.sh)\n',
      'runbooks/ops.md': '---\nwatches: deploy/\n---\n# Ops\n\n[config](../deploy/)\n',
      'deploy/pool.yaml': 'size: 10\n',
      'deploy/alerts.yml': 'a: 1\nb: 2\nc: 3\nd: 4\n',
      'services/api/main.go': 'package main\n',
      'scripts/restart.sh': 'echo restart\n',
    });
    reads = [];
  });
  afterEach(() => repo.remove());

  function engine(): StalenessEngine {
    const git = new SimpleGitHistory(repo.dir, repo.env);
    // Records which files each run reads, to show that only the affected docs are worked out again.
    const counting: GitHistory = Object.assign(Object.create(git) as GitHistory, {
      readFiles: (files: Parameters<GitHistory['readFiles']>[0], max: number, signal?: AbortSignal) => {
        reads.push(...files.map((f) => f.path));
        return git.readFiles(files, max, signal);
      },
      readBlobs: (oids: string[], max: number, signal?: AbortSignal) => {
        reads.push(...oids.map(() => 'blob'));
        return git.readBlobs(oids, max, signal);
      },
    });
    return new StalenessEngine({ git: counting, files: new GitWorkspaceFiles(repo.dir, repo.env) }, { now: () => NOW, mentions: false });
  }

  async function docs(): Promise<DocModel[]> {
    return repo.docs(DOCS);
  }

  /** The kept engine's report must equal a fresh engine's, whatever happened in between. */
  async function same(kept: StalenessEngine, models: DocModel[]): Promise<void> {
    const warm = await kept.report(models);
    const cold = await engine().report(models);
    assert.deepEqual(warm.docs, cold.docs);
  }

  it('gives the same verdicts as a fresh engine through commits, edits, new and deleted files', async () => {
    const kept = engine();
    let models = await docs();
    await kept.report(models);

    await repo.commit('raise pool', '2025-02-01', { 'deploy/pool.yaml': 'size: 20\n' });
    await same(kept, models);
    await repo.commit('touch alert c', '2025-02-02', { 'deploy/alerts.yml': 'a: 1\nb: 2\nc: 30\nd: 4\n' });
    await same(kept, models);
    await repo.commit('api change', '2025-02-03', { 'services/api/main.go': 'package main\n\nfunc main() {}\n' });
    await same(kept, models);

    await repo.write({ 'scripts/restart.sh': 'echo restart now\n' });
    await same(kept, models);
    await repo.write({ 'scripts/restart.sh': 'echo   restart now\n' });
    await same(kept, models);
    await repo.write({ 'scripts/gone.sh': 'echo back\n' });
    await same(kept, models);
    await fs.rm(path.join(repo.dir, 'scripts', 'gone.sh'));
    await same(kept, models);

    // Alert rule files: a new one pointing at a doc, then pointing elsewhere, uncommitted and committed.
    await repo.write({ 'alerts/db.yml': 'groups:\n- rules:\n  - alert: DbDown\n    annotations:\n      runbook_url: runbooks/db.md\n' });
    await same(kept, models);
    await repo.commit('alert rules', '2025-02-04', { 'alerts/db.yml': 'groups:\n- rules:\n  - alert: DbDown\n    annotations:\n      runbook_url: runbooks/ops.md\n' });
    await same(kept, models);

    await repo.write({ 'runbooks/db.md': '# Db\n\n[pool](../deploy/pool.yaml) [alerts](../deploy/alerts.yml#L2-L3)\n\nPool is 20.\n' });
    models = await docs();
    await same(kept, models);
    await repo.commit('update db runbook', '2025-02-05', { 'runbooks/db.md': '# Db\n\n[pool](../deploy/pool.yaml) [alerts](../deploy/alerts.yml#L2-L3)\n\nPool is 20.\n' });
    await same(kept, models);
  });

  it('works out again only the docs a new commit concerns', async () => {
    const kept = engine();
    const models = await docs();
    await repo.commit('raise pool', '2025-02-01', { 'deploy/pool.yaml': 'size: 20\n' });
    await repo.commit('api change', '2025-02-02', { 'services/api/main.go': 'package main\n// x\n' });
    await kept.report(models);
    reads.length = 0;
    await repo.commit('raise pool again', '2025-02-03', { 'deploy/pool.yaml': 'size: 30\n' });
    const report = await kept.report(models);
    assert.deepEqual(report.docs.map((d) => [d.path, d.level]), [['runbooks/db.md', 'stale'], ['runbooks/api.md', 'broken'], ['runbooks/ops.md', 'stale']]);
    // db.md and ops.md (whose folder target holds pool.yaml) are redone: pool.yaml then and now are
    // the only files read (by blob id); api.md keeps its evidence.
    assert.deepEqual(reads, ['blob', 'blob']);
    reads.length = 0;
    await kept.report(models);
    assert.deepEqual(reads, []);
  });
});
