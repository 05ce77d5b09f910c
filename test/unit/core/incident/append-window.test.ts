import assert from 'node:assert/strict';
import { headStatus, headStatusPrefix } from '../../../../src/core/incident/incident-parser';
import { renderIncident } from '../../../../src/core/incident/incident-template';
import { formatNote, formatStatus } from '../../../../src/core/incident/timeline';
import { needsPlacing } from '../../../../src/core/incident/timeline-order';
import type { IncidentMeta } from '../../../../src/core/incident/types';

const META: IncidentMeta = { id: '2026-11-22-db-failover', title: 'DB failover', severity: 'SEV2', status: 'active', started: '2026-11-22T14:05:00Z', runbooks: [] };
const UTC = { timeZone: 'UTC' };
const note = (text: string, iso: string) => formatNote({ text }, new Date(iso), UTC);

describe('what an append decides from the start and the end of an incident file (#21 stall)', () => {
  describe('headStatus', () => {
    const file = renderIncident(META, UTC) + note('a note', '2026-11-22T14:30:00Z');

    it('reads the status from the front matter at the start of the file', () => {
      assert.equal(headStatus(file), 'active');
      assert.equal(headStatus(file.replace('status: active', 'status: resolved')), 'resolved');
      assert.equal(headStatus(file.replace('status: active', 'status: Resolved')), 'resolved');
      assert.equal(headStatus(`\uFEFF${file}`.replace(/\n/g, '\r\n')), 'active');
    });

    it('is undefined when the part read does not hold the closing line of the front matter', () => {
      const head = file.slice(0, file.indexOf('\n---\n'));
      assert.equal(headStatus(head), undefined);
      // A whole file may end on its closing line (the caller cuts a part read to whole lines).
      assert.equal(headStatus(`---\nstatus: resolved\nstarted: 2026-11-22T14:05:00Z\n---`), 'resolved');
    });

    it('is undefined when the front matter does not give a usable status and start (the timeline decides then)', () => {
      assert.equal(headStatus(file.replace('title: DB failover', 'title: "DB')), undefined);
      assert.equal(headStatus(file.replace('status: active', 'status: paused')), undefined);
      assert.equal(headStatus(file.replace(/started: .*\n/, '')), undefined);
      assert.equal(headStatus('# no front matter\n'), undefined);
    });
  });

  describe('headStatusPrefix', () => {
    const file = renderIncident(META, UTC) + note('a note', '2026-11-22T14:30:00Z');

    it('gives the status with the front matter up to and with its closing line, which any text starting so shares', () => {
      const { status, prefix } = headStatusPrefix(file)!;
      assert.equal(status, 'active');
      assert.equal(prefix, file.slice(0, file.indexOf('\n---\n') + 5));
      assert.equal(headStatusPrefix(`\uFEFF${file}`.replace(/\n/g, '\r\n'))!.prefix, `\uFEFF${prefix.replace(/\n/g, '\r\n')}`);
    });

    it('is undefined without a usable status, or when the closing line has no line break (more could follow on it)', () => {
      assert.equal(headStatusPrefix(file.replace('status: active', 'status: paused')), undefined);
      assert.equal(headStatusPrefix('---\nstatus: resolved\nstarted: 2026-11-22T14:05:00Z\n---'), undefined);
    });
  });

  describe('needsPlacing', () => {
    const tail = `d of an earlier line\n${note('14:20 note', '2026-11-22T14:20:00Z')}${note('14:30 note', '2026-11-22T14:30:00Z')}`;

    it('is false for an entry at or after every stamp in the last part of the file: it is appended', () => {
      assert.equal(needsPlacing(tail, note('now', '2026-11-22T14:31:00Z'), false), false);
      assert.equal(needsPlacing(tail, note('same time', '2026-11-22T14:30:00Z'), false), false);
    });

    it('is true for an entry earlier than a stamp in the last part of the file', () => {
      assert.equal(needsPlacing(tail, note('back-dated', '2026-11-22T14:25:00Z'), false), true);
      assert.equal(needsPlacing(tail, formatStatus('Incident resolved', new Date('2026-11-22T14:10:00Z'), undefined, UTC), false), true);
    });

    it('is false for a block without a stamp, which is always appended', () => {
      assert.equal(needsPlacing(tail, 'not an entry\n', false), false);
    });

    it('is true when the last part holds no stamp at all and is not the whole file (one long entry: read it all)', () => {
      const output = `  ${'output line\n  '.repeat(100)}\n`;
      assert.equal(needsPlacing(output, note('now', '2026-11-22T14:31:00Z'), false), true);
      assert.equal(needsPlacing(output, note('now', '2026-11-22T14:31:00Z'), true), false);
    });
  });
});
