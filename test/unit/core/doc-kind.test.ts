import assert from 'node:assert/strict';
import { classifyDoc } from '../../../src/core/doc-kind';

describe('classifyDoc', () => {
  it('lets a front matter type win over everything else', () => {
    assert.deepEqual(classifyDoc('runbooks/x.md', 'ADR', 2, ['Meaning', 'Impact']), { kind: 'architecture', reason: 'front matter type: ADR' });
    assert.deepEqual(classifyDoc('docs/adr/x.md', 'Playbook', 0, []), { kind: 'runbook', reason: 'front matter type: Playbook' });
  });

  it('falls through an unknown type to the other rules', () => {
    assert.deepEqual(classifyDoc('runbooks/x.md', 'note', 0, []), { kind: 'runbook', reason: 'in folder runbooks/' });
  });

  it('makes a doc that lists alerts a runbook', () => {
    assert.deepEqual(classifyDoc('docs/adr/x.md', undefined, 1, []), { kind: 'runbook', reason: 'front matter lists alerts' });
  });

  it('decides by folder name, the nearest folder first', () => {
    assert.deepEqual(
      ['runbooks/db/x.md', 'ops/playbooks/x.md', 'docs/adr/0001-x.md', 'architecture/overview.md', 'architecture/runbooks/x.md', 'Runbooks/X.md'].map(
        (p) => classifyDoc(p, undefined, 0, []),
      ),
      [
        { kind: 'runbook', reason: 'in folder runbooks/' },
        { kind: 'runbook', reason: 'in folder playbooks/' },
        { kind: 'architecture', reason: 'in folder adr/' },
        { kind: 'architecture', reason: 'in folder architecture/' },
        { kind: 'runbook', reason: 'in folder runbooks/' },
        { kind: 'runbook', reason: 'in folder runbooks/' },
      ],
    );
  });

  it('does not read the file name as a folder', () => {
    assert.deepEqual(classifyDoc('runbooks.md', undefined, 0, []), { kind: 'other', reason: 'no runbook or architecture markers' });
  });

  it('recognises runbook-shaped headings, two or more, ignoring case and a trailing colon', () => {
    assert.deepEqual(classifyDoc('docs/db.md', undefined, 0, ['Postgres down', 'MEANING:', 'Impact', 'Diagnosis', 'Mitigation', 'Escalation']), {
      kind: 'runbook',
      reason: 'runbook sections: meaning, impact, diagnosis, mitigation',
    });
    assert.deepEqual(classifyDoc('docs/db.md', undefined, 0, ['Symptoms', 'Resolution']), {
      kind: 'runbook',
      reason: 'runbook sections: symptoms, resolution',
    });
  });

  it('does not count one runbook heading, or the same one twice', () => {
    assert.deepEqual(classifyDoc('docs/db.md', undefined, 0, ['Impact', 'Impact']).kind, 'other');
  });

  it('recognises ADR-shaped headings', () => {
    assert.deepEqual(classifyDoc('docs/db.md', undefined, 0, ['Status', 'Context', 'Decision', 'Consequences']), {
      kind: 'architecture',
      reason: 'decision-record sections: status, context, decision, consequences',
    });
  });
});
