import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { AlertNode } from '../../src/vscode/features/alerts/alerts-tree';
import { AlertsTreeProvider } from '../../src/vscode/features/alerts/alerts-tree';
import { activeRelativePath, api, inWorkspace, ruleIdOf, waitFor } from './helpers';

describe('Alerts view', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  /** Severity → alert name → status icon id, as the view shows them. */
  function viewShape(tree: AlertsTreeProvider): Record<string, Record<string, string>> {
    const shape: Record<string, Record<string, string>> = {};
    for (const group of tree.getChildren()) {
      if (group.kind !== 'severity') continue;
      shape[group.severity] = Object.fromEntries(tree.getChildren(group).map((n) => [String(tree.getTreeItem(n).label), (tree.getTreeItem(n).iconPath as vscode.ThemeIcon).id]));
    }
    return shape;
  }

  it('lists an uncovered alert, reports it in Problems on its rule line, and New Runbook for This Alert creates its runbook', async () => {
    const runbooks = await api();
    await vscode.commands.executeCommand('workbench.view.extension.runbooks');
    await runbooks.alerts.ready();
    const tree = new AlertsTreeProvider(runbooks.alerts);
    assert.deepEqual(viewShape(tree), { critical: { OrdersApiDown: 'warning' }, warning: { KubePodCrashLooping: 'pass' } });

    const rules = inWorkspace('monitoring', 'alerts.yml');
    const diagnostic = await waitFor('the alert.no-runbook diagnostic', () => vscode.languages.getDiagnostics(rules).find((d) => ruleIdOf(d) === 'alert.no-runbook'));
    assert.equal(diagnostic.range.start.line + 1, 11);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);

    const critical = tree.getChildren().find((g): g is Extract<AlertNode, { kind: 'severity' }> => g.kind === 'severity' && g.severity === 'critical')!;
    const node = tree.getChildren(critical)[0]!;
    assert.equal(tree.getTreeItem(node).command?.command, 'runbooks.openAlert');
    const uri = await vscode.commands.executeCommand<vscode.Uri>('runbooks.newRunbookForAlert', node);
    assert.equal(activeRelativePath(), 'runbooks/orders-api-down.md');
    const text = await fs.readFile(uri.fsPath, 'utf8');
    assert.equal(text.split('\n').slice(0, 17).join('\n'), [
      '---',
      'title: OrdersApiDown',
      'alerts:',
      '  - OrdersApiDown',
      'severity: critical',
      '---',
      '',
      '# OrdersApiDown',
      '',
      '## Meaning',
      '',
      'Fires when this expression holds for 5m (rule `OrdersApiDown` in group `orders`, [monitoring/alerts.yml](../monitoring/alerts.yml#L11)):',
      '',
      '```promql',
      'up{job="orders-api"} == 0',
      '```',
      '',
    ].join('\n'));
    assert.ok(text.includes('\nLabels: `severity=critical`, `team=orders`.\n'));

    await waitFor('the alert covered by its new runbook', () => viewShape(tree).critical?.OrdersApiDown === 'pass', 30_000);
    await waitFor('the diagnostic gone', () => !vscode.languages.getDiagnostics(rules).some((d) => ruleIdOf(d) === 'alert.no-runbook'));
    tree.dispose();
  });
});
