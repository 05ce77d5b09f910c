import * as vscode from 'vscode';
import { referencesByTarget, type TargetReference } from '../../../core/staleness/queries/target-references';
import { relativePath } from '../../convert';
import type { StalenessService } from './staleness-service';

/**
 * At the top of a code or config file that runbooks link to: "Referenced by 2 runbooks · 1 stale",
 * opening a pick of those runbooks at the line that links it; a hover on linked line ranges says
 * which runbook depends on them.
 */
export class ReferencedByCodeLens implements vscode.CodeLensProvider, vscode.HoverProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private byTarget = new Map<string, Map<string, TargetReference[]>>();

  constructor(private readonly staleness: StalenessService) {
    this.subscription = staleness.onDidChange(() => {
      this.byTarget.clear();
      this.changed.fire();
    });
  }

  /** The references to a file, or [] when no doc links it. */
  references(uri: vscode.Uri): TargetReference[] {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const relative = folder && relativePath(folder, uri);
    if (!folder || !relative) return [];
    let map = this.byTarget.get(folder.uri.toString());
    if (!map) {
      const report = this.staleness.report(folder);
      map = report ? referencesByTarget(report.docs) : new Map();
      this.byTarget.set(folder.uri.toString(), map);
    }
    return map.get(relative) ?? [];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const refs = this.references(document.uri);
    if (refs.length === 0) return [];
    const docs = [...new Map(refs.map((r) => [r.doc, r])).values()];
    const stale = docs.filter((r) => r.level === 'stale' || r.level === 'broken').length;
    const title = `$(book) Referenced by ${docs.length} runbook${docs.length === 1 ? '' : 's'}${stale ? ` · ${stale} stale` : ''}`;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri)!;
    return [
      new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
        title,
        command: 'runbooks.openReferencingRunbook',
        arguments: [docs.map((r) => ({ uri: vscode.Uri.joinPath(folder.uri, ...r.doc.split('/')), line: r.line, level: r.level, path: r.doc }))],
      }),
    ];
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const line = position.line + 1;
    const refs = this.references(document.uri).filter((r) => r.lines && r.lines.start <= line && line <= r.lines.end);
    if (refs.length === 0) return undefined;
    const text = new vscode.MarkdownString(refs.map((r) => `Runbook \`${r.doc}\` (line ${r.line}, ${r.level}) depends on lines ${r.lines!.start}–${r.lines!.end}: update it when you change them.`).join('\n\n'));
    return new vscode.Hover(text);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
