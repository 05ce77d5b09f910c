import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeRelativePath, api, waitFor } from './helpers';

describe('Search Runbooks', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('finds a runbook by words of its body and opens it at the matching section', async () => {
    const runbooks = await api();
    const [top] = runbooks.index.find('pgbouncer slots');
    assert.equal(top?.path, 'runbooks/db/pool-exhausted.md');
    assert.equal(top?.heading, 'Diagnosis');

    const done = vscode.commands.executeCommand('runbooks.search', 'pgbouncer slots');
    // The quick pick is the real one a user types into; accept its first row as Enter would.
    await new Promise((r) => setTimeout(r, 500));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await done;
    await waitFor('the runbook editor', () => activeRelativePath() === 'runbooks/db/pool-exhausted.md');
    assert.equal(vscode.window.activeTextEditor!.selection.active.line + 1, 21);
  });

  it('finds by prefix and by a misspelling', async () => {
    const runbooks = await api();
    assert.equal(runbooks.index.find('failov')[0]?.path, 'playbooks/failover.md');
    assert.equal(runbooks.index.find('pgbouncr')[0]?.path, 'docs/adr/0001-use-pgbouncer.md');
  });
});
