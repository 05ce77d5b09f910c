import * as vscode from 'vscode';
import { chooseBaseRef } from '../../core/base-ref';
import { childEnv } from '../../node/child-env';
import { readBaseRefFacts } from '../../node/git-default-branch';
import { CheckError, type CheckReport } from '../../core/staleness/model/check';
import { checkFindingToFinding } from '../../core/staleness/as-findings';
import { docUri, toDiagnostic } from '../convert';
import type { RuleSeverities } from '../features/diagnostics/rule-severities';
import { RestrictedModeError, type StalenessService } from '../features/staleness/staleness-service';
import type { RunbookIndex } from '../features/index/runbook-index';

/**
 * Runbooks: Check My Changes — compares the working tree and branch with a base ref
 * (`runbooks.staleness.baseRef`, or the argument) and puts a warning on every changed code line
 * that a runbook describes when the runbook itself was left alone (with the configured rule
 * severities; rules set to `off` are not shown). Returns the reports per folder.
 */
export async function checkMyChanges(
  index: RunbookIndex,
  staleness: StalenessService,
  review: vscode.DiagnosticCollection,
  severities: RuleSeverities | undefined,
  baseArg?: unknown,
): Promise<CheckReport[]> {
  if (!vscode.workspace.isTrusted) {
    // Restricted Mode promises that nothing in the folder runs: git would read its config.
    void vscode.window.showInformationMessage('Trust this folder to check your changes against its runbooks (git does not run in Restricted Mode).');
    return [];
  }
  await index.ready();
  const reports: CheckReport[] = [];
  review.clear();
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const configured = typeof baseArg === 'string' ? baseArg : vscode.workspace.getConfiguration('runbooks.staleness', folder).get<string>('baseRef');
    const chosen = configured ? { ref: configured, why: 'set in runbooks.staleness.baseRef' } : chooseBaseRef(await readBaseRefFacts(folder.uri.fsPath, childEnv(process.env)));
    if (!chosen) {
      void vscode.window.showWarningMessage(`${folder.name}: no origin/HEAD, main or master branch to compare with; set runbooks.staleness.baseRef to the branch you merge into.`);
      continue;
    }
    const base = chosen.ref;
    const docs = index.docs().filter((r) => r.folder === folder).map((r) => r.doc);
    let report: CheckReport;
    try {
      report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Checking changes against ${base}`, cancellable: true }, (_p, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort(new Error('cancelled')));
        return staleness.engine(folder).then((engine) => engine.check(docs, { base }, { signal: abort.signal }));
      });
    } catch (error) {
      if (error instanceof RestrictedModeError) {
        void vscode.window.showInformationMessage(error.message, 'Manage Workspace Trust').then((choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'));
        return reports;
      }
      if (error instanceof CheckError) {
        void vscode.window.showWarningMessage(`${folder.name}: ${error.message} (set runbooks.staleness.baseRef to the branch you merge into).`);
        continue;
      }
      throw error;
    }
    reports.push(report);
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const finding of report.findings) {
      const [shown] = severities ? severities.apply(docUri(folder, finding.path), [checkFindingToFinding(finding)]) : [checkFindingToFinding(finding)];
      if (!shown) continue;
      const diagnostic = toDiagnostic({ ...shown, related: finding.docs.map((d) => ({ path: d.path, line: d.line, message: `described in ${d.path}:${d.line}` })) }, folder);
      const list = byFile.get(finding.path) ?? [];
      list.push(diagnostic);
      byFile.set(finding.path, list);
    }
    for (const [file, diagnostics] of byFile) review.set(vscode.Uri.joinPath(folder.uri, ...file.split('/')), diagnostics);
    const count = report.findings.length;
    void vscode.window.showInformationMessage(
      count === 0
        ? `${folder.name}: compared with ${base} (${chosen.why}): no runbook describes what changed, or the runbooks changed with it.`
        : `${folder.name}: compared with ${base} (${chosen.why}): ${count} change(s) touch code that runbooks describe without updating them — see the Problems panel.`,
    );
  }
  return reports;
}
