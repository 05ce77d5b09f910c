import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileRunLog, outputDigest, runLogPath } from '../../../src/node/run-log-file';
import { sampleRecord } from './run-log-sample';

const REPO = path.resolve(__dirname, '..', '..', '..');
const WORKER = path.join(__dirname, 'run-log-append-worker.ts');

function runWorker(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('runLogPath', () => {
  it('puts the log in XDG_STATE_HOME, else ~/.local/state, else LOCALAPPDATA on Windows', () => {
    assert.equal(runLogPath({ XDG_STATE_HOME: '/s', HOME: '/h' }, 'linux'), '/s/living-runbooks/runs.jsonl');
    assert.equal(runLogPath({ HOME: '/h' }, 'darwin'), '/h/.local/state/living-runbooks/runs.jsonl');
    assert.equal(runLogPath({ XDG_STATE_HOME: 'relative', HOME: '/h' }, 'linux'), '/h/.local/state/living-runbooks/runs.jsonl');
    assert.equal(runLogPath({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32'), path.join('C:\\Users\\a\\AppData\\Local', 'living-runbooks', 'runs.jsonl'));
    assert.equal(runLogPath({}, 'linux'), undefined);
  });
});

describe('FileRunLog', () => {
  let dir: string;
  beforeEach(async () => (dir = await fs.mkdtemp(path.join(os.tmpdir(), 'runbooks-runlog-'))));
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('appends one line a run, private to the user, and reads them back oldest first', async () => {
    const log = new FileRunLog(path.join(dir, 'state', 'living-runbooks', 'runs.jsonl'));
    assert.deepEqual(await log.read(), { records: [], problems: [] });
    await log.append(sampleRecord({ block: 'a' }));
    await log.append(sampleRecord({ block: 'b' }));
    const text = await fs.readFile(log.location, 'utf8');
    assert.equal(text.split('\n').length, 3);
    assert.deepEqual((await log.read()).records.map((r) => r.block), ['a', 'b']);
    assert.equal((await fs.stat(log.location)).mode & 0o777, 0o600);
    assert.equal((await fs.stat(path.dirname(log.location))).mode & 0o777, 0o700);
    await assert.rejects(fs.access(`${log.location}.lock`));
  });

  it('keeps every line whole when four processes append at once', async function () {
    this.timeout(120_000);
    const file = path.join(dir, 'runs.jsonl');
    const results = await Promise.all([1, 2, 3, 4].map((worker) => runWorker([file, String(worker), '25'])));
    for (const result of results) assert.equal(result.code, 0, result.stderr);
    const parsed = await new FileRunLog(file).read();
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.records.length, 100);
    for (const worker of [1, 2, 3, 4]) {
      const mine = parsed.records.filter((r) => r.block.startsWith(`w${worker}-`));
      assert.deepEqual(mine.map((r) => r.block), Array.from({ length: 25 }, (_, i) => `w${worker}-${i}`));
      assert.ok(mine.every((r) => r.command === `echo ${String(worker).repeat(5000)}`));
    }
  });

  it('digests output as sha256', () => {
    assert.equal(outputDigest('ok\n'), 'sha256:dc51b8c96c2d745df3bd5590d990230a482fd247123599548e0632fdbf97fc22');
  });
});
