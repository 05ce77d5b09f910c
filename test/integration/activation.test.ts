import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, EXTENSION_ID } from './helpers';

describe('activation', () => {
  it('activates and finishes indexing the workspace in the background', async () => {
    const runbooks = await api();
    console.log(`activate() took ${runbooks.activationMs.toFixed(1)} ms`);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.deepEqual(
      runbooks.index.docs().map((r) => r.doc.path).sort(),
      [
        'README.md',
        'docs/adr/0001-use-pgbouncer.md',
        'drafts/broken-front-matter.md',
        'playbooks/failover.md',
        'runbooks/db/pool-exhausted.md',
        'runbooks/kube-pod-crash-looping.md',
      ],
    );
  });

  it('registers every contributed command, and contributes every command it registers', async () => {
    await api();
    const packageJson = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: Array<{ command: string; category: string }> } };
    const contributed = packageJson.contributes.commands.map((c) => c.command).sort();
    // VS Code adds `<viewId>.focus`, `.open`, … for every view; those are not ours to contribute.
    const viewIds = (packageJson as unknown as { contributes: { views: Record<string, Array<{ id: string }>> } }).contributes.views.runbooks!.map((v) => `${v.id}.`);
    const registered = (await vscode.commands.getCommands(true))
      .filter((id) => id.startsWith('runbooks.') && !viewIds.some((view) => id.startsWith(view)))
      .sort();
    assert.deepEqual(registered, contributed);
    assert.ok(packageJson.contributes.commands.every((c) => c.category === 'Runbooks'));
  });
});
