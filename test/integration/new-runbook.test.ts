import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { api, treeShape, waitFor } from './helpers';

describe('New Runbook', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('creates the runbook from the template and lists it in the tree', async () => {
    const runbooks = await api();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('runbooks.newRunbook', { title: 'Queue Depth High', alert: 'QueueDepthHigh' });
    assert.ok(uri.fsPath.endsWith('/runbooks/queue-depth-high.md'));
    const text = await fs.readFile(uri.fsPath, 'utf8');
    assert.match(text, /^---\ntitle: Queue Depth High\n/);
    assert.match(text, /\n {2}- QueueDepthHigh\n/);
    for (const section of ['# Queue Depth High', '## Meaning', '## Impact', '## Diagnosis', '## Mitigation', '## Escalation']) {
      assert.ok(text.includes(`\n${section}\n`), `missing ${section}`);
    }
    assert.match(text, /```sh \{name=first-check kind=check\}/);
    await waitFor('the new runbook in the tree', () => Object.values(treeShape(runbooks)).flat().includes('Queue Depth High'));
  });

  it('opens an existing file instead of overwriting it', async () => {
    await api();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('runbooks.newRunbook', { title: 'Queue Depth High' });
    const text = await fs.readFile(uri.fsPath, 'utf8');
    assert.match(text, /\n {2}- QueueDepthHigh\n/);
  });
});
