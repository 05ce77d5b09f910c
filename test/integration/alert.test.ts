import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeRelativePath, api, waitFor } from './helpers';

describe('Open Runbook for Alert', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('opens the runbook that lists the alert in its front matter', async () => {
    await api();
    await vscode.commands.executeCommand('runbooks.openForAlert', 'OrdersDBPoolExhausted');
    await waitFor('the runbook editor', () => activeRelativePath() === 'runbooks/db/pool-exhausted.md');
  });

  it('opens the runbook named after the alert', async () => {
    await api();
    await vscode.commands.executeCommand('runbooks.openForAlert', 'KubePodCrashLooping');
    await waitFor('the runbook editor', () => activeRelativePath() === 'runbooks/kube-pod-crash-looping.md');
  });

  it('opens at the heading named after the alert', async () => {
    await api();
    await vscode.commands.executeCommand('runbooks.openForAlert', 'HighRequestLatency');
    await waitFor('the playbook editor', () => activeRelativePath() === 'playbooks/failover.md');
    assert.equal(vscode.window.activeTextEditor!.selection.active.line + 1, 10);
  });
});
