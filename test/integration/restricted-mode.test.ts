import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { api, inWorkspace } from './helpers';
import { gitProcesses } from './process-watch';

describe('Restricted Mode (untrusted workspace)', () => {
  it('is really untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('still indexes and searches runbooks', async () => {
    const runbooks = await api();
    assert.equal(runbooks.index.find('pgbouncer slots')[0]?.path, 'runbooks/db/pool-exhausted.md');
  });

  it('refuses to run a block and says why in the CodeLens', async () => {
    const runbooks = await api();
    const uri = inWorkspace('runbooks', 'db', 'pool-exhausted.md');
    await vscode.window.showTextDocument(uri);
    const outcome = await vscode.commands.executeCommand('runbooks.runBlock', uri, 0);
    assert.equal(outcome, 'untrusted');
    assert.equal(runbooks.runs.lastRun(uri, 'pool-config'), undefined);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const titles = lenses.map((l) => l.command?.title);
    assert.ok(titles.includes('$(shield) Running is disabled in Restricted Mode'));
    assert.ok(!titles.includes('$(play) Run'));
  });
});

describe('Restricted Mode runs no git process', () => {
  it('checks no staleness, even when asked, and starts no git process', async () => {
    const runbooks = await api();
    assert.ok(runbooks.index.find('pgbouncer slots').length > 0);
    await vscode.commands.executeCommand('runbooks.refreshStaleness');
    await vscode.commands.executeCommand('runbooks.checkMyChanges');
    // Past the background refresh delay (2 s) after indexing.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    assert.deepEqual(gitProcesses(), []);
    // The watch is live: a git process started in this extension host is seen.
    execFileSync('git', ['--version']);
    assert.deepEqual(gitProcesses(), [['--version']]);
  });
});
