import * as vscode from 'vscode';
import { alertCandidates } from '../../core/alert-candidates';
import { CommandId } from '../command-ids';
import type { WorkspaceAlertMatch } from '../features/index/runbook-index';
import type { Services } from '../services';
import { openDoc } from './open-doc';

/**
 * Runbooks: Open Runbook for Alert… — takes an alert name (argument, or picked from the alerts the
 * runbooks declare, the rule files define, or runbook file names and headings name; or typed), then
 * opens its runbook; asks which one when several match.
 */
export async function openRunbookForAlert(services: Services, alertArg?: unknown): Promise<void> {
  await services.index.ready();
  const alert = typeof alertArg === 'string' && alertArg.trim() ? alertArg.trim() : await askAlert(services);
  if (!alert) return;
  const matches = services.index.findForAlert(alert);
  if (matches.length === 0) {
    const choice = await vscode.window.showWarningMessage(`No runbook mentions the alert "${alert}" (front matter alerts, a heading or a file name).`, 'Search Runbooks', 'New Runbook');
    if (choice === 'Search Runbooks') await vscode.commands.executeCommand(CommandId.search, alert);
    if (choice === 'New Runbook') await vscode.commands.executeCommand(CommandId.newRunbook, { title: alert, alert });
    return;
  }
  const match = matches.length === 1 ? matches[0] : await pickMatch(alert, matches);
  if (match) await openDoc(match.uri, match.line);
}

async function askAlert(services: Services): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  pick.placeholder = 'Alert name, e.g. KubePodCrashLooping (pick one from the runbooks and rule files, or type any name)';
  pick.matchOnDescription = true;
  const candidates = alertCandidates({ declared: services.index.alerts(), rules: services.alertRules?.() ?? [], docs: services.index.docs().map((r) => r.doc) });
  const known = candidates.map((c) => ({ label: c.alert, description: c.detail }));
  const refresh = () => {
    const typed = pick.value.trim();
    const exact = known.some((k) => k.label.toLowerCase() === typed.toLowerCase());
    pick.items = typed && !exact ? [{ label: typed, description: 'look up this alert', alwaysShow: true }, ...known] : known;
  };
  pick.onDidChangeValue(refresh);
  refresh();
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]?.label ?? (pick.value.trim() || undefined));
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

async function pickMatch(alert: string, matches: WorkspaceAlertMatch[]): Promise<WorkspaceAlertMatch | undefined> {
  const SOURCE = { 'front-matter': 'lists the alert', heading: 'has a heading for it', 'file-name': 'is named after it' };
  const chosen = await vscode.window.showQuickPick(
    matches.map((m) => ({ label: m.title, description: vscode.workspace.asRelativePath(m.uri), detail: SOURCE[m.source], match: m })),
    { placeHolder: `${matches.length} runbooks for ${alert}` },
  );
  return chosen?.match;
}
