import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli';
import type { RunLogRecord } from '../../../src/core/audit/run-log';
import { makeTempDir, removeTempDir, writeTree } from '../support/temp-dir';

describe('runbooks history', () => {
  let base: string;
  let root: string;
  let env: Record<string, string>;

  beforeEach(async () => {
    base = await makeTempDir('cli-history');
    root = path.join(base, 'ws');
    await writeTree(root, {
      'runbooks/a.md': '# A\n\n```sh {name=hello}\necho hello\n```\n',
      'runbooks/b.md': '# B\n\n```sh {name=token kind=check}\necho "token=ghp_abcdefghijklmnopqrstuvwxyz0123456789"\n```\n',
    });
    env = { PATH: process.env.PATH!, HOME: path.join(base, 'home'), XDG_STATE_HOME: path.join(base, 'state') };
  });
  afterEach(() => removeTempDir(base));

  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), cwd: root, env });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('logs every CLI run to XDG_STATE_HOME and lists them newest first, filtered by --doc', async () => {
    assert.equal((await run('run', 'runbooks/a.md')).code, 0);
    assert.equal((await run('run', 'runbooks/b.md')).code, 0);
    const lines = (await fs.readFile(path.join(base, 'state', 'living-runbooks', 'runs.jsonl'), 'utf8')).trim().split('\n');
    assert.equal(lines.length, 2);

    const all = await run('history', '--format', 'json');
    assert.equal(all.code, 0, all.err);
    const records = JSON.parse(all.out) as RunLogRecord[];
    assert.deepEqual(records.map((r) => [r.doc, r.block, r.source, r.kind, r.exitCode, r.passed, r.cwd, r.root, r.confirmation]), [
      ['runbooks/b.md', 'token', 'cli', 'check', 0, true, 'runbooks', root, 'none'],
      ['runbooks/a.md', 'hello', 'cli', 'check', 0, true, 'runbooks', root, 'none'],
    ]);
    assert.equal(records[0]!.command, 'echo "token=[REDACTED:github-token]"');
    assert.match(records[0]!.outputDigest!, /^sha256:[0-9a-f]{64}$/);

    const one = await run('history', '--doc', 'runbooks/a.md');
    assert.equal(one.out.split('\n').length, 2);
    assert.match(one.out, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ ✓ exit 0 {2}\d+\.\d s {2}check {2}runbooks\/a\.md#hello {2}\S+ \(cli, none\)\n {4}\$ echo hello$/);
  });

  it('keeps only runs since --since, refuses a --since it cannot read, and says when there are none', async () => {
    assert.equal((await run('run', 'runbooks/a.md')).code, 0);
    assert.equal(JSON.parse((await run('history', '--since', '1h', '--format', 'json')).out).length, 1);
    assert.equal(JSON.parse((await run('history', '--since', '2999-01-01', '--format', 'json')).out).length, 0);
    const bad = await run('history', '--since', 'soon');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--since must be a duration \(30m, 12h, 2d, 1w\) or a date \(2026-12-01\), not "soon"/);
    assert.equal((await run('history', '--doc', 'runbooks/b.md')).out, `No runs of runbooks/b.md in ${path.join(base, 'state', 'living-runbooks', 'runs.jsonl')}.`);
  });

  it('counts lines of the log that are not records on stderr and still lists the rest', async () => {
    assert.equal((await run('run', 'runbooks/a.md')).code, 0);
    await fs.appendFile(path.join(base, 'state', 'living-runbooks', 'runs.jsonl'), '{"torn":\n');
    const result = await run('history', '--format', 'json');
    assert.equal(JSON.parse(result.out).length, 1);
    assert.match(result.err, /^Note: 1 line\(s\) of .*runs\.jsonl are not run records \(first: line 2, not JSON/);
  });
});
