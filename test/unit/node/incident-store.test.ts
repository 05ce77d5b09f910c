import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseIncident } from '../../../src/core/incident/incident-parser';
import { formatNote } from '../../../src/core/incident/timeline';
import type { IncidentMeta } from '../../../src/core/incident/types';
import { withFileLock } from '../../../src/node/incident-lock';
import { gitUserName, IncidentStore } from '../../../src/node/incident-store';
import { makeTempDir, removeTempDir, writeTree } from '../support/temp-dir';

const REPO = path.resolve(__dirname, '..', '..', '..');
const WORKER = path.join(__dirname, 'incident-append-worker.ts');
const META: IncidentMeta = { id: '', title: 'DB failover', severity: 'SEV2', status: 'active', started: '2026-11-22T14:05:00.000Z', runbooks: ['runbooks/db.md'], commander: 'Alice' };
const note = (text: string, iso = '2026-11-22T14:06:00Z') => formatNote({ text, author: 'Bob' }, new Date(iso), 'UTC');

function runWorker(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('IncidentStore', () => {
  let root: string;
  let dir: string;
  let store: IncidentStore;

  beforeEach(async () => {
    root = await makeTempDir('incidents');
    dir = path.join(root, 'incidents');
    store = new IncidentStore(dir, root, { timeZone: 'UTC' });
  });
  afterEach(() => removeTempDir(root));

  const read = (relative: string) => fs.readFile(path.join(root, relative), 'utf8');

  it('creates the incident file from the template, with the file stem as id, and returns its workspace path', async () => {
    const relative = await store.create(META);
    assert.equal(relative, 'incidents/2026-11-22-db-failover.md');
    const file = parseIncident(relative, await read(relative));
    assert.deepEqual(file.meta, { ...META, id: '2026-11-22-db-failover', started: '2026-11-22T14:05:00Z' });
    assert.deepEqual(file.timeline.map((e) => e.summary), ['Incident started (severity SEV2)']);
  });

  it('never overwrites: a taken name gets -2, -3, and the existing files keep their bytes', async () => {
    await writeTree(dir, { '2026-11-22-db-failover.md': 'hand-written\n' });
    assert.equal(await store.create(META), 'incidents/2026-11-22-db-failover-2.md');
    assert.equal(await store.create(META), 'incidents/2026-11-22-db-failover-3.md');
    assert.equal(await read('incidents/2026-11-22-db-failover.md'), 'hand-written\n');
    assert.equal(parseIncident('x', await read('incidents/2026-11-22-db-failover-3.md')).meta?.id, '2026-11-22-db-failover-3');
  });

  it('appends blocks at the end, redacted, and adds a missing final newline', async () => {
    const relative = await store.create(META);
    const before = await read(relative);
    await store.append(relative, note('first'));
    await store.append(path.join(root, relative), `- **2026-11-22T14:07:00Z** (14:07 local) — token=abcdef123456`);
    assert.equal(
      await read(relative),
      `${before}- **2026-11-22T14:06:00Z** (14:06 local) — *Bob*: first\n- **2026-11-22T14:07:00Z** (14:07 local) — token=[REDACTED:secret-assignment]\n`,
    );
  });

  it('starts a new line after a torn write, so the next entry is intact and the file still parses', async () => {
    const relative = await store.create(META);
    await fs.appendFile(path.join(root, relative), '- **2026-11-22T14:06:00Z** (14:06 local) — *Bob*: half of a n');
    await store.append(relative, note('whole entry', '2026-11-22T14:07:00Z'));
    const text = await read(relative);
    assert.ok(text.endsWith('half of a n\n- **2026-11-22T14:07:00Z** (14:07 local) — *Bob*: whole entry\n'));
    const file = parseIncident(relative, text);
    assert.deepEqual(file.problems, []);
    assert.deepEqual(file.timeline.map((e) => e.summary), ['Incident started (severity SEV2)', 'half of a n', 'whole entry']);
  });

  it('stays readable and appendable after a writer is killed (SIGKILL) in the middle of appending', async function () {
    this.timeout(60_000);
    const relative = await store.create(META);
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dir, root, relative, '9', '100000'], { cwd: REPO, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('close', resolve));
    // The start entry plus at least 50 notes before the kill.
    while (parseIncident(relative, await read(relative)).timeline.length < 51) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    await exited;
    // later than the worker's notes (written now), so it is appended, not placed before them
    await store.append(relative, note('after the crash', new Date(Date.now() + 60_000).toISOString()));
    const file = parseIncident(relative, await read(relative));
    assert.deepEqual(file.problems, []);
    const written = file.timeline.slice(1, -1);
    assert.ok(written.length >= 50);
    written.forEach((e, i) => assert.equal(e.text, `worker 9 note ${i}\nsecond line of 9/${i}`));
    assert.equal(file.timeline.at(-1)!.text, 'after the crash');
  });

  it('refuses to append to a file that does not exist, and creates nothing', async () => {
    await assert.rejects(store.append('incidents/missing.md', note('x')), /ENOENT/);
    await assert.rejects(fs.stat(path.join(dir, 'missing.md')));
  });

  it('lands 1,000 notes from 4 concurrent processes exactly once each, in a file that parses', async function () {
    this.timeout(120_000);
    const relative = await store.create(META);
    const results = await Promise.all([0, 1, 2, 3].map((w) => runWorker([dir, root, relative, String(w), '250'])));
    assert.deepEqual(results.map((r) => r.code), [0, 0, 0, 0], results.map((r) => r.stderr).join('\n'));
    const file = parseIncident(relative, await read(relative));
    assert.deepEqual(file.problems, []);
    assert.equal(file.timeline.length, 1001);
    const notes = file.timeline.slice(1).map((e) => e.text);
    assert.equal(new Set(notes).size, 1000);
    for (let w = 0; w < 4; w++) {
      const mine = notes.filter((t) => t.startsWith(`worker ${w} note `));
      // Each writer's notes are all there, whole, and in the order it wrote them.
      assert.deepEqual(mine, Array.from({ length: 250 }, (_, i) => `worker ${w} note ${i}\nsecond line of ${w}/${i}`));
    }
    await assert.rejects(fs.stat(path.join(root, `${relative}.lock`)));
  });

  it('lists incidents without postmortems, reports unreadable ones, and picks the newest active one', async () => {
    const older = await store.create({ ...META, title: 'Older', started: '2026-11-21T10:00:00Z' });
    const newer = await store.create({ ...META, title: 'Newer', started: '2026-11-22T10:00:00Z' });
    // broken.md: an incident file (it has a timeline entry) whose front matter a hand edit broke
    await writeTree(dir, { 'broken.md': `---\ntitle: [\n---\n${note('x')}`, '2026-11-22-newer-postmortem.md': '# Postmortem\n', 'notes.txt': 'x' });
    const files = await store.list();
    assert.deepEqual(files.map((f) => [f.path, f.meta?.title ?? null, f.problems.length]), [
      [older, 'Older', 0],
      [newer, 'Newer', 0],
      ['incidents/broken.md', null, 1],
    ]);
    assert.equal((await store.active())?.path, newer);
    assert.deepEqual(await new IncidentStore(path.join(root, 'none'), root).list(), []);
  });

  it('leaves markdown that is not an incident file alone: not listed, never active, never written (#22)', async () => {
    const checklist = '---\ntitle: On-call checklist\nstatus: draft\n---\n# Checklist\n\n- [ ] page the owner\n';
    await writeTree(dir, { 'checklist.md': checklist, 'README.md': '# Incidents\n\nHow we run incidents.\n' });
    assert.deepEqual(await store.list(), []);
    assert.deepEqual(await store.foreign(), ['incidents/README.md', 'incidents/checklist.md']);
    const relative = await store.create(META);
    assert.deepEqual((await store.list()).map((f) => f.path), [relative]);
    assert.deepEqual(await store.foreign(), ['incidents/README.md', 'incidents/checklist.md']);
    assert.equal(await read('incidents/checklist.md'), checklist);
  });

  it('places a back-dated note before later entries by an atomic rewrite, and appends the rest (#22)', async () => {
    const relative = await store.create(META);
    await store.append(relative, note('14:20 rolled back the deploy', '2026-11-22T14:20:00Z'));
    await store.append(relative, note('14:10 paged by PostgresDown', '2026-11-22T14:10:00Z'));
    await store.append(relative, note('14:20 same minute, written later', '2026-11-22T14:20:00Z'));
    await store.append(relative, note('14:03 deploy 4.2 went out', '2026-11-22T14:03:00Z'));
    const file = parseIncident(relative, await read(relative));
    assert.deepEqual(file.problems, []);
    assert.deepEqual(file.timeline.map((e) => [e.at.slice(11, 16), e.summary]), [
      ['14:03', '14:03 deploy 4.2 went out'],
      ['14:05', 'Incident started (severity SEV2)'],
      ['14:10', '14:10 paged by PostgresDown'],
      ['14:20', '14:20 rolled back the deploy'],
      ['14:20', '14:20 same minute, written later'],
    ]);
    assert.deepEqual((await fs.readdir(dir)).sort(), ['2026-11-22-db-failover.md']);
  });

  it('never rewrites an incident file whose front matter cannot be read: a back-dated note is appended', async () => {
    const broken = `---\ntitle: "DB\nstatus: active\n---\n${note('later', '2026-11-22T15:00:00Z')}`;
    await writeTree(dir, { 'broken.md': broken });
    await store.append('incidents/broken.md', note('earlier', '2026-11-22T14:00:00Z'));
    assert.equal(await read('incidents/broken.md'), `${broken}${note('earlier', '2026-11-22T14:00:00Z')}`);
  });

  it('resolves: appends a status entry, edits only the front matter, writes the postmortem draft without overwriting', async () => {
    const relative = await store.create(META);
    await store.append(relative, note('paged DB team'));
    const before = await read(relative);
    const result = await store.resolve(relative, new Date('2026-11-22T15:40:00Z'), 'Alice');
    assert.equal(result.frontMatterUpdated, true);
    assert.equal(result.problem, undefined);
    assert.equal(result.postmortemPath, 'incidents/2026-11-22-db-failover-postmortem.md');
    const after = await read(relative);
    assert.equal(
      after,
      before.replace('status: active\nstarted: 2026-11-22T14:05:00Z\n', 'status: resolved\nstarted: 2026-11-22T14:05:00Z\nresolved: 2026-11-22T15:40:00Z\n') +
        '- **2026-11-22T15:40:00Z** (15:40 local) — *Alice*: ⚑ Incident resolved\n',
    );
    assert.equal(result.incident.meta?.status, 'resolved');
    const draft = await read(result.postmortemPath);
    assert.match(draft, /^# Postmortem: DB failover\n/);
    assert.match(draft, /\n- 2026-11-22 14:06 UTC — Bob: paged DB team\n- 2026-11-22 15:40 UTC — Alice: \*\*Incident resolved\*\*\n/);
    const again = await store.resolve(relative, new Date('2026-11-22T15:45:00Z'));
    assert.equal(again.postmortemPath, 'incidents/2026-11-22-db-failover-postmortem-2.md');
    assert.equal(await read(result.postmortemPath), draft);
    assert.deepEqual((await fs.readdir(dir)).sort(), ['2026-11-22-db-failover-postmortem-2.md', '2026-11-22-db-failover-postmortem.md', '2026-11-22-db-failover.md']);
  });

  it('leaves broken front matter alone on resolve, still appending the status entry and writing the draft', async () => {
    const broken = '---\ntitle: "DB\nstatus: active\n---\n# DB\n';
    await writeTree(dir, { 'broken.md': broken });
    const result = await store.resolve('incidents/broken.md', new Date('2026-11-22T15:40:00Z'));
    assert.equal(result.frontMatterUpdated, false);
    assert.match(result.problem!, /not valid YAML \(line 2\)/);
    assert.equal(await read('incidents/broken.md'), `${broken}- **2026-11-22T15:40:00Z** (15:40 local) — ⚑ Incident resolved\n`);
    assert.equal(result.postmortemPath, 'incidents/broken-postmortem.md');
  });
});

describe('withFileLock', () => {
  let dir: string;
  beforeEach(async () => (dir = await makeTempDir('lock')));
  afterEach(() => removeTempDir(dir));

  it('takes over a lock left by a process that is gone', async () => {
    const target = path.join(dir, 'x.md');
    const dead = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '']);
      child.on('close', () => resolve(child.pid!));
    });
    await fs.writeFile(`${target}.lock`, JSON.stringify({ pid: dead, host: os.hostname(), at: new Date().toISOString() }));
    assert.equal(await withFileLock(target, async () => 'ran', { timeoutMs: 2000 }), 'ran');
    await assert.rejects(fs.stat(`${target}.lock`));
  });

  it('takes over a lock older than staleMs, and waits for a live one until the timeout, naming the lock file', async () => {
    const target = path.join(dir, 'y.md');
    await fs.writeFile(`${target}.lock`, JSON.stringify({ pid: process.pid, host: os.hostname(), at: '' }));
    await assert.rejects(withFileLock(target, async () => 'ran', { timeoutMs: 200 }), /y\.md is locked by another writer \(.*y\.md\.lock\)/);
    const old = new Date(Date.now() - 60_000);
    await fs.utimes(`${target}.lock`, old, old);
    assert.equal(await withFileLock(target, async () => 'ran', { timeoutMs: 2000, staleMs: 30_000 }), 'ran');
  });

  it('serialises writers in one process and releases the lock when the work throws', async () => {
    const target = path.join(dir, 'z.md');
    const order: string[] = [];
    const slow = withFileLock(target, async () => {
      order.push('a start');
      await new Promise((r) => setTimeout(r, 50));
      order.push('a end');
    });
    await new Promise((r) => setTimeout(r, 5));
    const fast = withFileLock(target, async () => void order.push('b'));
    await Promise.all([slow, fast]);
    assert.deepEqual(order, ['a start', 'a end', 'b']);
    await assert.rejects(withFileLock(target, async () => Promise.reject(new Error('boom'))), /boom/);
    await assert.rejects(fs.stat(`${target}.lock`));
  });
});

describe('gitUserName', () => {
  let dir: string;
  beforeEach(async () => (dir = await makeTempDir('git-user')));
  afterEach(() => removeTempDir(dir));

  it('reads user.name from git config, and is undefined when none is set', async () => {
    await writeTree(dir, { gitconfig: '[user]\n\tname = Alice Example\n' });
    const env = { PATH: process.env.PATH, HOME: dir, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: path.join(dir, 'gitconfig') };
    assert.equal(await gitUserName(dir, env), 'Alice Example');
    assert.equal(await gitUserName(dir, { ...env, GIT_CONFIG_GLOBAL: path.join(dir, 'none') }), undefined);
    assert.equal(await gitUserName(path.join(dir, 'missing-folder'), env), undefined);
  });
});
