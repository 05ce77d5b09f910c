import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli';
import { OUTSIDE_REASON, OUTSIDE_WHERE } from '../../../src/node/workspace-boundary';
import { makeTempDir, removeTempDir, writeTree } from '../support/temp-dir';

const SECRET = 'root:x:0:0:SECRET-LINE';

describe('CLI paths that repository content chooses stay inside the root', () => {
  let base: string;
  let root: string;
  let outside: string;

  async function run(...argv: string[]) {
    const out: string[] = [];
    const started = Date.now();
    const code = await main(argv, { out: (s) => out.push(s), err: (s) => out.push(s), cwd: root, env: { PATH: process.env.PATH ?? '', HOME: base } });
    return { code, text: out.join('\n'), ms: Date.now() - started };
  }

  beforeEach(async () => {
    base = await makeTempDir('untrusted-paths');
    root = path.join(base, 'repo');
    outside = path.join(base, 'outside');
    await writeTree(base, {
      'outside/passwd': `${SECRET}\n`,
      'outside/runbook.md': '# Outside\n\n```sh {name=x}\necho outside\n```\n',
      'outside/incidents/2025-01-01-old.md': '---\ntitle: Outside incident\nstatus: active\nseverity: sev2\nstarted: 2025-01-01T00:00:00Z\n---\n# Outside incident\n',
      'repo/runbooks/ok.md': '# Ok\n',
    });
  });
  afterEach(() => removeTempDir(base));

  describe('blocks and run on a runbook that is not a regular file inside the root', () => {
    it('refuses a FIFO at once', async () => {
      execFileSync('mkfifo', [path.join(root, 'runbooks', 'fifo.md')]);
      const result = await run('blocks', 'runbooks/fifo.md');
      assert.deepEqual([result.code, result.text.split('\n')[0]], [2, 'runbooks: cannot read runbooks/fifo.md: it is not a regular file (a FIFO, device or socket); it is not read']);
      assert.ok(result.ms < 1000, `${result.ms} ms`);
    });

    it('refuses links to /dev/zero, to a password file and to a runbook outside, with the same words', async () => {
      await fs.symlink('/dev/zero', path.join(root, 'runbooks', 'zero.md'));
      await fs.symlink(path.join(outside, 'passwd'), path.join(root, 'runbooks', 'passwd.md'));
      await fs.symlink(path.join(outside, 'runbook.md'), path.join(root, 'runbooks', 'out.md'));
      await fs.symlink(path.join(outside, 'missing.md'), path.join(root, 'runbooks', 'dangling.md'));
      for (const name of ['zero', 'passwd', 'out', 'dangling']) {
        for (const command of ['blocks', 'run']) {
          const result = await run(command, `runbooks/${name}.md`, '--yes');
          assert.deepEqual([result.code, result.text.split('\n')[0]], [2, `runbooks: cannot read runbooks/${name}.md: it ${OUTSIDE_REASON}`]);
          assert.doesNotMatch(result.text, /SECRET|outside\n/);
          assert.ok(result.ms < 1000, `${result.ms} ms`);
        }
      }
    });
  });

  it('run refuses a block whose cwd goes through an in-repository link to a folder outside, and runs nothing', async () => {
    await fs.symlink(outside, path.join(root, 'link'));
    await writeTree(root, { 'runbooks/cwd.md': '# Cwd\n\n```sh {name=look cwd=../link}\ntouch ran.marker\n```\n' });
    const result = await run('run', 'runbooks/cwd.md', '--yes', '--format', 'json');
    assert.equal(result.code, 127, result.text);
    assert.equal((JSON.parse(result.text) as Array<{ output: string }>)[0]!.output, `the working directory link ${OUTSIDE_WHERE}; nothing was run\n`);
    await assert.rejects(fs.access(path.join(outside, 'ran.marker')));
  });

  describe('the incidents folder', () => {
    beforeEach(() => fs.symlink(path.join(outside, 'incidents'), path.join(root, 'incidents')));

    it('a committed incidents link out of the root is refused by list, start, note and report', async () => {
      for (const argv of [['incident', 'list'], ['incident', 'start', 'Disk full'], ['note', 'checked the disk'], ['report', '--no-cache']]) {
        const result = await run(...argv);
        assert.equal(result.code, 2, argv.join(' '));
        assert.equal(result.text.split('\n')[0], `runbooks: the incidents folder incidents ${OUTSIDE_REASON}. Pass --incidents-outside-root to use a folder outside ${root}`);
      }
      assert.deepEqual(await fs.readdir(path.join(outside, 'incidents')), ['2025-01-01-old.md']);
    });

    it('--incidents-outside-root lets the user choose a folder outside on purpose', async () => {
      const result = await run('incident', 'list', '--incidents-outside-root');
      assert.equal(result.code, 0);
      assert.match(result.text, /Outside incident/);
    });
  });
});
