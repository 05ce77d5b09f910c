import * as vscode from 'vscode';
import { toDiagnostic } from '../../convert';
import type { RunbookIndex } from '../index/runbook-index';

/** Shows index findings (broken front matter, bad encoding, …) in the Problems panel. */
export class FindingsDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('runbooks');
  private readonly subscription: vscode.Disposable;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly index: RunbookIndex) {
    this.subscription = index.onDidChange(() => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.update(), 100);
    });
  }

  /** Replaces all diagnostics with the findings of the current index. */
  update(): void {
    const entries: Array<[vscode.Uri, vscode.Diagnostic[]]> = [];
    for (const { doc, uri } of this.index.docs()) {
      if (doc.findings.length) entries.push([uri, doc.findings.map(toDiagnostic)]);
    }
    this.collection.clear();
    this.collection.set(entries);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscription.dispose();
    this.collection.dispose();
  }
}
