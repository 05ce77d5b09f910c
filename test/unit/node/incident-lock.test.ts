import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withFileLock } from '../../../src/node/incident-lock';
import { makeTempDir, removeTempDir } from '../support/temp-dir';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const REPO = path.resolve(__dirname, '../../..');

describe('withFileLock: fairness and dead owners (#21)', () => {
  let dir: string;
  beforeEach(async () => (dir = await makeTempDir('lock-fair')));
  afterEach(() => removeTempDir(dir));

  it('grants the lock to waiters in the order they arrived', async () => {
    const target = path.join(dir, 'fifo.md');
    const order: number[] = [];
    let release!: () => void;
    const held = withFileLock(target, () => new Promise<void>((resolve) => (release = resolve)));
    await sleep(20);
    const waiters: Array<Promise<void>> = [];
    for (let i = 0; i < 6; i++) {
      waiters.push(withFileLock(target, async () => {
        order.push(i);
        await sleep(5);
      }));
      await sleep(25);
    }
    release();
    await Promise.all([held, ...waiters]);
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
  });

  it('takes over at once a lock whose pid now belongs to another process (pid reused after a crash)', async function () {
    if (!existsSync('/proc/self/stat')) this.skip();
    const target = path.join(dir, 'reused.md');
    // This process's pid, but a start time it never had: the owner died and the pid went to someone else.
    await fs.writeFile(`${target}.lock`, JSON.stringify({ pid: process.pid, host: os.hostname(), at: new Date().toISOString(), start: '1' }));
    const started = Date.now();
    assert.equal(await withFileLock(target, async () => 'ran', { timeoutMs: 5000 }), 'ran');
    assert.ok(Date.now() - started < 500, `took ${Date.now() - started} ms`);
  });

  it('keeps waiting for a live owner whose start time matches', async function () {
    if (!existsSync('/proc/self/stat')) this.skip();
    const target = path.join(dir, 'live.md');
    let ownerText = '';
    await withFileLock(target, async () => {
      ownerText = await fs.readFile(`${target}.lock`, 'utf8');
    });
    const owner = JSON.parse(ownerText) as { pid: number; start?: string };
    assert.equal(owner.pid, process.pid);
    assert.match(owner.start ?? '', /^\d+$/);
    await fs.writeFile(`${target}.lock`, ownerText);
    await assert.rejects(withFileLock(target, async () => 'ran', { timeoutMs: 300 }), /live\.md is locked by another writer/);
  });

  it('does not let a waiter killed in the queue hold up the ones after it, and one that gives up leaves nothing behind', async function () {
    this.timeout(30_000);
    const target = path.join(dir, 'queue.md');
    let release!: () => void;
    const held = withFileLock(target, () => new Promise<void>((resolve) => (release = resolve)));
    await sleep(20);
    const script = `require(${JSON.stringify(path.join(REPO, 'src/node/incident-lock.ts'))}).withFileLock(${JSON.stringify(target)}, async () => {}, { timeoutMs: 60000 })`;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: REPO, stdio: 'ignore' });
    const before = new Set(await fs.readdir(dir));
    const deadline = Date.now() + 20_000;
    while ((await fs.readdir(dir)).every((name) => before.has(name))) {
      assert.ok(Date.now() < deadline, 'the child never queued');
      await sleep(20);
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));
    // Queued after the killed one: gets the lock as soon as it is released.
    const next = withFileLock(target, async () => Date.now());
    await sleep(50);
    const releasedAt = Date.now();
    release();
    await held;
    const ranAt = await next;
    assert.ok(ranAt - releasedAt < 500, `waited ${ranAt - releasedAt} ms after the release`);

    let hold!: () => void;
    const again = withFileLock(target, () => new Promise<void>((resolve) => (hold = resolve)));
    await sleep(20);
    await assert.rejects(withFileLock(target, async () => 'never', { timeoutMs: 200 }), /queue\.md is locked by another writer/);
    hold();
    await again;
    assert.deepEqual(await fs.readdir(dir), []);
  });

  it('reports how long each acquisition waited', async () => {
    const target = path.join(dir, 'waited.md');
    const waits: number[] = [];
    let release!: () => void;
    const held = withFileLock(target, () => new Promise<void>((resolve) => (release = resolve)), { onAcquired: (ms) => waits.push(ms) });
    await sleep(10);
    const second = withFileLock(target, async () => undefined, { onAcquired: (ms) => waits.push(ms) });
    await sleep(150);
    release();
    await Promise.all([held, second]);
    assert.equal(waits.length, 2);
    assert.ok(waits[0]! < 100, `first waited ${waits[0]} ms`);
    assert.ok(waits[1]! >= 140 && waits[1]! < 1000, `second waited ${waits[1]} ms`);
  });
});
