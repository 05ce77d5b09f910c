import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli';
import { GitFixture } from '../node/git-fixture';

/** `runbooks/bad-<0xff>.md`: a file name that is not UTF-8, as bytes. */
const RAW_NAME = Buffer.concat([Buffer.from('runbooks/bad-'), Buffer.from([0xff]), Buffer.from('.md')]);
/** How every output shows it: the byte escaped as the text sink escapes control characters. */
const SHOWN = 'runbooks/bad-\\xff.md';
const RUNBOOK = '---\nowner: team-db\n---\n# Disk full\n\nSee [pool](../deploy/pool.yaml).\n';

describe('tracked files with odd names and encodings (#21 item 7)', () => {
  let repo: GitFixture;

  beforeEach(async () => {
    repo = await GitFixture.create('odd-names');
    await repo.write({ 'runbooks/ok.md': RUNBOOK, 'deploy/pool.yaml': 'size: 10\n' });
    await fs.writeFile(Buffer.concat([Buffer.from(`${repo.dir}/`), RAW_NAME]), RUNBOOK.replace('Disk full', 'Bad name'));
    // UTF-16LE without a byte-order mark.
    await fs.writeFile(path.join(repo.dir, 'runbooks', 'wide.md'), Buffer.from('# Wide\n\nCheck the disk.\n', 'utf16le'));
    await repo.commit('add runbooks', '2025-01-01');
  });
  afterEach(() => repo.remove());

  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const env = { ...repo.env, XDG_CACHE_HOME: path.join(repo.base, 'cache') };
    const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), cwd: repo.dir, env });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('git tracks the name as bytes (the fixture is what it says)', () => {
    assert.equal(repo.git(['-c', 'core.quotePath=true', 'ls-files', 'runbooks']).split('\n')[0], '"runbooks/bad-\\377.md"');
  });

  it('index lists a doc whose file name is not UTF-8 under its escaped name, with path.not-utf8, and reads it', async () => {
    const result = await run('index', '--format', 'json');
    assert.equal(result.code, 0);
    const json = JSON.parse(result.out) as { docs: Array<{ path: string; title: string; findings: Array<{ ruleId: string; message: string }> }> };
    assert.deepEqual(json.docs.map((d) => [d.path, d.title]), [[SHOWN, 'Bad name'], ['runbooks/ok.md', 'Disk full'], ['runbooks/wide.md', 'Wide']]);
    assert.deepEqual(json.docs[0]!.findings.map((f) => [f.ruleId, f.message]), [
      ['path.not-utf8', 'This file name is not valid UTF-8 (shown here as `runbooks/bad-\\xff.md`): links, git history and other tools cannot name it reliably. Rename it to a UTF-8 name.'],
    ]);
    assert.deepEqual(json.docs[2]!.findings.map((f) => f.ruleId), ['doc.invalid-encoding']);
    const text = await run('index');
    assert.match(text.out, /runbook +runbooks\/bad-\\xff\.md {2}"Bad name"/);
    assert.doesNotMatch(text.out, /\uFFFD|\xff/);
  });

  it('report lists it as unknown with path.not-utf8 instead of leaving it out', async () => {
    const result = await run('report', '--format', 'json', '--no-cache');
    const json = JSON.parse(result.out) as { docs: Array<{ path: string; level: string; reasons: Array<{ ruleId: string }> }> };
    assert.deepEqual(json.docs.map((d) => [d.path, d.level, d.reasons.map((r) => r.ruleId)]).sort(), [
      [SHOWN, 'unknown', ['path.not-utf8']],
      ['runbooks/ok.md', 'fresh', []],
      ['runbooks/wide.md', 'fresh', []],
    ]);
    const text = await run('report', '--no-cache');
    assert.match(text.out, /unknown +runbooks\/bad-\\xff\.md/);
  });

  it('check names it when the change set touches it', async () => {
    repo.git(['checkout', '-q', '-b', 'feature']);
    await fs.writeFile(Buffer.concat([Buffer.from(`${repo.dir}/`), RAW_NAME]), `${RUNBOOK}\nMore.\n`);
    await repo.commit('edit the odd one', '2025-02-01');
    const result = await run('check', '--base', 'main', '--format', 'json', '--no-cache');
    const json = JSON.parse(result.out) as { findings: Array<{ ruleId: string; path: string }> };
    assert.deepEqual(json.findings.map((f) => [f.ruleId, f.path]), [['path.not-utf8', SHOWN]]);
    assert.equal(result.code, 1);
  });
});
