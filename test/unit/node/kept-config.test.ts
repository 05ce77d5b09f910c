import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { StalenessEngine } from '../../../src/core/staleness/engine';
import type { StalenessReport } from '../../../src/core/staleness/model/report';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { GitWorkspaceFiles } from '../../../src/node/git-workspace-files';
import { CONFIG_KEPT_MS, KeptConfig, parseConfigListing, unreadConfigFile } from '../../../src/node/kept-config';
import { GitFixture } from './git-fixture';
import { recordSpawns } from './spawn-recorder';

const NOW = new Date('2025-06-01T00:00:00Z');

/**
 * Dates back the config files under `base` modified in the last minute (an answer read under
 * `RACY_MS` after a file changed is not kept): as if written long before the run.
 */
async function settle(base: string): Promise<void> {
  const repoDir = path.join(base, 'repo', '.git');
  const linked = await fs.readdir(path.join(repoDir, 'worktrees')).catch(() => [] as string[]);
  const files = [path.join(repoDir, 'config'), path.join(repoDir, 'config.worktree'), ...linked.map((name) => path.join(repoDir, 'worktrees', name, 'config.worktree')), path.join(base, 'home', '.gitconfig'), path.join(base, 'home', '.config', 'git', 'config')];
  for (const file of files) {
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat && stat.mtimeMs > Date.now() - 60_000) await fs.utimes(file, new Date('2025-01-01'), new Date('2025-01-01'));
  }
}
const DB = '# Db\n\nThe [pool](../deploy/pool.yaml) sets the size.\n';

/**
 * The editor's re-check (told what its watcher saw) keeps the last run's config answer while no
 * file git reads config from changed: it starts no `git config` process. A filter driver added
 * anywhere git reads config from is still switched off in the very next run's processes.
 */
describe('the config kept between watched re-checks', () => {
  let repo: GitFixture;
  let started: Array<{ command: string[]; env: readonly string[] }>;
  let stopRecording: () => void;
  let marker: string;
  let filter: string;

  beforeEach(async () => {
    repo = await GitFixture.create('kept-config');
    started = [];
    stopRecording = recordSpawns((command, env) => started.push({ command, env }));
    marker = path.join(repo.base, 'marker');
    filter = path.join(repo.base, 'filter');
    await fs.writeFile(filter, `#!/bin/sh\necho filter >> '${marker}'\ncat\n`, { mode: 0o755 });
    await repo.commit('start', '2025-01-01', { '.gitattributes': '*.yaml filter=late\n', 'runbooks/db.md': DB, 'deploy/pool.yaml': 'size: 10\n' });
  });
  afterEach(async () => {
    stopRecording();
    await repo.remove();
  });

  function engine(dir = repo.dir): StalenessEngine {
    return new StalenessEngine({ git: new SimpleGitHistory(dir, repo.env), files: new GitWorkspaceFiles(dir, repo.env) }, { now: () => NOW, mentions: false });
  }
  const docs = (root = repo.dir) => repo.docs(['runbooks/db.md'], root);
  const watched = { watched: { paths: ['deploy/pool.yaml'], refs: true } };
  const configs = () => started.filter((s) => s.command[0] === 'config').length;
  /**
   * Whether every process SimpleGitHistory started since `started = []`, but the config read,
   * switches the driver `late` off (and there is one). (The workspace listing, `ls-files` without
   * content, is another adapter's.)
   */
  const lateOff = () => {
    const others = started.filter((s) => s.command[0] !== 'config' && s.command[0] !== 'ls-files');
    return others.length > 0 && others.every((s) => s.env.some((e) => /^GIT_CONFIG_KEY_\d+=filter\.late\.clean$/.test(e)));
  };
  /** A watched re-check after a commit to the linked file, from `dir`: configs read, and whether `late` was off throughout. */
  async function recheck(kept: StalenessEngine, date: string, dir = repo.dir, settled = true): Promise<{ configs: number; lateOff: boolean; report: StalenessReport }> {
    if (settled) await settle(repo.base);
    await fs.appendFile(path.join(dir, 'deploy', 'pool.yaml'), `# ${date}\n`);
    repo.git(['commit', '-qam', date], { date, cwd: dir });
    started = [];
    const report = await kept.report(await docs(dir), watched);
    return { configs: configs(), lateOff: lateOff(), report };
  }

  it('starts no config process on a watched re-check after a commit, and reports as a cold run', async () => {
    const kept = engine();
    await settle(repo.base);
    await kept.report(await docs());
    const again = await recheck(kept, '2025-02-01');
    assert.equal(again.configs, 0);
    // The new commit is read from its objects, through the running cat-file (see log-from-objects.test.ts).
    assert.equal((again.report.repo as { head?: string }).head, repo.git(['rev-parse', 'HEAD']).trim(), 'the re-check read the new commit');
    assert.equal(JSON.stringify(again.report.docs), JSON.stringify((await engine().report(await docs())).docs));
  });

  it('reads the config every run when not told what the watcher saw (the CLI, an explicit check)', async () => {
    const kept = engine();
    await settle(repo.base);
    await kept.report(await docs());
    started = [];
    await kept.report(await docs());
    assert.equal(configs(), 1);
  });

  it('switches off a filter driver added to the local config since the last run', async () => {
    const kept = engine();
    await settle(repo.base);
    await kept.report(await docs());
    assert.equal((await recheck(kept, '2025-02-01')).configs, 0);
    repo.git(['config', 'filter.late.clean', filter]);
    assert.deepEqual(await recheck(kept, '2025-03-01').then((r) => [r.configs, r.lateOff]), [1, true]);
  });

  it('does not keep an answer read just after a config file was modified', async () => {
    const kept = engine();
    await settle(repo.base);
    await kept.report(await docs());
    repo.git(['config', 'filter.late.clean', filter]);
    assert.deepEqual(await recheck(kept, '2025-02-01', repo.dir, false).then((r) => [r.configs, r.lateOff]), [1, true]);
    assert.deepEqual(await recheck(kept, '2025-03-01', repo.dir, false).then((r) => [r.configs, r.lateOff]), [1, true]);
    assert.deepEqual(await recheck(kept, '2025-04-01').then((r) => [r.configs, r.lateOff]), [1, true], 'dated back: changed');
    assert.deepEqual(await recheck(kept, '2025-05-01').then((r) => [r.configs, r.lateOff]), [0, true]);
  });

  it('switches off a filter driver added to the global config (both of its files) since the last run', async () => {
    const kept = engine();
    await settle(repo.base);
    await kept.report(await docs());
    await fs.writeFile(path.join(repo.base, 'home', '.gitconfig'), `[filter "late"]\n\tclean = ${filter}\n`);
    assert.deepEqual(await recheck(kept, '2025-02-01').then((r) => [r.configs, r.lateOff]), [1, true]);
    assert.deepEqual(await recheck(kept, '2025-03-01').then((r) => [r.configs, r.lateOff]), [0, true], 'the kept answer still names the driver');
    await fs.rm(path.join(repo.base, 'home', '.gitconfig'));
    await fs.mkdir(path.join(repo.base, 'home', '.config', 'git'), { recursive: true });
    assert.deepEqual(await recheck(kept, '2025-04-01').then((r) => [r.configs, r.lateOff]), [1, false]);
    await fs.writeFile(path.join(repo.base, 'home', '.config', 'git', 'config'), `[filter "late"]\n\tsmudge = ${filter}\n`);
    assert.deepEqual(await recheck(kept, '2025-05-01').then((r) => [r.configs, r.lateOff]), [1, true]);
  });

  it('runs no filter added to the global config since the last run, where git must read the file through it', async () => {
    const kept = engine();
    await settle(repo.base);
    await kept.report(await docs());
    await recheck(kept, '2025-02-01');
    await fs.writeFile(path.join(repo.base, 'home', '.gitconfig'), `[filter "late"]\n\tclean = ${filter}\n`);
    // Same size, new content: git reads the file (through the clean filter) to tell.
    await repo.write({ 'deploy/pool.yaml': (await fs.readFile(path.join(repo.dir, 'deploy', 'pool.yaml'), 'utf8')).replace('size: 10', 'size: 20') });
    repo.git(['status', '--porcelain']);
    assert.match(await fs.readFile(marker, 'utf8'), /filter/, 'plain git runs the filter here (the test is live)');
    await fs.writeFile(marker, '');
    await repo.write({ 'deploy/pool.yaml': (await fs.readFile(path.join(repo.dir, 'deploy', 'pool.yaml'), 'utf8')).replace('size: 20', 'size: 30') });
    await kept.report(await docs(), watched);
    assert.equal(await fs.readFile(marker, 'utf8'), '');
  });

  it('switches off a filter driver added to config.worktree since the last run', async () => {
    repo.git(['config', 'extensions.worktreeConfig', 'true']);
    const kept = engine();
    await settle(repo.base);
    await kept.report(await docs());
    assert.equal((await recheck(kept, '2025-02-01')).configs, 0);
    repo.git(['config', '--worktree', 'filter.late.clean', filter]);
    assert.deepEqual(await recheck(kept, '2025-03-01').then((r) => [r.configs, r.lateOff]), [1, true]);
  });

  it('reads a config with an include every run, and switches off a driver added to the included file', async () => {
    const included = path.join(repo.base, 'included.gitconfig');
    await fs.writeFile(included, '[core]\n\tautocrlf = false\n');
    repo.git(['config', 'include.path', included]);
    const kept = engine();
    await settle(repo.base);
    await kept.report(await docs());
    assert.equal((await recheck(kept, '2025-02-01')).configs, 1);
    await fs.appendFile(included, `[filter "late"]\n\tclean = ${filter}\n`);
    assert.deepEqual(await recheck(kept, '2025-03-01').then((r) => [r.configs, r.lateOff]), [1, true]);
  });

  it('reads a config with a conditional include every run', async () => {
    repo.git(['config', 'includeIf.onbranch:other.path', path.join(repo.base, 'other.gitconfig')]);
    const kept = engine();
    await settle(repo.base);
    await kept.report(await docs());
    assert.equal((await recheck(kept, '2025-02-01')).configs, 1);
  });

  it('keeps the config of a linked worktree, and sees the common config and its own config.worktree change', async () => {
    const tree = path.join(repo.base, 'linked');
    repo.git(['config', 'extensions.worktreeConfig', 'true']);
    repo.git(['worktree', 'add', '-q', '-b', 'linked', tree]);
    const kept = engine(tree);
    await settle(repo.base);
    await kept.report(await docs(tree));
    assert.equal((await recheck(kept, '2025-02-01', tree)).configs, 0);
    repo.git(['config', 'filter.late.clean', filter]);
    assert.deepEqual(await recheck(kept, '2025-03-01', tree).then((r) => [r.configs, r.lateOff]), [1, true]);
    assert.equal((await recheck(kept, '2025-04-01', tree)).configs, 0);
    repo.git(['config', '--unset', 'filter.late.clean']);
    assert.deepEqual(await recheck(kept, '2025-05-01', tree).then((r) => [r.configs, r.lateOff]), [1, false]);
    repo.git(['config', '--worktree', 'filter.late.smudge', filter], { cwd: tree });
    assert.deepEqual(await recheck(kept, '2025-06-01', tree).then((r) => [r.configs, r.lateOff]), [1, true]);
  });

  it('sees the config file replaced by a rename with the same size and times', async () => {
    const config = path.join(repo.dir, '.git', 'config');
    // A section that names no filter, as long as the one that does.
    await fs.appendFile(config, `[zzzzzz "late"]\n\tclean = ${filter}\n`);
    const kept = engine();
    await settle(repo.base);
    await kept.report(await docs());
    assert.equal((await recheck(kept, '2025-02-01')).configs, 0);
    const before = await fs.stat(config, { bigint: true });
    const replacement = path.join(repo.dir, '.git', 'config.new');
    await fs.writeFile(replacement, (await fs.readFile(config, 'utf8')).replace('[zzzzzz "late"]', '[filter "late"]'));
    execFileSync('touch', ['-r', config, replacement]);
    await fs.rename(replacement, config);
    const after = await fs.stat(config, { bigint: true });
    assert.deepEqual([after.size, after.mtimeNs], [before.size, before.mtimeNs]);
    assert.deepEqual(await recheck(kept, '2025-03-01').then((r) => [r.configs, r.lateOff]), [1, true]);
  });
});

describe('KeptConfig', () => {
  let repo: GitFixture;
  beforeEach(async () => {
    repo = await GitFixture.create('kept-config-unit');
    await settle(repo.base);
  });
  afterEach(() => repo.remove());

  const places = () => ({ top: repo.dir, configFiles: ['.git/config', '.git/config.worktree'] });
  /** A `list` answering the whole read with `listing` and the system probe with `system` (a string: git's error). */
  function lister(listing: string, system: { out: string } | string): { list: (args: string[]) => Promise<string>; calls: string[][] } {
    const calls: string[][] = [];
    const list = async (args: string[]) => {
      calls.push(args);
      if (!args.includes('--system')) return listing;
      if (typeof system === 'string') throw new Error(system);
      return system.out;
    };
    return { list, calls };
  }
  const LOCAL = 'local\0file:.git/config\0core.bare\nfalse\0command\0command line:\0color.ui\nfalse\0';

  it('is taken for under 10 minutes only', async () => {
    let now = 0;
    const kept = new KeptConfig(() => now);
    const { list } = lister('system\0file:/etc/gitconfig\0a.b\nc\0' + LOCAL, { out: '' });
    await kept.read(places(), repo.env, list);
    now = CONFIG_KEPT_MS - 1;
    assert.deepEqual(kept.take(places(), repo.env), new Map([['a.b', ['c']], ['core.bare', ['false']], ['color.ui', ['false']]]));
    now = CONFIG_KEPT_MS;
    assert.equal(kept.take(places(), repo.env), undefined);
  });

  it('is not taken with another environment', async () => {
    const kept = new KeptConfig(() => 0);
    await kept.read(places(), repo.env, lister('system\0file:/etc/gitconfig\0a.b\nc\0' + LOCAL, { out: '' }).list);
    assert.notEqual(kept.take(places(), repo.env), undefined);
    assert.equal(kept.take(places(), { ...repo.env, XDG_CONFIG_HOME: repo.base }), undefined);
  });

  it('learns where a system file without entries is from git’s error, without waiting for it, and keeps nothing when git cannot say', async () => {
    // `git` first on PATH in bin/: its etc/gitconfig (missing) is one of the files looked at.
    await fs.mkdir(path.join(repo.base, 'bin'));
    await fs.writeFile(path.join(repo.base, 'bin', 'git'), '');
    const env = { ...repo.env, PATH: path.join(repo.base, 'bin') };
    const missing = path.join(repo.base, 'etc', 'gitconfig');
    let answer: (error: Error) => void = () => undefined;
    const calls: string[][] = [];
    const list = (args: string[]) => {
      calls.push(args);
      return args.includes('--system') ? new Promise<string>((_, reject) => (answer = reject)) : Promise.resolve(LOCAL);
    };
    const learning = new KeptConfig(() => 0);
    assert.deepEqual(await learning.read(places(), env, list), new Map([['core.bare', ['false']], ['color.ui', ['false']]]), 'the read does not wait for the probe');
    assert.equal(learning.take(places(), env), undefined, 'not kept before the system file is known');
    answer(new Error(`fatal: unable to read config file '${missing}': No such file or directory`));
    await new Promise((resolve) => setImmediate(resolve));
    assert.notEqual(learning.take(places(), env), undefined);
    await learning.read(places(), env, list);
    assert.notEqual(learning.take(places(), env), undefined);
    assert.equal(calls.filter((c) => c.includes('--system')).length, 1, 'learnt once');
    await fs.mkdir(path.dirname(missing));
    await fs.writeFile(missing, '[filter "x"]\n\tclean = y\n');
    assert.equal(learning.take(places(), env), undefined, 'the system file appeared');
    // A system file elsewhere: looked at from the next whole read on.
    const elsewhere = new KeptConfig(() => 0);
    const named = lister(LOCAL, `fatal: unable to read config file '${path.join(repo.base, 'other', 'gitconfig')}': No such file or directory`);
    await elsewhere.read(places(), repo.env, named.list);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(elsewhere.take(places(), repo.env), undefined, 'the file was not looked at before the read');
    await elsewhere.read(places(), repo.env, named.list);
    assert.notEqual(elsewhere.take(places(), repo.env), undefined);
    const empty = new KeptConfig(() => 0);
    for (let i = 0; i < 2; i++) {
      await empty.read(places(), repo.env, lister(LOCAL, { out: '' }).list);
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(empty.take(places(), repo.env), undefined);
  });

  it('keeps nothing for an origin other than a file looked at or the command line', async () => {
    for (const listing of [LOCAL + 'local\0file:/elsewhere/config\0x.y\nz\0', LOCAL + 'command\0blob:abc\0x.y\nz\0', 'system\0file:/etc/gitconfig\0a.b\nc\0' + LOCAL + 'local\0file:.git/config\0include.path\n/x\0']) {
      const kept = new KeptConfig(() => 0);
      await kept.read(places(), repo.env, lister(listing, { out: '' }).list);
      assert.equal(kept.take(places(), repo.env), undefined, listing);
    }
  });

  it('parses the listing with origins as `git config --list -z` is parsed, and refuses one it cannot read', () => {
    assert.deepEqual(parseConfigListing('global\0file:/h/.gitconfig\0remote.Up.url\nhttps://x/y\0local\0file:.git/config\0remote.Up.url\na\nb\0local\0file:.git/config\0core.bare\0'), {
      values: new Map([['remote.Up.url', ['https://x/y', 'a\nb']], ['core.bare', ['']]]),
      origins: [
        { scope: 'global', origin: 'file:/h/.gitconfig', key: 'remote.Up.url' },
        { scope: 'local', origin: 'file:.git/config', key: 'remote.Up.url' },
        { scope: 'local', origin: 'file:.git/config', key: 'core.bare' },
      ],
    });
    assert.equal(parseConfigListing('local\0file:.git/config\0'), undefined);
    assert.equal(unreadConfigFile("fatal: unable to read config file '/usr/local/etc/gitconfig': No such file or directory\n"), '/usr/local/etc/gitconfig');
  });

  it('reads the missing system file’s name from the installed git’s message', () => {
    const missing = path.join(repo.base, 'no-such', 'gitconfig');
    let message = '';
    try {
      execFileSync('git', ['config', '--system', '--list', '-z'], { cwd: repo.dir, env: { ...repo.env, LC_ALL: 'C', GIT_CONFIG_SYSTEM: missing }, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      message = String((error as { stderr?: Buffer }).stderr);
    }
    assert.equal(unreadConfigFile(message), missing);
  });
});
