import * as vscode from 'vscode';
import { alertRunbookMarkdown } from '../../core/alerts/runbook-template';
import { slugForFileName } from '../../core/file-name';
import { docUri } from '../convert';
import type { AlertCoverageService } from '../features/alerts/alert-coverage-service';
import type { AlertNode } from '../features/alerts/alerts-tree';
import { newRunbookFolder } from '../settings';
import { openDoc } from './open-doc';

type AlertItem = Extract<AlertNode, { kind: 'alert' }>;

function isAlertItem(value: unknown): value is AlertItem {
  return typeof value === 'object' && value !== null && (value as AlertItem).kind === 'alert' && typeof (value as AlertItem).coverage?.alert?.name === 'string';
}

/**
 * Clicking an alert in the Alerts view: opens its runbook at the right line; for a runbook outside
 * the repository, offers to open the URL; for an alert without one, offers New Runbook for This
 * Alert or the rule. The argument is the view's node; without one, asks which alert.
 */
export async function openAlert(service: AlertCoverageService, node?: unknown): Promise<void> {
  const item = isAlertItem(node) ? node : await pickAlert(service);
  if (!item) return;
  const { alert, runbook, status, url } = item.coverage;
  if (runbook) {
    await openDoc(docUri(item.folder, runbook.path), runbook.line);
    return;
  }
  const rule = docUri(item.folder, alert.file);
  if (status === 'external' && url) {
    const choice = await vscode.window.showInformationMessage(`The runbook of ${alert.name} lives outside this repository: ${url}`, 'Open URL', 'Open Rule');
    if (choice === 'Open URL') await vscode.env.openExternal(vscode.Uri.parse(url));
    if (choice === 'Open Rule') await openDoc(rule, alert.line);
    return;
  }
  const choice = await vscode.window.showWarningMessage(`${alert.name} has no runbook.`, 'New Runbook for This Alert', 'Open Rule');
  if (choice === 'New Runbook for This Alert') await newRunbookForAlert(service, item);
  if (choice === 'Open Rule') await openDoc(rule, alert.line);
}

/**
 * Runbooks: New Runbook for This Alert — creates `<runbooks.newRunbook.folder>/<alert-slug>.md`
 * prefilled from the rule (title, `alerts:`, severity, the expression and labels in Meaning) and
 * opens it. An existing file is opened, never overwritten. Returns the runbook's URI, or undefined
 * when no alert was chosen.
 */
export async function newRunbookForAlert(service: AlertCoverageService, node?: unknown): Promise<vscode.Uri | undefined> {
  const item = isAlertItem(node) ? node : await pickAlert(service, true);
  if (!item) return undefined;
  const { alert } = item.coverage;
  const relative = [...newRunbookFolder(item.folder).split('/').filter(Boolean), `${slugForFileName(alert.name)}.md`].join('/');
  const uri = docUri(item.folder, relative);
  const exists = await vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
  if (exists) {
    await vscode.window.showTextDocument(uri);
    void vscode.window.showWarningMessage(`${relative} already exists; opened it instead of overwriting it.`);
    return uri;
  }
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(alertRunbookMarkdown(alert, relative)));
  await vscode.window.showTextDocument(uri);
  void service.refresh();
  return uri;
}

async function pickAlert(service: AlertCoverageService, uncoveredOnly = false): Promise<AlertItem | undefined> {
  await service.ready();
  const items = service
    .current()
    .flatMap(({ folder, report }) => report.alerts.filter((c) => !uncoveredOnly || c.status === 'uncovered').map((coverage) => ({ kind: 'alert' as const, folder, coverage })));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(uncoveredOnly ? 'Every alert has a runbook.' : 'No alert rules found in this workspace.');
    return undefined;
  }
  const chosen = await vscode.window.showQuickPick(
    items.map((item) => ({ label: item.coverage.alert.name, description: item.coverage.alert.severity, detail: `${item.coverage.alert.file}:${item.coverage.alert.line}`, item })),
    { placeHolder: uncoveredOnly ? 'Alert without a runbook' : 'Alert', matchOnDetail: true },
  );
  return chosen?.item;
}
