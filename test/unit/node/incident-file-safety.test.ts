import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseIncident } from '../../../src/core/incident/incident-parser';
import { formatNote, formatStatus } from '../../../src/core/incident/timeline';
import type { IncidentMeta } from '../../../src/core/incident/types';
import { withFileLock } from '../../../src/node/incident-lock';
import { IncidentStore, type AppendWrite } from '../../../src/node/incident-store';
import { makeTempDir, removeTempDir } from '../support/temp-dir';

const META: IncidentMeta = { id: '', title: 'DB failover', severity: 'SEV2', status: 'active', started: '2026-11-22T14:05:00.000Z', runbooks: [], commander: 'Alice' };
const note = (text: string, iso = '2026-11-22T14:06:00Z') => formatNote({ text, author: 'Bob' }, new Date(iso), 'UTC');
const RESOLVED_LINE = '⚑ Incident resolved';

describe('incident file under crashes, races and a full disk (#21 item 5)', () => {
  let root: string;
  let dir: string;
  let store: IncidentStore;

  beforeEach(async () => {
    root = await makeTempDir('incident-safety');
    dir = path.join(root, 'incidents');
    store = new IncidentStore(dir, root, { timeZone: 'UTC' });
  });
  afterEach(() => removeTempDir(root));

  const read = (relative: string) => fs.readFile(path.join(root, relative), 'utf8');
  const count = (text: string, needle: string) => text.split(needle).length - 1;

  describe('the lock', () => {
    it('is never seen empty or half-written by another reader while writers take it', async () => {
      const target = path.join(dir, 'x.md');
      await fs.mkdir(dir, { recursive: true });
      let stop = false;
      const seen: string[] = [];
      const reader = (async () => {
        while (!stop) {
          const text = await fs.readFile(`${target}.lock`, 'utf8').catch(() => undefined);
          if (text !== undefined) seen.push(text);
          await new Promise((r) => setImmediate(r));
        }
      })();
      for (let i = 0; i < 150; i++) await withFileLock(target, async () => new Promise((r) => setImmediate(r)));
      stop = true;
      await reader;
      assert.ok(seen.length > 0, 'the reader saw the lock at least once');
      const bad = seen.filter((text) => {
        try {
          const owner = JSON.parse(text) as { pid?: unknown };
          return typeof owner.pid !== 'number';
        } catch {
          return true;
        }
      });
      assert.deepEqual(bad, []);
    });

    it('takes over an empty lock older than a second at once', async () => {
      const target = path.join(dir, 'empty.md');
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(`${target}.lock`, '');
      const old = new Date(Date.now() - 1500);
      await fs.utimes(`${target}.lock`, old, old);
      const started = Date.now();
      assert.equal(await withFileLock(target, async () => 'ran', { timeoutMs: 5000 }), 'ran');
      assert.ok(Date.now() - started < 500, `took ${Date.now() - started} ms`);
    });

    it('takes over an empty lock left just now after about a second, not 15', async () => {
      const target = path.join(dir, 'fresh.md');
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(`${target}.lock`, '');
      const started = Date.now();
      assert.equal(await withFileLock(target, async () => 'ran', { timeoutMs: 5000 }), 'ran');
      const took = Date.now() - started;
      assert.ok(took >= 900 && took < 2000, `took ${took} ms`);
    });

    it('takes over an unreadable lock whose time is in the future', async () => {
      const target = path.join(dir, 'future.md');
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(`${target}.lock`, '{"pid":');
      const future = new Date(Date.now() + 3_600_000);
      await fs.utimes(`${target}.lock`, future, future);
      const started = Date.now();
      assert.equal(await withFileLock(target, async () => 'ran', { timeoutMs: 5000 }), 'ran');
      assert.ok(Date.now() - started < 500, `took ${Date.now() - started} ms`);
    });
  });

  describe('notes and resolve', () => {
    it('refuses a note for an incident resolved since the caller read it, and leaves the file as it was', async () => {
      const relative = await store.create(META);
      const seenActive = await store.active();
      assert.equal(seenActive?.path, relative);
      await store.resolve(relative, new Date('2026-11-22T15:40:00Z'), 'Alice');
      const before = await read(relative);
      await assert.rejects(store.append(seenActive!, note('too late'), { onlyIfActive: true }), /incidents\/2026-11-22-db-failover\.md was resolved; the note was not added/);
      assert.equal(await read(relative), before);
      // A status line (e.g. resolved feedback) may still be added to a resolved incident.
      await store.append(relative, formatStatus('Resolved feedback on runbooks/db.md#L3', new Date('2026-11-22T16:00:00Z'), 'Alice', { timeZone: 'UTC' }));
      assert.ok((await read(relative)).endsWith('⚑ Resolved feedback on runbooks/db.md#L3\n'));
    });

    it('refuses a note after the resolved entry when the front matter cannot be read', async () => {
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(path.join(dir, 'broken.md'), '---\ntitle: "DB\nstatus: active\n---\n# DB\n');
      await store.resolve('incidents/broken.md', new Date('2026-11-22T15:40:00Z'));
      await assert.rejects(store.append('incidents/broken.md', note('too late'), { onlyIfActive: true }), /was resolved; the note was not added/);
    });

    it('builds the postmortem from exactly the entries written up to "Incident resolved", whatever lands after', async () => {
      for (let round = 0; round < 8; round++) {
        const relative = await store.create({ ...META, title: `race ${round}` });
        const writers = Array.from({ length: 6 }, (_, i) =>
          store.append(relative, formatStatus(`racer ${i}`, new Date('2026-11-22T15:00:00Z'), 'Carol', { timeZone: 'UTC' })),
        );
        const result = await store.resolve(relative, new Date('2026-11-22T15:40:00Z'), 'Alice');
        await Promise.all(writers);
        const file = await read(relative);
        const upToResolved = file.slice(0, file.indexOf(RESOLVED_LINE));
        const draft = await read(result.postmortemPath);
        for (let i = 0; i < 6; i++) {
          assert.equal(draft.includes(`racer ${i}`), upToResolved.includes(`racer ${i}`), `round ${round}, racer ${i}`);
        }
        assert.deepEqual(result.incident.timeline.map((e) => e.summary), parseIncident(relative, file.slice(0, file.indexOf('\n', file.indexOf(RESOLVED_LINE)) + 1)).timeline.map((e) => e.summary));
      }
    });

    it('resolves idempotently: a retry adds no second "Incident resolved" and keeps the first resolved time', async () => {
      const relative = await store.create(META);
      await store.resolve(relative, new Date('2026-11-22T15:40:00Z'), 'Alice');
      const once = await read(relative);
      const again = await store.resolve(relative, new Date('2026-11-22T15:45:00Z'), 'Alice');
      assert.equal(await read(relative), once);
      assert.equal(count(once, RESOLVED_LINE), 1);
      assert.match(once, /\nresolved: 2026-11-22T15:40:00Z\n/);
      assert.equal(again.frontMatterUpdated, true);
      assert.equal(again.incident.meta?.resolved, '2026-11-22T15:40:00Z');
    });

    it('completes a resolve that stopped after the entry: marks the front matter without a second entry', async () => {
      const relative = await store.create(META);
      await store.append(relative, formatStatus('Incident resolved', new Date('2026-11-22T15:40:00Z'), 'Alice', { timeZone: 'UTC' }));
      const result = await store.resolve(relative, new Date('2026-11-22T15:41:00Z'), 'Alice');
      const text = await read(relative);
      assert.equal(count(text, RESOLVED_LINE), 1);
      assert.match(text, /\nstatus: resolved\n/);
      assert.equal(result.frontMatterUpdated, true);
    });
  });

  describe('a full disk', () => {
    /** Writes half of what it is given, then fails as a full disk does. */
    const fullDisk: AppendWrite = async (handle, bytes, offset, length) => {
      const half = Math.max(1, Math.floor(length / 2));
      await handle.write(bytes, offset, half);
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };

    it('truncates a failed append back to the size it found, so no torn fragment is left to parse as a note', async () => {
      const relative = await store.create(META);
      await store.append(relative, note('before the disk filled'));
      const before = await read(relative);
      const failing = new IncidentStore(dir, root, { timeZone: 'UTC', write: fullDisk });
      await assert.rejects(failing.append(relative, note('lost to a full disk\nsecond line')), /ENOSPC/);
      assert.equal(await read(relative), before);
      await assert.rejects(fs.stat(path.join(root, `${relative}.lock`)));
      await store.append(relative, note('after space was freed', '2026-11-22T14:10:00Z'));
      const incident = parseIncident(relative, await read(relative));
      assert.deepEqual(incident.timeline.map((e) => e.summary), ['Incident started (severity SEV2)', 'before the disk filled', 'after space was freed']);
      assert.deepEqual(incident.problems, []);
    });

    it('leaves the file as it was when "Incident resolved" cannot be written, and a retry then resolves once', async () => {
      const relative = await store.create(META);
      const before = await read(relative);
      const failing = new IncidentStore(dir, root, { timeZone: 'UTC', write: fullDisk });
      await assert.rejects(failing.resolve(relative, new Date('2026-11-22T15:40:00Z'), 'Alice'), /ENOSPC/);
      assert.equal(await read(relative), before);
      await store.resolve(relative, new Date('2026-11-22T15:41:00Z'), 'Alice');
      assert.equal(count(await read(relative), RESOLVED_LINE), 1);
    });
  });
});
