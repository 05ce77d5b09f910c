import assert from 'node:assert/strict';
import { parseIncident } from '../../../../src/core/incident/incident-parser';
import { renderIncident } from '../../../../src/core/incident/incident-template';
import { setFrontMatterFields } from '../../../../src/core/incident/set-fields';
import { formatNote, formatStatus } from '../../../../src/core/incident/timeline';
import { inTimeOrder, placeEntry } from '../../../../src/core/incident/timeline-order';
import type { IncidentMeta } from '../../../../src/core/incident/types';

const PATH = 'incidents/2026-11-22-db-failover.md';
const META: IncidentMeta = { id: '2026-11-22-db-failover', title: 'DB failover', severity: 'SEV2', status: 'active', started: '2026-11-22T14:05:00Z', runbooks: [] };
const UTC = { timeZone: 'UTC' };
const note = (text: string, iso: string) => formatNote({ text }, new Date(iso), UTC);
const summaries = (text: string) => parseIncident(PATH, text).timeline.map((e) => e.summary);

describe('timeline order (#22)', () => {
  const base = renderIncident(META, UTC) + note('later note', '2026-11-22T14:30:00Z');

  it('places a back-dated entry before the first later one, and leaves the rest to an append', () => {
    const placed = placeEntry(PATH, base, note('07:05-style back-dated note', '2026-11-22T14:10:00Z'))!;
    assert.deepEqual(summaries(placed.text), ['Incident started (severity SEV2)', '07:05-style back-dated note', 'later note']);
    assert.equal(placed.text, base.replace('- **2026-11-22T14:30:00Z**', `${note('07:05-style back-dated note', '2026-11-22T14:10:00Z')}- **2026-11-22T14:30:00Z**`));
    assert.equal(placeEntry(PATH, base, note('now', '2026-11-22T14:31:00Z')), undefined);
    assert.equal(placeEntry(PATH, base, note('same minute', '2026-11-22T14:30:00Z')), undefined);
  });

  it('keeps CRLF line breaks', () => {
    const crlf = base.replace(/\n/g, '\r\n');
    const placed = placeEntry(PATH, crlf, note('earlier', '2026-11-22T14:10:00Z'))!;
    assert.ok(!/[^\r]\n/.test(placed.text));
    assert.deepEqual(summaries(placed.text), ['Incident started (severity SEV2)', 'earlier', 'later note']);
  });

  it('never places an entry before "Incident resolved", nor in a file whose front matter cannot be read', () => {
    const resolved = base + formatStatus('Incident resolved', new Date('2026-11-22T15:00:00Z'), undefined, UTC);
    assert.equal(placeEntry(PATH, resolved, formatStatus('Resolved feedback', new Date('2026-11-22T14:10:00Z'), undefined, UTC)), undefined);
    assert.equal(placeEntry(PATH, base.replace('title: DB failover', 'title: "DB'), note('earlier', '2026-11-22T14:10:00Z')), undefined);
    assert.equal(placeEntry(PATH, base, 'not an entry\n'), undefined);
  });

  it('sorts a timeline written before entries were placed, keeping file order at equal times', () => {
    const file = parseIncident(PATH, base + note('back-dated', '2026-11-22T14:10:00Z') + note('tie', '2026-11-22T14:30:00Z'));
    assert.deepEqual(inTimeOrder(file.timeline).map((e) => e.summary), ['Incident started (severity SEV2)', 'back-dated', 'later note', 'tie']);
  });
});

describe('setting front matter fields', () => {
  it('replaces or adds top-level fields with a minimal edit', () => {
    const text = '---\nid: x\nstatus: active # live\nalert: Old\n---\n# X\n';
    assert.deepEqual(setFrontMatterFields(text, { alert: 'PostgresDown', paged: '2026-11-22T13:50:00Z' }), {
      text: '---\nid: x\nstatus: active # live\nalert: "PostgresDown"\npaged: "2026-11-22T13:50:00Z"\n---\n# X\n',
    });
  });

  it('leaves a front matter it cannot edit safely alone, saying why', () => {
    assert.match((setFrontMatterFields('---\ntitle: "x\n---\n', { alert: 'A' }) as { error: string }).error, /^Cannot set `alert`: The front matter is not valid YAML/);
    assert.match((setFrontMatterFields('---\nalert: |\n  two\n  lines\n---\n', { alert: 'A' }) as { error: string }).error, /not simple `key: value` lines/);
  });
});
