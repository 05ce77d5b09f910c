import * as vscode from 'vscode';
import type { AlertCoverage, MissingAlert } from '../../../core/alerts/coverage';
import { CommandId } from '../../command-ids';
import { docUri } from '../../convert';
import type { AlertCoverageService } from './alert-coverage-service';

/** A node of the Alerts view: a severity group, an alert, the group of runbooks for missing alerts, or one of them. */
export type AlertNode =
  | { kind: 'severity'; severity: string; alerts: Array<{ folder: vscode.WorkspaceFolder; coverage: AlertCoverage }> }
  | { kind: 'alert'; folder: vscode.WorkspaceFolder; coverage: AlertCoverage }
  | { kind: 'missing-group'; missing: Array<{ folder: vscode.WorkspaceFolder; missing: MissingAlert }> }
  | { kind: 'missing'; folder: vscode.WorkspaceFolder; missing: MissingAlert };

/** Severity groups in this order; any other severity follows, by name, then alerts without one. */
const SEVERITY_ORDER = ['critical', 'page', 'high', 'error', 'warning', 'medium', 'low', 'info', 'none'];
const NO_SEVERITY = '(no severity)';

/**
 * The Alerts view: the alerts of the repository's rule files by severity, each with a covered,
 * external or uncovered icon; uncovered alerts first within a group. Clicking an alert opens its
 * runbook, or offers to create one (`runbooks.openAlert`).
 */
export class AlertsTreeProvider implements vscode.TreeDataProvider<AlertNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: AlertCoverageService) {
    this.subscription = service.onDidChange(() => this.changed.fire());
  }

  getChildren(node?: AlertNode): AlertNode[] {
    if (node?.kind === 'severity') return node.alerts.map((a) => ({ kind: 'alert', folder: a.folder, coverage: a.coverage }));
    if (node?.kind === 'missing-group') return node.missing.map((m) => ({ kind: 'missing', folder: m.folder, missing: m.missing }));
    if (node) return [];
    const results = this.service.current();
    const groups = new Map<string, Array<{ folder: vscode.WorkspaceFolder; coverage: AlertCoverage }>>();
    const missing: Array<{ folder: vscode.WorkspaceFolder; missing: MissingAlert }> = [];
    for (const { folder, report } of results) {
      for (const coverage of report.alerts) {
        const severity = coverage.alert.severity?.toLowerCase() ?? NO_SEVERITY;
        groups.set(severity, [...(groups.get(severity) ?? []), { folder, coverage }]);
      }
      for (const m of report.missing) missing.push({ folder, missing: m });
    }
    const rank = (s: string) => (s === NO_SEVERITY ? 1000 : SEVERITY_ORDER.includes(s) ? SEVERITY_ORDER.indexOf(s) : 500);
    const nodes: AlertNode[] = [...groups]
      .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
      .map(([severity, alerts]) => ({
        kind: 'severity',
        severity,
        alerts: alerts.sort((a, b) => Number(a.coverage.status !== 'uncovered') - Number(b.coverage.status !== 'uncovered') || (a.coverage.alert.name < b.coverage.alert.name ? -1 : 1)),
      }));
    if (missing.length > 0) nodes.push({ kind: 'missing-group', missing });
    return nodes;
  }

  getTreeItem(node: AlertNode): vscode.TreeItem {
    switch (node.kind) {
      case 'severity': {
        const without = node.alerts.filter((a) => a.coverage.status === 'uncovered').length;
        const item = new vscode.TreeItem(node.severity, vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${node.alerts.length} alert${node.alerts.length === 1 ? '' : 's'}${without ? `, ${without} without a runbook` : ''}`;
        item.iconPath = new vscode.ThemeIcon('bell');
        item.contextValue = 'runbooks.alertSeverity';
        return item;
      }
      case 'alert': {
        const { alert, status, runbook, url } = node.coverage;
        const item = new vscode.TreeItem(alert.name);
        item.id = `${node.folder.uri.toString()}#${alert.file}:${alert.line}`;
        item.description = runbook ? runbook.path : status === 'external' ? url : 'no runbook';
        item.iconPath =
          status === 'covered'
            ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'))
            : status === 'external'
              ? new vscode.ThemeIcon('link-external')
              : new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
        const tooltip = new vscode.MarkdownString(`**${alert.name}** — ${status === 'uncovered' ? 'no runbook' : status === 'external' ? `runbook outside this repository: ${url}` : `runbook \`${runbook!.path}\` (${runbook!.via})`}\n\n\`${alert.file}:${alert.line}\``);
        if (alert.expr) tooltip.appendCodeblock(alert.expr, 'promql');
        item.tooltip = tooltip;
        item.contextValue = `runbooks.alert.${status}`;
        item.command = { command: CommandId.openAlert, title: 'Open Runbook', arguments: [node] };
        return item;
      }
      case 'missing-group': {
        const item = new vscode.TreeItem('Runbooks for missing alerts', vscode.TreeItemCollapsibleState.Collapsed);
        item.description = String(node.missing.length);
        item.iconPath = new vscode.ThemeIcon('question');
        return item;
      }
      case 'missing': {
        const item = new vscode.TreeItem(node.missing.alert);
        item.description = `${node.missing.doc}${node.missing.suggestion ? ` · renamed to ${node.missing.suggestion}?` : ''}`;
        item.iconPath = new vscode.ThemeIcon('circle-slash');
        item.command = { command: CommandId.openDoc, title: 'Open Runbook', arguments: [docUri(node.folder, node.missing.doc), node.missing.line] };
        return item;
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
