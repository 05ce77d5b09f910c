import * as vscode from 'vscode';
import { reasonToFinding } from '../../../core/staleness/as-findings';
import { toDiagnostic } from '../../convert';
import type { RuleSeverities } from '../diagnostics/rule-severities';
import type { StalenessService } from './staleness-service';

/** Staleness reasons in the Problems panel, on the doc's link lines, with their rule ids and configured severities. */
export class StalenessDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('runbooks-staleness');
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly staleness: StalenessService,
    private readonly severities?: RuleSeverities,
  ) {
    this.subscriptions = [staleness.onDidChange(() => this.update()), ...(severities ? [severities.onDidChange(() => this.update())] : [])];
  }

  update(): void {
    this.collection.clear();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const report = this.staleness.report(folder);
      if (!report) continue;
      for (const doc of report.docs) {
        // "Unknown" (not a git repository, shallow clone…) is said once by the badge and its tooltip, not on every doc.
        const findings = doc.reasons.filter((r) => r.ruleId !== 'staleness.unknown').map((r) => reasonToFinding(doc.path, r));
        const uri = vscode.Uri.joinPath(folder.uri, ...doc.path.split('/'));
        const shown = this.severities ? this.severities.forProblems(uri, findings, doc) : findings;
        if (shown.length === 0) continue;
        this.collection.set(uri, shown.map((f) => toDiagnostic(f, folder)));
      }
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}

/** A badge on runbooks in the explorer and the Runbooks view: S stale, ! broken, ? unknown. */
export class StalenessDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri | vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly staleness: StalenessService) {
    this.subscription = staleness.onDidChange(() => this.changed.fire(undefined));
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const verdict = this.staleness.verdict(uri);
    if (!verdict || verdict.level === 'fresh') {
      return verdict?.reviewDue ? new vscode.FileDecoration('R', 'Review overdue') : undefined;
    }
    const first = verdict.reasons[0]?.message;
    if (verdict.level === 'stale') return new vscode.FileDecoration('S', `Stale: ${first ?? 'linked code changed since this doc'}`, new vscode.ThemeColor('list.warningForeground'));
    if (verdict.level === 'broken') return new vscode.FileDecoration('!', `Broken links: ${first ?? ''}`, new vscode.ThemeColor('list.errorForeground'));
    return new vscode.FileDecoration('?', `Staleness unknown: ${first ?? ''}`);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
