import assert from 'node:assert/strict';
import { readFileSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseIncident } from '../../../src/core/incident/incident-parser';
import { formatNote } from '../../../src/core/incident/timeline';
import type { IncidentMeta } from '../../../src/core/incident/types';
import { appendEntryLocked, readFrontMatterAhead } from '../../../src/node/incident-append';
import { IncidentStore } from '../../../src/node/incident-store';
import { makeTempDir, removeTempDir } from '../support/temp-dir';

const META: IncidentMeta = { id: '', title: 'DB failover', severity: 'SEV2', status: 'active', started: '2026-11-22T14:05:00.000Z', runbooks: [], commander: 'Alice' };
const note = (text: string, iso: string) => formatNote({ text, author: 'Bob' }, new Date(iso), 'UTC');
/** `count` notes a second apart from 14:06, about 120 bytes each. */
const manyNotes = (count: number) =>
  Array.from({ length: count }, (_, i) => note(`note ${i}\nsecond line of note ${i}, long enough to look like a real one`, new Date(Date.parse('2026-11-22T14:06:00Z') + i * 1000).toISOString())).join('');

/** Bytes this process has read (read(2) and friends, all threads), from /proc/self/io; undefined where there is none. */
function bytesRead(): number | undefined {
  try {
    return Number(/^rchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))![1]);
  } catch {
    return undefined;
  }
}

/** A bound well above what an append needs to read (the front matter, the last bytes, the lock) and far below the 2.5 MB file. */
const READ_BUDGET = 300_000;

describe('appending to a large incident file reads a bounded part of it (#21 stall)', () => {
  let root: string;
  let dir: string;
  let store: IncidentStore;

  beforeEach(async () => {
    root = await makeTempDir('incident-bounded');
    dir = path.join(root, 'incidents');
    store = new IncidentStore(dir, root, { timeZone: 'UTC' });
  });
  afterEach(() => removeTempDir(root));

  const read = (relative: string) => fs.readFile(path.join(root, relative), 'utf8');
  /** An active incident of `notes` notes: 3,000 (about 370 KB, far more than the parts read) unless told. */
  async function largeIncident(notes = 3_000): Promise<string> {
    const relative = await store.create(META);
    await fs.appendFile(path.join(root, relative), manyNotes(notes));
    assert.ok((await fs.stat(path.join(root, relative))).size > notes * 120);
    return relative;
  }

  it('checks the status and appends a note to a 2.5 MB incident reading under 300 KB of it', async function () {
    if (bytesRead() === undefined) this.skip();
    const relative = await largeIncident(21_000);
    const before = await read(relative);
    const block = note('after 21,000 notes', '2026-11-23T09:00:00Z');
    const from = bytesRead()!;
    await store.append(relative, block, { onlyIfActive: true });
    const used = bytesRead()! - from;
    assert.ok(used < READ_BUDGET, `read ${used} bytes`);
    assert.equal(await read(relative), `${before}${block}`);
  });

  it('refuses a note to a large incident whose front matter says resolved, leaving it as it was', async () => {
    const relative = await largeIncident();
    const absolute = path.join(root, relative);
    const text = await read(relative);
    await fs.writeFile(absolute, text.replace('status: active', 'status: resolved'));
    const before = await read(relative);
    await assert.rejects(store.append(relative, note('too late', '2026-11-23T09:00:00Z'), { onlyIfActive: true }), /was resolved; the note was not added/);
    assert.equal(await read(relative), before);
  });

  it('refuses a note to a large incident with an unreadable front matter whose timeline ends resolved', async () => {
    await fs.mkdir(dir, { recursive: true });
    const relative = 'incidents/broken.md';
    await fs.writeFile(path.join(root, relative), `---\ntitle: "DB\nstatus: active\n---\n# DB\n${manyNotes(3_000)}`);
    await store.resolve(relative, new Date('2026-11-23T08:00:00Z'));
    const before = await read(relative);
    await assert.rejects(store.append(relative, note('too late', '2026-11-23T09:00:00Z'), { onlyIfActive: true }), /was resolved; the note was not added/);
    assert.equal(await read(relative), before);
  });

  it('refuses a note when a front matter longer than the part read first says resolved', async () => {
    await fs.mkdir(dir, { recursive: true });
    const relative = 'incidents/long-front-matter.md';
    const summary = 'x'.repeat(200_000);
    await fs.writeFile(path.join(root, relative), `---\ntype: incident\nsummary: ${summary}\nstarted: 2026-11-22T14:05:00Z\nstatus: resolved\n---\n# DB\n`);
    await assert.rejects(store.append(relative, note('too late', '2026-11-23T09:00:00Z'), { onlyIfActive: true }), /was resolved; the note was not added/);
  });

  it('still places a back-dated note before the later entries at the end of a large incident', async () => {
    const relative = await largeIncident();
    // 3,000 notes from 14:06:00, one a second: the last one is at 14:55:59; this one goes before it.
    await store.append(relative, note('back-dated', '2026-11-22T14:55:58.500Z'), { onlyIfActive: true });
    const incident = parseIncident(relative, await read(relative));
    const at = incident.timeline.findIndex((e) => e.summary === 'back-dated');
    assert.equal(incident.timeline.length, 3_002);
    assert.equal(at, 3_000);
    assert.equal(incident.timeline[at + 1]!.at, '2026-11-22T14:55:59Z');
  });

  it('starts a new line after a torn last line of a large incident, so the note is whole', async () => {
    const relative = await largeIncident();
    await fs.appendFile(path.join(root, relative), '- **2026-11-23T08:00:00Z** (08:00 local) — *Bob*: half of a n');
    await store.append(relative, note('whole entry', '2026-11-23T09:00:00Z'), { onlyIfActive: true });
    const text = await read(relative);
    assert.ok(text.endsWith('half of a n\n- **2026-11-23T09:00:00Z** (09:00 local) — *Bob*: whole entry\n'));
  });
});

describe('the front matter read before taking the lock (#21 stall)', () => {
  let root: string;
  let dir: string;
  beforeEach(async () => {
    root = await makeTempDir('incident-ahead');
    dir = path.join(root, 'incidents');
  });
  afterEach(() => removeTempDir(root));

  async function incident(status: 'active' | 'resolved'): Promise<{ absolute: string; relative: string }> {
    const store = new IncidentStore(dir, root, { timeZone: 'UTC' });
    const relative = await store.create(META);
    const absolute = path.join(root, relative);
    if (status === 'resolved') await fs.writeFile(absolute, (await fs.readFile(absolute, 'utf8')).replace('status: active', 'status: resolved'));
    return { absolute, relative };
  }

  it('is taken as it is under the lock when the front matter has not changed since, so it is not parsed again', async () => {
    const { absolute, relative } = await incident('active');
    const ahead = (await readFrontMatterAhead(absolute))!;
    assert.equal(ahead.status, 'active');
    assert.ok(ahead.prefix.startsWith('---\n') && ahead.prefix.endsWith('---\n'));
    // Told (falsely) that this very front matter says resolved: the status read ahead is used, not a new parse.
    await assert.rejects(appendEntryLocked(absolute, relative, note('x', '2026-11-23T09:00:00Z'), { onlyIfActive: true, ahead: { ...ahead, status: 'resolved' } }), /was resolved/);
  });

  it('is read again under the lock when the front matter changed since: resolved meanwhile, the note is refused', async () => {
    const { absolute, relative } = await incident('active');
    const ahead = (await readFrontMatterAhead(absolute))!;
    await fs.writeFile(absolute, (await fs.readFile(absolute, 'utf8')).replace('status: active', 'status: resolved'));
    const before = await fs.readFile(absolute, 'utf8');
    await assert.rejects(appendEntryLocked(absolute, relative, note('too late', '2026-11-23T09:00:00Z'), { onlyIfActive: true, ahead }), /was resolved/);
    assert.equal(await fs.readFile(absolute, 'utf8'), before);
  });

  it('is undefined for a front matter that gives no usable status, or a file that cannot be read', async () => {
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'broken.md'), '---\ntitle: "DB\nstatus: active\n---\n');
    assert.equal(await readFrontMatterAhead(path.join(dir, 'broken.md')), undefined);
    assert.equal(await readFrontMatterAhead(path.join(dir, 'missing.md')), undefined);
  });
});
