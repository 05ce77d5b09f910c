import assert from 'node:assert/strict';
import { StalenessEngine } from '../../../src/core/staleness/engine';
import type { DocStaleness } from '../../../src/core/staleness/model/report';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { GitWorkspaceFiles } from '../../../src/node/git-workspace-files';
import { GitFixture } from './git-fixture';

const NOW = new Date('2025-06-01T00:00:00Z');

/** Issue 18: prose files without a markdown extension (LICENSE, NOTICE, CHANGELOG, .rst) are docs, not code. */
describe('staleness: linked prose files are docs', () => {
  let repo: GitFixture;

  beforeEach(async () => {
    repo = await GitFixture.create('staleness-prose');
  });
  afterEach(() => repo.remove());

  async function report(paths: string[]): Promise<DocStaleness[]> {
    const engine = new StalenessEngine({ git: new SimpleGitHistory(repo.dir, repo.env), files: new GitWorkspaceFiles(repo.dir, repo.env) }, { now: () => NOW });
    return (await engine.report(await repo.docs(paths))).docs;
  }

  it('does not age a doc when the LICENSE, NOTICE, CHANGELOG or an .rst page it links to is edited, but checks they exist', async () => {
    await repo.commit('add readme', '2025-01-01', {
      'README.md': '# Tool\n\nSee [LICENSE](LICENSE), [NOTICE](NOTICE.txt), [changes](CHANGELOG) and [the guide](docs/guide.rst). Build with [make](Makefile).\n',
      LICENSE: 'Copyright [yyyy] [name]\n',
      'NOTICE.txt': 'Third party code.\n',
      CHANGELOG: 'v1: first\n',
      'docs/guide.rst': 'Guide\n=====\n',
      Makefile: 'all:\n\tgo build\n',
    });
    await repo.commit('license: fill in the copyright line', '2025-02-01', { LICENSE: 'Copyright 2013 The Authors\n', 'NOTICE.txt': 'Third party code: x.\n', CHANGELOG: 'v2: second\nv1: first\n', 'docs/guide.rst': 'Guide\n=====\n\nMore.\n' });
    const [doc] = await report(['README.md']);
    assert.deepEqual([doc!.level, doc!.reasons.map((r) => r.ruleId)], ['fresh', []]);
    assert.deepEqual(doc!.targets.map((t) => [t.path, t.tracked]), [['LICENSE', false], ['NOTICE.txt', false], ['CHANGELOG', false], ['docs/guide.rst', false], ['Makefile', true]]);
  });
});
