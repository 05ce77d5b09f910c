import assert from 'node:assert/strict';
import * as path from 'node:path';
import { resolvedFeedbackText } from '../../../src/core/incident/feedback';
import { renderIncident } from '../../../src/core/incident/incident-template';
import { formatFeedback, formatStatus } from '../../../src/core/incident/timeline';
import type { IncidentMeta } from '../../../src/core/incident/types';
import { IncidentFeedbackSource } from '../../../src/node/incident-feedback';
import { makeTempDir, removeTempDir, writeTree } from '../support/temp-dir';

const UTC = { timeZone: 'UTC' };
const META: IncidentMeta = { id: '2025-03-01-db', title: 'DB down', severity: 'SEV1', status: 'resolved', started: '2025-03-01T10:00:00Z', runbooks: [] };

describe('IncidentFeedbackSource', () => {
  let root: string;

  beforeEach(async () => {
    root = await makeTempDir('incident-feedback');
  });
  afterEach(() => removeTempDir(root));

  it('reads the feedback of every incident file in the folder, resolved or not, and skips postmortem drafts', async () => {
    const file = 'incidents/2025-03-01-db.md';
    const at = (iso: string) => new Date(iso);
    await writeTree(root, {
      [file]:
        renderIncident(META, UTC) +
        formatFeedback({ runbookPath: 'runbooks/db.md', line: 4, text: 'wrong port', at: at('2025-03-01T10:05:00Z') }, file, UTC) +
        formatFeedback({ runbookPath: 'runbooks/db.md', line: 9, text: 'missing step', at: at('2025-03-01T10:06:00Z') }, file, UTC) +
        formatStatus(resolvedFeedbackText('runbooks/db.md', 4), at('2025-03-01T11:00:00Z'), undefined, UTC),
      'incidents/2025-03-01-db-postmortem.md': formatFeedback({ runbookPath: 'runbooks/db.md', line: 1, text: 'copied timeline', at: at('2025-03-01T10:05:00Z') }, file, UTC),
    });
    const records = await new IncidentFeedbackSource(path.join(root, 'incidents'), root).load();
    assert.deepEqual(
      records.map((r) => [r.incident.path, r.path, r.line, r.text, r.resolved]),
      [
        [file, 'runbooks/db.md', 4, 'wrong port', true],
        [file, 'runbooks/db.md', 9, 'missing step', false],
      ],
    );
  });

  it('has no feedback when the folder does not exist, and rejects when aborted', async () => {
    const source = new IncidentFeedbackSource(path.join(root, 'incidents'), root);
    assert.deepEqual(await source.load(), []);
    const abort = new AbortController();
    abort.abort(new Error('cancelled'));
    await assert.rejects(source.load(abort.signal), /cancelled/);
  });
});
