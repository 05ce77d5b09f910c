import assert from 'node:assert/strict';
import { feedbackRecords, normaliseFeedbackPath, resolvedFeedbackText } from '../../../../src/core/incident/feedback';
import { parseIncident } from '../../../../src/core/incident/incident-parser';
import { renderIncident } from '../../../../src/core/incident/incident-template';
import { formatFeedback, formatNote, formatStatus } from '../../../../src/core/incident/timeline';
import type { IncidentMeta } from '../../../../src/core/incident/types';

const UTC = { timeZone: 'UTC' };
const META: IncidentMeta = { id: '2025-03-01-checkout-5xx', title: 'Checkout 5xx', severity: 'SEV2', status: 'active', started: '2025-03-01T10:00:00Z', runbooks: [] };
const PATH = 'incidents/2025-03-01-checkout-5xx.md';

function feedback(runbookPath: string, line: number, text: string, at: string, author?: string): string {
  return formatFeedback({ runbookPath, line, text, at: new Date(at), ...(author ? { author } : {}) }, PATH, UTC);
}

function resolved(runbookPath: string, line: number, at: string): string {
  return formatStatus(resolvedFeedbackText(runbookPath, line), new Date(at), 'Bob', UTC);
}

describe('feedbackRecords', () => {
  it('lists every feedback entry with its runbook line, text, time, author and incident', () => {
    const text =
      renderIncident(META, UTC) +
      feedback('runbooks/db.md', 12, 'step 3 is wrong: the pool is in pgbouncer.ini now', '2025-03-01T10:05:00Z', 'Alice') +
      formatNote({ text: 'paged DB team' }, new Date('2025-03-01T10:06:00Z'), 'UTC') +
      feedback('runbooks/cache.md', 4, 'flush needs --all', '2025-03-01T10:07:00Z');
    assert.deepEqual(feedbackRecords([parseIncident(PATH, text)]), [
      {
        path: 'runbooks/db.md',
        line: 12,
        text: 'step 3 is wrong: the pool is in pgbouncer.ini now',
        at: '2025-03-01T10:05:00Z',
        author: 'Alice',
        incident: { path: PATH, id: '2025-03-01-checkout-5xx', title: 'Checkout 5xx' },
        resolved: false,
      },
      { path: 'runbooks/cache.md', line: 4, text: 'flush needs --all', at: '2025-03-01T10:07:00Z', incident: { path: PATH, id: '2025-03-01-checkout-5xx', title: 'Checkout 5xx' }, resolved: false },
    ]);
  });

  it('marks feedback resolved by a later "Resolved feedback on" entry for the same line of the same runbook only', () => {
    const text =
      renderIncident(META, UTC) +
      feedback('runbooks/db.md', 12, 'wrong file', '2025-03-01T10:05:00Z') +
      feedback('runbooks/db.md', 12, 'and the port too', '2025-03-01T10:06:00Z') +
      feedback('runbooks/db.md', 13, 'next line', '2025-03-01T10:07:00Z') +
      resolved('runbooks/db.md', 12, '2025-03-01T11:00:00Z') +
      feedback('runbooks/db.md', 12, 'still wrong after the fix', '2025-03-01T12:00:00Z');
    assert.deepEqual(
      feedbackRecords([parseIncident(PATH, text)]).map((r) => [r.line, r.text, r.resolved]),
      [
        [12, 'wrong file', true],
        [12, 'and the port too', true],
        [13, 'next line', false],
        [12, 'still wrong after the fix', false],
      ],
    );
  });

  it('keeps a resolution to its own incident, across several incidents in the order given', () => {
    const other = 'incidents/2025-04-02-db-down.md';
    const first = parseIncident(PATH, renderIncident(META, UTC) + feedback('runbooks/db.md', 12, 'first', '2025-03-01T10:05:00Z') + resolved('runbooks/db.md', 12, '2025-03-01T11:00:00Z'));
    const second = parseIncident(
      other,
      renderIncident({ ...META, id: '2025-04-02-db-down', title: 'DB down', started: '2025-04-02T08:00:00Z' }, UTC) + feedback('runbooks/db.md', 12, 'second', '2025-04-02T08:05:00Z'),
    );
    assert.deepEqual(
      feedbackRecords([first, second]).map((r) => [r.incident.path, r.incident.title, r.text, r.resolved]),
      [
        [PATH, 'Checkout 5xx', 'first', true],
        [other, 'DB down', 'second', false],
      ],
    );
  });

  it('normalises hand-written runbook paths, matches resolutions through them, and leaves out paths outside the workspace', () => {
    const text =
      renderIncident(META, UTC) +
      '- **2025-03-01T10:05:00Z** — ✎ feedback on [./runbooks/db.md#L3](../runbooks/db.md#L3): hand-written\n' +
      '- **2025-03-01T10:06:00Z** — ✎ feedback on [/runbooks/x/../db.md#L4](../runbooks/db.md#L4): rooted\n' +
      '- **2025-03-01T10:07:00Z** — ✎ feedback on [runbooks\\\\win.md#L5](../runbooks/win.md#L5): backslashes\n' +
      '- **2025-03-01T10:08:00Z** — ✎ feedback on [../elsewhere.md#L6](../../elsewhere.md#L6): outside\n' +
      '- **2025-03-01T10:09:00Z** — ⚑ Resolved feedback on ./runbooks/db.md#L4\n';
    assert.deepEqual(
      feedbackRecords([parseIncident(PATH, text)]).map((r) => [r.path, r.line, r.text, r.resolved]),
      [
        ['runbooks/db.md', 3, 'hand-written', false],
        ['runbooks/db.md', 4, 'rooted', true],
        ['runbooks/win.md', 5, 'backslashes', false],
      ],
    );
  });

  it('names the incident by its file alone when the front matter cannot be read', () => {
    const text = '# Notes\n\n' + feedback('runbooks/db.md', 2, 'typo', '2025-03-01T10:05:00Z');
    assert.deepEqual(feedbackRecords([parseIncident(PATH, text)]).map((r) => r.incident), [{ path: PATH }]);
  });
});

describe('normaliseFeedbackPath', () => {
  it('gives the workspace-relative posix path, or undefined for the root, folders and paths above it', () => {
    assert.deepEqual(
      ['runbooks/db.md', ' ./runbooks/db.md ', '/runbooks/db.md', 'runbooks\\db.md', 'a/./b/../db.md', '', '.', '..', '../x.md', 'runbooks/'].map(normaliseFeedbackPath),
      ['runbooks/db.md', 'runbooks/db.md', 'runbooks/db.md', 'runbooks/db.md', 'a/db.md', undefined, undefined, undefined, undefined, undefined],
    );
  });
});
