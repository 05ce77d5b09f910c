import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunbooksApi } from '../../src/vscode/extension';
import { EXTENSION_ID, inWorkspace, treeShape, waitFor, workspaceRoot } from './helpers';

describe('first contact with a repository without runbook folders', () => {
  let runbooks: RunbooksApi;

  before(async () => {
    // No activate() call, no view opened: the repository's markdown alone must start the extension.
    const extension = vscode.extensions.getExtension<RunbooksApi>(EXTENSION_ID)!;
    await waitFor('the extension to activate by itself', () => extension.isActive, 30_000);
    runbooks = extension.exports;
    await runbooks.ready();
  });

  it('indexes every markdown file without any user action', () => {
    assert.deepEqual(runbooks.index.docs().map((r) => r.doc.path).sort(), [
      'README.md',
      'docs/contributing.md',
      'docs/payments/high-latency.md',
      'docs/payments/template.md',
      'ops/disk-full.md',
    ]);
  });

  it('groups the tree by folder, says why, and keeps templates and other docs apart', () => {
    assert.deepEqual(treeShape(runbooks), {
      'docs/payments': ['High latency on the payments API'],
      ops: ['Disk full on a database host'],
      Templates: ['Name of alert'],
      Docs: ['Contributing', 'Payments platform'],
    });
    assert.equal(runbooks.tree.groupingNote, 'by folder: no runbook declares a service');
  });

  it('shows findings in Problems without any user action, those of docs that are not runbooks as information', async () => {
    const diagnostics = await waitFor('the front matter finding', () => {
      const found = vscode.languages.getDiagnostics(inWorkspace('docs', 'contributing.md'));
      return found.length ? found : undefined;
    });
    assert.deepEqual(
      diagnostics.map((d) => [typeof d.code === 'object' ? d.code.value : d.code, d.range.start.line + 1, d.severity]),
      [['front-matter.invalid', 2, vscode.DiagnosticSeverity.Information]],
    );
    const onRunbook = vscode.languages.getDiagnostics(inWorkspace('ops', 'disk-full.md'));
    assert.deepEqual(
      onRunbook.map((d) => [typeof d.code === 'object' ? d.code.value : d.code, d.range.start.line + 1, d.severity]),
      [['front-matter.field-type', 2, vscode.DiagnosticSeverity.Warning]],
    );
  });

  it('says what is wrong with a runbook on its tree node', () => {
    const node = runbooks.tree.nodeFor(inWorkspace('ops', 'disk-full.md'))!;
    const item = runbooks.tree.getTreeItem(node);
    assert.equal(item.description, '1 finding');
    const tooltip = (item.tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, /^`ops\/disk-full\.md` · runbook/m);
    assert.match(tooltip, /^Runbook health: 1 finding$/m);
    assert.match(tooltip, /\*\*S\*\* stale/);
  });

  it('keeps the Group By choice out of the repository', async () => {
    try {
      await vscode.commands.executeCommand('runbooks.groupBy', 'tag');
      await waitFor('tag groups', () => 'Untagged' in treeShape(runbooks));
      assert.equal(runbooks.tree.groupingNote, undefined);
      await assert.rejects(fs.stat(path.join(workspaceRoot(), '.vscode', 'settings.json')));
    } finally {
      await vscode.commands.executeCommand('runbooks.groupBy', 'auto');
    }
  });
});
