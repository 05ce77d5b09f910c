import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { openStalenessEngine } from '../../../src/node/git-staleness';
import { openWorkspaceIndex } from '../../../src/node/open-index';
import { gitShow } from '../../../src/node/git-show';
import { GitWorkspaceFiles } from '../../../src/node/git-workspace-files';
import { filterDriverNames, neutralisingEnv } from '../../../src/node/safe-git';
import { GitFixture } from './git-fixture';

/**
 * A repository whose own `.git/config` names programs (an fsmonitor, filter drivers, a hook in
 * `core.hooksPath`): each appends its name to a marker file when git runs it. None may run.
 */
async function armedRepository(): Promise<{ repo: GitFixture; marker: string }> {
  const repo = await GitFixture.create('untrusted-git');
  const marker = path.join(repo.base, 'marker');
  const script = async (name: string, body: string) => {
    const file = path.join(repo.base, name);
    await fs.writeFile(file, `#!/bin/sh\necho ${name} >> '${marker}'\n${body}\n`, { mode: 0o755 });
    return file;
  };
  const fsmonitor = await script('fsmonitor', 'exit 1');
  const filter = await script('filter', 'cat');
  const hooks = path.join(repo.base, 'hooks');
  await fs.mkdir(hooks);
  for (const hook of ['post-index-change', 'post-checkout', 'reference-transaction']) await fs.writeFile(path.join(hooks, hook), `#!/bin/sh\necho ${hook} >> '${marker}'\n`, { mode: 0o755 });
  await repo.commit('add runbook', '2025-01-01', {
    '.gitattributes': '*.yaml filter=evil\n*.txt filter=a=b.c\n',
    'runbooks/db.md': '# Postgres down\n\nPool: [pool](../deploy/pool.yaml) and [notes](../notes.txt)\n',
    'deploy/pool.yaml': 'size: 10\n',
    'notes.txt': 'notes\n',
  });
  repo.git(['config', 'core.fsmonitor', fsmonitor]);
  repo.git(['config', 'core.hooksPath', hooks]);
  repo.git(['config', 'filter.evil.clean', filter]);
  repo.git(['config', 'filter.evil.smudge', filter]);
  repo.git(['config', 'filter.evil.required', 'true']);
  repo.git(['config', 'filter.a=b.c.clean', filter]);
  repo.git(['config', 'filter.a=b.c.process', filter]);
  // Changed in the work tree, with an index whose stat data is stale: git must look at the files.
  await repo.write({ 'deploy/pool.yaml': 'size: 20\n', 'notes.txt': 'more notes\n' });
  await fs.utimes(path.join(repo.dir, '.git', 'index'), new Date('2000-01-01'), new Date('2000-01-01'));
  return { repo, marker };
}

async function ran(marker: string): Promise<string> {
  return fs.readFile(marker, 'utf8').catch(() => '');
}

describe('git never runs what an untrusted repository configures', () => {
  let repo: GitFixture;
  let marker: string;

  beforeEach(async () => {
    ({ repo, marker } = await armedRepository());
  });
  afterEach(() => repo.remove());

  it('the armed repository really runs its programs under plain git (the test is live)', async () => {
    repo.git(['status', '--porcelain']);
    assert.match(await ran(marker), /fsmonitor/);
  });

  it('report and check run neither the fsmonitor, the filters nor the hooks, and still see the work-tree change', async () => {
    const env = { ...repo.env, XDG_CACHE_HOME: path.join(repo.base, 'cache') };
    const io = (out: string[]) => ({ out: (s: string) => out.push(s), err: (s: string) => out.push(s), cwd: repo.dir, env });
    const report: string[] = [];
    const check: string[] = [];
    const codes = [await main(['report', '--no-cache', '--format', 'json'], io(report)), await main(['check', '--base', 'HEAD', '--no-cache', '--format', 'json'], io(check))];
    assert.equal(await ran(marker), '');
    assert.deepEqual(codes, [0, 1]);
    assert.deepEqual(JSON.parse(report.join('\n')).docs.map((d: { path: string }) => d.path), ['runbooks/db.md']);
    const findings = (JSON.parse(check.join('\n')) as { findings: Array<{ path: string; ruleId: string; message: string }> }).findings;
    assert.deepEqual(findings.map((f) => [f.path, f.ruleId, /`(.*?)`/.exec(f.message)?.[1]]), [
      ['deploy/pool.yaml', 'stale.linked-code-changed', 'deploy/pool.yaml'],
      ['notes.txt', 'stale.linked-code-changed', 'notes.txt'],
    ]);
  });

  it('a cold report runs no filter even in its first process, the status, where git must read a same-size edit', async () => {
    // Same size, new mtime: git cannot tell from the stat data and reads the file through its clean filter.
    await repo.write({ 'deploy/pool.yaml': 'size: 30\n' });
    repo.git(['status', '--porcelain']);
    assert.match(await ran(marker), /filter/, 'plain git runs the filter here (the test is live)');
    await fs.writeFile(marker, '');
    await repo.write({ 'deploy/pool.yaml': 'size: 40\n' });
    const env = { ...repo.env, XDG_CACHE_HOME: path.join(repo.base, 'cache') };
    const out: string[] = [];
    const code = await main(['report', '--no-cache', '--format', 'json'], { out: (s: string) => out.push(s), err: (s: string) => out.push(s), cwd: repo.dir, env });
    assert.equal(await ran(marker), '');
    assert.equal(code, 0);
  });

  it('a re-check runs no filter configured since the last run, in the status either', async () => {
    const env = { ...repo.env, XDG_CACHE_HOME: path.join(repo.base, 'cache') };
    const index = openWorkspaceIndex(repo.dir, { cache: false, env });
    await index.build();
    const engine = openStalenessEngine(repo.dir, { cache: false, env });
    {
      await engine.report(index.all());
      // A driver the first run never saw, for a file edited to the same size (git reads it).
      repo.git(['config', 'filter.late.clean', path.join(repo.base, 'filter')]);
      await repo.write({ '.gitattributes': '*.yaml filter=late\n*.txt filter=a=b.c\n', 'deploy/pool.yaml': 'size: 50\n' });
      repo.git(['status', '--porcelain']);
      assert.match(await ran(marker), /filter/, 'plain git runs the new filter here (the test is live)');
      await fs.writeFile(marker, '');
      await repo.write({ 'deploy/pool.yaml': 'size: 60\n' });
      const report = await engine.report(index.all());
      assert.equal(await ran(marker), '');
      assert.equal(report.docs.length, 1);
    }
  });

  it('SimpleGitHistory reads status, working-tree diffs and files without running anything', async () => {
    const git = new SimpleGitHistory(repo.dir, repo.env);
    try {
      const state = await git.state();
      assert.equal(state.kind, 'git');
      const changed = await git.changedFiles('HEAD', undefined);
      const head = state.kind === 'git' ? state.head! : '';
      const diffed = await git.changedFiles(head, undefined);
      const hunks = await git.diffHunks(head, undefined, ['deploy/pool.yaml', 'notes.txt']);
      const working = await git.readWorkingFiles(['deploy/pool.yaml', 'notes.txt', 'runbooks/db.md'], 1 << 20);
      const committed = await git.readFiles([{ sha: head, path: 'deploy/pool.yaml' }], 1 << 20);
      await git.ignoreRevs();
      assert.deepEqual(changed.map((c) => `${c.status} ${c.path}`).sort(), ['M deploy/pool.yaml', 'M notes.txt']);
      assert.deepEqual(diffed.map((c) => `${c.status} ${c.path}`).sort(), ['M deploy/pool.yaml', 'M notes.txt']);
      assert.deepEqual(hunks.map((h) => h.path).sort(), ['deploy/pool.yaml', 'notes.txt']);
      assert.equal(working[2]?.text, '# Postgres down\n\nPool: [pool](../deploy/pool.yaml) and [notes](../notes.txt)\n');
      assert.equal(committed[0]?.text, 'size: 10\n');
      assert.equal(await ran(marker), '');
    } finally {
      git.dispose();
    }
  });

  it('GitWorkspaceFiles lists and greps without running anything', async () => {
    const files = new GitWorkspaceFiles(repo.dir, repo.env);
    assert.deepEqual(await files.list(), ['.gitattributes', 'deploy/pool.yaml', 'notes.txt', 'runbooks/db.md']);
    assert.deepEqual(await files.filesContaining('size'), ['deploy/pool.yaml']);
    assert.equal(await ran(marker), '');
  });

  it('gitShow reads a committed file without filters or textconv', async () => {
    const head = repo.git(['rev-parse', 'HEAD']).trim();
    await fs.appendFile(path.join(repo.dir, '.git', 'config'), `[diff "evil"]\n\ttextconv = ${path.join(repo.base, 'filter')}\n`);
    await fs.appendFile(path.join(repo.dir, '.gitattributes'), '*.yaml diff=evil\n');
    assert.equal(await gitShow(repo.dir, head, 'deploy/pool.yaml', repo.env), 'size: 10\n');
    assert.equal(await ran(marker), '');
  });
});

describe('filter driver neutralisers', () => {
  it('finds every driver name in a config listing, dots and equals signs included', () => {
    assert.deepEqual(filterDriverNames(['core.bare', 'filter.lfs.clean', 'filter.lfs.smudge', 'filter.a=b.c.process', 'filter.x\ny.required', 'filterx.y.clean', 'filter.z.other', ''].join('\0')), ['lfs', 'a=b.c', 'x\ny']);
  });

  it('turns each driver off through GIT_CONFIG_* variables', () => {
    assert.deepEqual(neutralisingEnv(['a=b']), {
      GIT_CONFIG_COUNT: '4',
      GIT_CONFIG_KEY_0: 'filter.a=b.clean',
      GIT_CONFIG_VALUE_0: '',
      GIT_CONFIG_KEY_1: 'filter.a=b.smudge',
      GIT_CONFIG_VALUE_1: '',
      GIT_CONFIG_KEY_2: 'filter.a=b.process',
      GIT_CONFIG_VALUE_2: '',
      GIT_CONFIG_KEY_3: 'filter.a=b.required',
      GIT_CONFIG_VALUE_3: 'false',
    });
    assert.deepEqual(neutralisingEnv([]), {});
  });
});
