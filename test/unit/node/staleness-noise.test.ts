import assert from 'node:assert/strict';
import { StalenessEngine } from '../../../src/core/staleness/engine';
import type { DocStaleness } from '../../../src/core/staleness/model/report';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { GitWorkspaceFiles } from '../../../src/node/git-workspace-files';
import { GitFixture } from './git-fixture';

const NOW = new Date('2025-06-01T00:00:00Z');

/** What a doc owner agrees with (issue 18): changes that are not evidence against the doc. */
describe('staleness: changes a doc owner would not look at', () => {
  let repo: GitFixture;

  beforeEach(async () => {
    repo = await GitFixture.create('staleness-noise');
  });
  afterEach(() => repo.remove());

  async function report(paths: string[]): Promise<DocStaleness[]> {
    const engine = new StalenessEngine({ git: new SimpleGitHistory(repo.dir, repo.env), files: new GitWorkspaceFiles(repo.dir, repo.env) }, { now: () => NOW, mentions: false });
    return (await engine.report(await repo.docs(paths))).docs;
  }

  const flags = (doc: DocStaleness | undefined) => doc!.reasons.map((r) => [r.ruleId, r.target]);

  it('treats a link to a folder as a pointer: edits inside it, code or docs, do not age the doc', async () => {
    await repo.commit('add docs', '2025-01-01', {
      'README.md': '# Project\n\nSee the [robustness suite](tests/robustness/) and the [guides](docs/guides).\n',
      'tests/robustness/main.go': 'package main\n',
      'docs/guides/index.md': '# Guides\n',
    });
    await repo.commit('more robustness tests', '2025-02-01', { 'tests/robustness/main.go': 'package main\n\nfunc main() {}\n', 'tests/robustness/watch.go': 'package main\n' });
    await repo.commit('reword a guide', '2025-02-02', { 'docs/guides/index.md': '# Guides\n\nStart here.\n' });
    const [doc] = await report(['README.md']);
    assert.deepEqual([doc!.level, flags(doc)], ['fresh', []]);
    assert.deepEqual(doc!.targets.map((t) => [t.path, t.kind, t.tracked]), [['tests/robustness', 'directory', false], ['docs/guides', 'directory', false]]);
  });

  it('still counts the code files of a folder the doc watches in its front matter, but not the docs in it', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': '---\nwatches: deploy/db/\n---\n# Db\n', 'deploy/db/pool.yaml': 'size: 10\n', 'deploy/db/README.md': '# Db deploy\n' });
    await repo.commit('reword the folder readme', '2025-02-01', { 'deploy/db/README.md': '# Db deploy\n\nMore words.\n' });
    assert.deepEqual(flags((await report(['runbooks/db.md']))[0]), []);
    await repo.commit('raise pool size', '2025-03-01', { 'deploy/db/pool.yaml': 'size: 20\n' });
    const [doc] = await report(['runbooks/db.md']);
    assert.deepEqual([doc!.level, flags(doc), doc!.reasons[0]!.commits.map((c) => c.subject)], ['stale', [['stale.linked-code-changed', 'deploy/db']], ['raise pool size']]);
  });

  it('does not age a doc when a figure it shows changes (png, svg)', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/net.md': '# Net\n\n![hierarchy](img/hierarchy.svg)\n[photo](img/rack.png)\n', 'runbooks/img/hierarchy.svg': '<svg>a</svg>\n', 'runbooks/img/rack.png': 'png-1\n' });
    await repo.commit('redraw', '2025-02-01', { 'runbooks/img/hierarchy.svg': '<svg>b</svg>\n', 'runbooks/img/rack.png': 'png-2\n' });
    const [doc] = await report(['runbooks/net.md']);
    assert.deepEqual([doc!.level, flags(doc)], ['fresh', []]);
    assert.deepEqual(doc!.targets.map((t) => [t.path, t.tracked]), [['runbooks/img/hierarchy.svg', false], ['runbooks/img/rack.png', false]]);
  });

  it('leaves out dependency and CI version bumps by bots (dependabot, renovate, automated updates), counting the rest', async () => {
    const workflow = 'jobs:\n  test:\n    steps:\n      - uses: actions/checkout@v3\n      - run: make test\n';
    await repo.commit('add release doc', '2025-01-01', { 'RELEASE.md': '# Release\n\nUpdate the [CI workflow](.github/workflows/ci.yml).\n', '.github/workflows/ci.yml': workflow });
    await repo.commit('Merge pull request #12 from acme/dependabot/github_actions/actions/checkout-4', '2025-02-01', { '.github/workflows/ci.yml': workflow.replace('@v3', '@v4') });
    await repo.commit('Bump actions/setup-go from 4 to 5', '2025-02-02', { '.github/workflows/ci.yml': workflow.replace('@v3', '@v4').replace('make test', 'make test # go 5') });
    await repo.commit('chore(deps): update actions/cache action to v4', '2025-02-03', { '.github/workflows/ci.yml': workflow.replace('@v3', '@v4').replace('make test', 'make test # go 5, cache 4') });
    await repo.commit('Merge pull request #14 from acme/automated-updates-main', '2025-02-04', { '.github/workflows/ci.yml': workflow.replace('@v3', '@v4').replace('make test', 'make test # go 5, cache 5') });
    assert.deepEqual(flags((await report(['RELEASE.md']))[0]), []);
    const sha = await repo.commit('Add an e2e job', '2025-03-01', { '.github/workflows/ci.yml': `${workflow.replace('@v3', '@v4').replace('make test', 'make test # go 5, cache 5')}  e2e:\n    steps:\n      - run: make e2e\n` });
    const [doc] = await report(['RELEASE.md']);
    assert.deepEqual([doc!.level, flags(doc), doc!.reasons[0]!.commits.map((c) => c.sha)], ['stale', [['stale.linked-code-changed', '.github/workflows/ci.yml']], [sha]]);
  });

  it('compares linked YAML and JSON by shape: entries added with the same keys are not evidence, a new key is', async () => {
    const entry = (name: string, extra = '') => `- repo_name: ${name}\n  team: "#platform"\n${extra}`;
    await repo.commit('add guide', '2025-01-01', { 'docs/new-repo.md': '# New repo\n\nAdd it to [repos.yml](../data/repos.yml).\n', 'data/repos.yml': entry('a'), 'config.json': '{"redirects": {"/a": "/b"}}\n' });
    await repo.commit('add repo b', '2025-02-01', { 'data/repos.yml': entry('a') + entry('b') });
    await repo.commit('add repo c, retire a', '2025-02-02', { 'data/repos.yml': entry('b') + entry('c') });
    assert.deepEqual(flags((await report(['docs/new-repo.md']))[0]), []);
    const sha = await repo.commit('repos get an alerts channel', '2025-03-01', { 'data/repos.yml': entry('b', '  alerts_team: "#alerts"\n') + entry('c') });
    const [doc] = await report(['docs/new-repo.md']);
    assert.deepEqual([doc!.level, flags(doc), doc!.reasons[0]!.commits.map((c) => c.sha)], ['stale', [['stale.linked-code-changed', 'data/repos.yml']], [sha, doc!.reasons[0]!.commits[1]!.sha, doc!.reasons[0]!.commits[2]!.sha]]);
    assert.equal(doc!.reasons[0]!.commits.length, 3);
  });
});
