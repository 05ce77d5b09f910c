import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, treeShape, waitFor, workspaceRoot } from './helpers';

describe('Runbooks view', () => {
  it('shows runbooks and architecture docs grouped by service, other docs in a Docs group, without dependencies or git-ignored files', async () => {
    const runbooks = await api();
    assert.deepEqual(treeShape(runbooks), {
      edge: ['Regional failover'],
      'orders-api': ['Regional failover'],
      'orders-db': ['Database connection pool exhausted'],
      'No service': ['ADR 0001: Use pgbouncer in front of Postgres', 'Half-written runbook', 'Pod crash looping'],
      Docs: ['Fixture workspace'],
    });
  });

  it('describes a runbook by owner and service and lists its sections with their lines', async () => {
    const runbooks = await api();
    const group = runbooks.tree.getChildren().find((g) => g.type === 'group' && g.label === 'orders-db')!;
    const [doc] = runbooks.tree.getChildren(group);
    const item = runbooks.tree.getTreeItem(doc!);
    assert.equal(item.description, 'team-db · orders-db');
    const sections = runbooks.tree.getChildren(doc).map((n) => {
      const heading = runbooks.tree.getTreeItem(n);
      return `${String(heading.label)} (${String(heading.description)})`;
    });
    assert.deepEqual(sections, ['Meaning (line 13)', 'Impact (line 17)', 'Diagnosis (line 21)', 'Mitigation (line 34)', 'Escalation (line 42)']);
  });

  it('regroups by folder from the Group By command', async () => {
    const runbooks = await api();
    try {
      await vscode.commands.executeCommand('runbooks.groupBy', 'folder');
      const shape = await waitFor('folder groups', () => {
        const s = treeShape(runbooks);
        return 'runbooks/db' in s ? s : undefined;
      });
      assert.deepEqual(Object.keys(shape), ['docs/adr', 'drafts', 'playbooks', 'runbooks', 'runbooks/db', 'Docs']);
    } finally {
      await vscode.commands.executeCommand('runbooks.groupBy', 'auto');
    }
  });

  it('adds, renames and removes a runbook when its file is created, edited and deleted', async () => {
    const runbooks = await api();
    const file = path.join(workspaceRoot(), 'runbooks', 'cache-stampede.md');
    const titles = () => Object.values(treeShape(runbooks)).flat();
    await fs.writeFile(file, '---\nservice: cache\n---\n# Cache stampede\n\n## Meaning\n\n## Mitigation\n');
    await waitFor('the new runbook in the tree', () => treeShape(runbooks).cache?.includes('Cache stampede'));
    await fs.writeFile(file, '---\nservice: cache\n---\n# Cache stampede after deploy\n\n## Meaning\n\n## Mitigation\n');
    await waitFor('the new title in the tree', () => titles().includes('Cache stampede after deploy'));
    await fs.rm(file);
    await waitFor('the runbook to leave the tree', () => !titles().some((t) => t.startsWith('Cache stampede')));
    assert.equal(treeShape(runbooks).cache, undefined);
  });
});
