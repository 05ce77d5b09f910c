import assert from 'node:assert/strict';
import { StalenessEngine } from '../../../src/core/staleness/engine';
import type { DocStaleness } from '../../../src/core/staleness/model/report';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { GitWorkspaceFiles } from '../../../src/node/git-workspace-files';
import { GitFixture } from './git-fixture';

const NOW = new Date('2025-06-01T00:00:00Z');

/** A WORKSPACE holding `rpm(` entries `from`…`to`, as `make rpm-deps` regenerates them (kubevirt). */
function workspace(from: number, to: number, extra = ''): string {
  const entries = Array.from({ length: to - from }, (_, k) => {
    const n = from + k;
    return `rpm(\n    name = "pkg${n}-0__1.${n}-1.el9.x86_64",\n    sha256 = "${(n * 104729).toString(16).padStart(12, '0')}",\n    urls = ["https://mirror.example/pkg${n}-1.${n}.rpm"],\n)\n`;
  });
  return `load("@bazeldnf//bazeldnf:defs.bzl", "rpm")\n${extra}\n${entries.join('\n')}`;
}

/** Issue 18: a regenerated list of entries over the rewrite size is weighed by what the doc says (kubevirt updating-dependencies.md). */
describe('staleness: regenerated entries of a file a doc points to', () => {
  let repo: GitFixture;

  beforeEach(async () => {
    repo = await GitFixture.create('staleness-entry-churn');
  });
  afterEach(() => repo.remove());

  async function report(paths: string[]): Promise<DocStaleness[]> {
    const engine = new StalenessEngine({ git: new SimpleGitHistory(repo.dir, repo.env), files: new GitWorkspaceFiles(repo.dir, repo.env) }, { now: () => NOW });
    return (await engine.report(await repo.docs(paths))).docs;
  }

  const flags = (doc: DocStaleness | undefined) => doc!.reasons.map((r) => [r.ruleId, r.severity, r.target]);

  it('leaves a doc fresh when hundreds of rpm entries were regenerated and every name it says is still there; flags one whose named setting left', async () => {
    await repo.commit('add docs and workspace', '2025-01-01', {
      'docs/updating-dependencies.md': '# Updating dependencies\n\nThe resolved RPMs are then added to the [WORKSPACE](../WORKSPACE) as `rpm` entries.\n',
      'docs/update-go-version.md': '# Go\n\n* In [WORKSPACE](../WORKSPACE) change `go_version` to the desired Go version.\n',
      WORKSPACE: workspace(0, 40, 'go_version = "1.22"'),
    });
    const sha = await repo.commit('rpm-deps: regenerate', '2025-02-01', { WORKSPACE: workspace(25, 400) });
    const [deps, go] = await report(['docs/updating-dependencies.md', 'docs/update-go-version.md']);
    assert.deepEqual([deps!.level, flags(deps)], ['fresh', [['stale.unmentioned-change', 'info', 'WORKSPACE']]]);
    assert.deepEqual([go!.level, flags(go), go!.reasons[0]!.commits.map((c) => c.sha)], ['stale', [['stale.linked-code-changed', 'warning', 'WORKSPACE']], [sha]]);
    assert.match(go!.reasons[0]!.message, /took `go_version` out of it/);
  });
});
