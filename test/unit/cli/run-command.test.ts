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
    const json = JSON.parse(result.out);
    assert.deepEqual([json.schemaVersion, json.command, json.root, json.path, json.summary, json.findings], [1, 'blocks', root, 'runbooks/disk.md', { findings: 0, errors: 0, warnings: 0, infos: 0, blocks: 4 }, []]);
    assert.deepEqual(json.blocks, [
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
        prompted: true,
        outputLines: 1,
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

  it('runs the command after the prompt of a prompted bash block and captures its output', async () => {
    await writeTree(root, { 'runbooks/nodes.md': '# Nodes\n\n```bash {cwd=..}\n$ cat data/usage.txt\n91% used\n```\n' });
    const written: string[] = [];
    const result = await run(['run', 'runbooks/nodes.md', '--block', '0', '--format', 'json'], { write: (s) => written.push(s) });
    assert.equal(result.code, 0);
    const [row] = JSON.parse(result.out) as Array<{ name: string; passed: boolean; output: string }>;
    assert.deepEqual([row!.name, row!.passed, row!.output], ['nodes-1', true, '91% used\n']);
    const listed = await run(['blocks', 'runbooks/nodes.md']);
    const lines = listed.out.split('\n');
    // Line 2 is the classifier's reason, which has tests of its own.
    assert.deepEqual([lines[0], lines[2], lines.length], [' 0  nodes-1  line 3  bash  check', '    runs the commands after the prompts; 1 line without a prompt taken as sample output, not run', 3]);
  });

  it('lists a block attribute that does not parse as a block.invalid-attribute finding of the JSON envelope', async () => {
    await writeTree(root, { 'runbooks/slow.md': '# Slow\n\n```sh {timeout=2x}\ntouch ran.marker\n```\n' });
    const json = JSON.parse((await run(['blocks', 'runbooks/slow.md', '--format', 'json'])).out);
    const message = json.blocks[0].invalidAttributes[0].message;
    assert.deepEqual([json.summary.errors, json.findings], [1, [{ ruleId: 'block.invalid-attribute', severity: 'error', message: `${message}. The block will not run until it is fixed.`, path: 'runbooks/slow.md', line: 3 }]]);
  });

  it('writes a block attribute that does not parse as a GitHub annotation before the listing, and as a SARIF result', async () => {
    await writeTree(root, { 'runbooks/slow.md': '# Slow\n\n```sh {timeout=2x}\ntouch ran.marker\n```\n' });
    const message = '`timeout`: `2x` is not a duration; use `90` (seconds), `2s`, `1500ms`, `5m`, `1h30m`';
    const github = await run(['blocks', 'runbooks/slow.md', '--format', 'github']);
    assert.deepEqual([github.code, github.out.split('\n')], [0, [
      `::error file=runbooks/slow.md,line=3,title=Runbooks%3A block.invalid-attribute::${message}. The block will not run until it is fixed.`,
      ' 0  slow-1  line 3  sh  CHANGE',
      '    `touch` changes state',
      `    NOT RUNNABLE: ${message}`,
    ]]);
    const sarif = await run(['blocks', 'runbooks/slow.md', '--format', 'sarif']);
    const log = JSON.parse(sarif.out);
    const [result] = log.runs[0].results;
    assert.deepEqual(
      [sarif.code, log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id), log.runs[0].results.length, result.ruleId, result.level, result.message.text, result.locations[0].physicalLocation],
      [0, ['block.invalid-attribute'], 1, 'block.invalid-attribute', 'error', `${message}. The block will not run until it is fixed.`, { artifactLocation: { uri: 'runbooks/slow.md', uriBaseId: 'SRCROOT' }, region: { startLine: 3 } }],
    );
  });

  it('refuses a block whose timeout does not parse, with the accepted forms, and runs nothing', async () => {
    await writeTree(root, { 'runbooks/slow.md': '# Slow\n\n```sh {timeout=2x}\ntouch ran.marker\n```\n' });
    const result = await run(['run', 'runbooks/slow.md', '--yes']);
    assert.equal(result.code, 2);
    assert.match(result.err, /Not run: `timeout`: `2x` is not a duration; use `90` \(seconds\), `2s`, `1500ms`, `5m`, `1h30m` \(fix the block's attributes on line 3\)\./);
    await assert.rejects(fs.stat(path.join(root, 'ran.marker')));
  });

  it('stops a block at its `timeout=1s` instead of the default', async () => {
    await writeTree(root, { 'runbooks/hang.md': '# Hang\n\n```sh {timeout=1s kind=check}\nsleep 30\n```\n' });
    const started = Date.now();
    const result = await run(['run', 'runbooks/hang.md', '--format', 'json']);
    assert.equal(result.code, 124);
    const [row] = JSON.parse(result.out) as Array<{ timedOut: boolean }>;
    assert.equal(row!.timedOut, true);
    assert.equal(Date.now() - started < 20_000, true);
  });

  it("takes a runbook's repository as the root when it lies outside the current folder and --root is not given", async () => {
    const other = path.join(base, 'other-repo');
    await writeTree(other, { 'docs/x.md': '# X\n\n```sh {cwd=..}\ncat data/state.txt\n```\n', 'data/state.txt': 'other repo\n' });
    await fs.mkdir(path.join(other, '.git'));
    const written: string[] = [];
    const result = await run(['run', '../other-repo/docs/x.md', '--format', 'json'], { write: (s) => written.push(s) });
    assert.equal(result.code, 0, result.err);
    assert.equal((JSON.parse(result.out) as Array<{ output: string }>)[0]!.output, 'other repo\n');
    const explicit = await run(['blocks', '../other-repo/docs/x.md', '--root', '.']);
    assert.equal(explicit.code, 2);
    assert.match(explicit.err, /is outside --root/);
  });

  it('takes the folder of a runbook outside any repository as its root', async () => {
    await writeTree(base, { 'loose/y.md': '# Y\n\n```sh {cwd=..}\necho hi\n```\n' });
    const result = await run(['blocks', '../loose/y.md', '--format', 'json']);
    assert.equal(result.code, 0);
    // The block's cwd (..) would leave the runbook's folder, which is the root here.
    const blocks = (JSON.parse(result.out) as { blocks: Array<{ name: string }> }).blocks;
    assert.equal(blocks.length, 1);
  });

  it('says a tool is missing, not that the check failed, when the command is not on PATH', async () => {
    await writeTree(root, { 'runbooks/missing.md': '# Missing\n\n```sh {kind=check}\nrunbooks-no-such-tool get nodes\n```\n' });
    const result = await run(['run', 'runbooks/missing.md']);
    assert.equal(result.code, 127);
    assert.match(result.out, /\n✗ tool missing: `runbooks-no-such-tool` is not on PATH \(exit 127, \d+\.\d s\)$/);
  });
});
