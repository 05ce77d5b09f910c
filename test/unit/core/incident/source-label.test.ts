import assert from 'node:assert/strict';
import { selectionSourceLabel } from '../../../../src/core/incident/source-label';

describe('the source label of a pasted selection (#22)', () => {
  it('names an Output channel by its name, not its internal id', () => {
    assert.equal(selectionSourceLabel({ scheme: 'output', path: 'extension-output-living-runbooks.living-runbooks-#2-Runbook Runs', line: 4 }), 'Output "Runbook Runs"');
    assert.equal(selectionSourceLabel({ scheme: 'output', path: 'extension-output-living-runbooks.living-runbooks-%232-Runbook%20Runs', line: 4 }), 'Output "Runbook Runs"');
    assert.equal(selectionSourceLabel({ scheme: 'output', path: 'tasks', line: 1 }), 'Output "tasks"');
  });

  it('gives a workspace file with its line, an untitled editor as such, and other documents by file name', () => {
    assert.equal(selectionSourceLabel({ scheme: 'file', path: '/ws/runbooks/db.md', relative: 'runbooks/db.md', line: 12 }), 'runbooks/db.md:12');
    assert.equal(selectionSourceLabel({ scheme: 'untitled', path: 'Untitled-1', line: 3 }), 'an untitled editor');
    assert.equal(selectionSourceLabel({ scheme: 'file', path: '/var/log/app.log', line: 7 }), 'app.log:7');
    assert.equal(selectionSourceLabel({ scheme: 'git', path: '/ws/deploy/pool.yaml', line: 2 }), 'pool.yaml:2');
  });
});
