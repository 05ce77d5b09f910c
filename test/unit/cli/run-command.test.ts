import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli';
import type { CliIo } from '../../../src/cli/io';
import { makeTempDir, removeTempDir, writeTree } from '../support/temp-dir';

const RUNBOOK = [
  '# Disk full',
  '',
  '## Diagnosis',
  '',
  '```sh {name=usage cwd=..}',
  'cat data/usage.txt',
  '```',
  '',
  '```console',
  '$ echo "ns=${NAMESPACE:-default} pod=<pod>"',
  'ns=default pod=x',
  '```',
  '',
  '```sh {name=fails kind=check}',
  'echo broken >&2; exit 3',
  '```',
  '',
  '## Mitigation',
  '',
  '```sh {name=clean cwd=..}',
  'touch cleaned.marker',
  '```',
  '',
].join('\n');

describe('runbooks blocks and runbooks run', () => {
  let base: string;
  let root: string;

  beforeEach(async () => {
    base = await makeTempDir('cli-run');
    root = path.join(base, 'ws');
    await writeTree(root, { 'runbooks/disk.md': RUNBOOK, 'data/usage.txt': '91% used\n' });
  });
  afterEach(() => removeTempDir(base));

  async function run(argv: string[], extra: Partial<CliIo> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), cwd: root, env: { PATH: process.env.PATH }, ...extra });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('lists the runnable blocks as JSON with index, name, lang, line, kind and inputs', async () => {
    const result = await run(['blocks', 'runbooks/disk.md', '--format', 'json']);
    assert.equal(result.code, 0);
    assert.deepEqual(JSON.parse(result.out), [
      { index: 0, name: 'usage', lang: 'sh', line: 5, kind: 'check', inputs: [] },
      {
        index: 1,
        name: 'diagnosis-2',
        lang: 'console',
        line: 9,
        kind: 'check',
        inputs: [
          { name: 'NAMESPACE', form: 'variable', default: 'default', secret: false },
          { name: 'pod', form: 'placeholder', secret: false },
        ],
      },
      { index: 2, name: 'fails', lang: 'sh', line: 14, kind: 'check', inputs: [] },
      { index: 3, name: 'clean', lang: 'sh', line: 20, kind: 'change', inputs: [] },
    ]);
  });

  it('runs one check by name and prints its output and result', async () => {
    const written: string[] = [];
    const result = await run(['run', 'runbooks/disk.md', '--block', 'usage'], { write: (s) => written.push(s) });
    assert.equal(result.code, 0);
    assert.equal(written.join(''), '91% used\n');
    assert.match(result.out, /^▶ runbooks\/disk.md:5 usage \(check\)\n\$ cat data\/usage.txt\n✓ passed \(exit 0, \d+\.\d s\)$/);
  });

  it('substitutes --var values quoted, and fails with exit 2 naming an input that has no value', async () => {
    const ok = await run(['run', 'runbooks/disk.md', '--block', '1', '--var', 'pod=web 1; rm -rf /', '--format', 'json']);
    assert.equal(ok.code, 0);
    assert.equal(JSON.parse(ok.out)[0].output, 'ns=default pod=web 1; rm -rf /\n');
    const missing = await run(['run', 'runbooks/disk.md', '--block', '1']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /needs <pod>: pass --var pod=VALUE/);
  });

  it('exits with the failing block\'s status and stops there', async () => {
    const result = await run(['run', 'runbooks/disk.md', '--section', 'Diagnosis', '--var', 'pod=x', '--format', 'json']);
    assert.equal(result.code, 3);
    const rows = JSON.parse(result.out) as Array<{ name: string; passed: boolean; exitCode: number; output: string }>;
    assert.deepEqual(rows.map((r) => [r.name, r.passed, r.exitCode]), [['usage', true, 0], ['diagnosis-2', true, 0], ['fails', false, 3]]);
    assert.equal(rows[2]!.output, 'broken\n');
  });

  it('refuses a state-changing block without --yes when there is no terminal, and runs nothing', async () => {
    const result = await run(['run', 'runbooks/disk.md', '--block', 'clean']);
    assert.equal(result.code, 2);
    assert.match(result.err, /touch cleaned.marker\n {2}in \.\n/);
    assert.match(result.err, /pass --yes/);
    await assert.rejects(fs.stat(path.join(root, 'cleaned.marker')));
  });

  it('runs a state-changing block after "y" on a terminal, and not after "n"', async () => {
    const no = await run(['run', 'runbooks/disk.md', '--block', 'clean'], { prompt: async () => 'n' });
    assert.equal(no.code, 1);
    await assert.rejects(fs.stat(path.join(root, 'cleaned.marker')));
    const yes = await run(['run', 'runbooks/disk.md', '--block', 'clean'], { prompt: async () => 'y' });
    assert.equal(yes.code, 0);
    await fs.stat(path.join(root, 'cleaned.marker'));
  });

  it('runs a state-changing block with --yes', async () => {
    const result = await run(['run', 'runbooks/disk.md', '--block', 'clean', '--yes']);
    assert.equal(result.code, 0);
    await fs.stat(path.join(root, 'cleaned.marker'));
  });

  it('refuses a document outside --root and an unknown block', async () => {
    assert.equal((await run(['run', '../elsewhere.md'])).code, 2);
    const unknown = await run(['run', 'runbooks/disk.md', '--block', 'nope']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /no runnable block "nope"/);
  });
});
