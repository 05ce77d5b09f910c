import * as path from 'node:path';
import * as vscode from 'vscode';
import { markReviewed } from '../../../core/staleness/queries/mark-reviewed';
import { ruleIdOf } from '../../convert';
import type { StalenessService } from './staleness-service';

const REVIEW_RULES = /^(stale\.|review\.overdue)/;

/**
 * Quick fixes for staleness findings: mark the runbook reviewed today (writes `reviewed:` in its
 * front matter), point a link at the file it was renamed to, and rewrite a command whose script
 * was renamed or whose target is misspelt (`command.*` findings that carry a replacement).
 */
export class StalenessCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly staleness: StalenessService) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === 'Living Runbooks' && ruleIdOf(d) !== undefined);
    const actions: vscode.CodeAction[] = [];
    const stale = ours.filter((d) => REVIEW_RULES.test(ruleIdOf(d)!));
    if (stale.length) {
      const today = new Date().toISOString().slice(0, 10);
      const result = markReviewed(document.getText(), today);
      if ('text' in result) {
        const action = new vscode.CodeAction(`Mark runbook as reviewed today (${today})`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = stale;
        action.isPreferred = true;
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), result.text);
        action.command = { command: 'runbooks.refreshStaleness', title: 'Re-check staleness' };
        actions.push(action);
      }
    }
    const verdict = this.staleness.verdict(document.uri);
    for (const diagnostic of ours.filter((d) => ruleIdOf(d)!.startsWith('stale.'))) {
      const reason = verdict?.reasons.find((r) => r.ruleId === ruleIdOf(diagnostic) && r.line === diagnostic.range.start.line + 1 && r.target);
      if (!reason?.target || !verdict?.lastContentCommit) continue;
      const action = new vscode.CodeAction(`Show changes to ${reason.target} since this runbook changed`, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.command = { command: 'runbooks.openTargetDiff', title: 'Show changes', arguments: [document.uri, reason.target] };
      actions.push(action);
    }
    for (const diagnostic of ours.filter((d) => ruleIdOf(d) === 'link.renamed-target')) {
      const reason = verdict?.reasons.find((r) => r.ruleId === 'link.renamed-target' && r.line === diagnostic.range.start.line + 1 && r.suggestion);
      const target = verdict?.targets.find((t) => t.path === reason?.target);
      if (!reason?.suggestion || !target || !verdict) continue;
      const oldPath = target.raw.split('#')[0]!;
      const fragment = target.raw.includes('#') ? target.raw.slice(target.raw.indexOf('#')) : '';
      const newPath = path.posix.relative(path.posix.dirname(verdict.path), reason.suggestion.path);
      const line = document.lineAt(diagnostic.range.start.line);
      const column = line.text.indexOf(target.raw);
      if (column < 0) continue;
      const action = new vscode.CodeAction(`Update link to ${newPath} (renamed)`, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, new vscode.Range(line.lineNumber, column, line.lineNumber, column + oldPath.length + fragment.length), `${newPath}${fragment}`);
      actions.push(action);
    }
    for (const diagnostic of ours.filter((d) => ruleIdOf(d)!.startsWith('command.'))) {
      const replace = verdict?.reasons.find((r) => r.ruleId === ruleIdOf(diagnostic) && r.line === diagnostic.range.start.line + 1 && r.fix?.replace)?.fix;
      if (!replace?.replace) continue;
      const line = document.lineAt(diagnostic.range.start.line);
      const column = line.text.indexOf(replace.replace.text);
      if (column < 0) continue;
      const action = new vscode.CodeAction(replace.description, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, new vscode.Range(line.lineNumber, column, line.lineNumber, column + replace.replace.text.length), replace.replace.with);
      actions.push(action);
    }
    return actions;
  }
}
