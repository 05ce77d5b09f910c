import * as vscode from 'vscode';
import { toDiagnostic } from '../../convert';
import type { RunbookIndex } from '../index/runbook-index';
import type { RuleSeverities } from './rule-severities';

/** Shows index findings (broken front matter, bad encoding, …) in the Problems panel, with their configured severities (`info` on docs that are not runbooks unless opted in). */
export class FindingsDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('runbooks');
  private readonly subscriptions: vscode.Disposable[];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly index: RunbookIndex,
    private readonly severities?: RuleSeverities,
  ) {
    const later = () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.update(), 100);
    };
    this.subscriptions = [index.onDidChange(later), ...(severities ? [severities.onDidChange(later)] : [])];
  }

  /** Replaces all diagnostics with the findings of the current index. */
  update(): void {
    const entries: Array<[vscode.Uri, vscode.Diagnostic[]]> = [];
    for (const { doc, uri } of this.index.docs()) {
      const findings = this.severities ? this.severities.forProblems(uri, doc.findings, doc) : doc.findings;
      if (findings.length) entries.push([uri, findings.map((f) => toDiagnostic(f))]);
    }
    this.collection.clear();
    this.collection.set(entries);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}
