import * as vscode from 'vscode';
import type { Finding, Severity } from '../core/findings';
import { ruleHelpUri, ruleInfo } from '../core/findings/rule-table';

// The only place where VS Code's Uri/Range/Diagnostic meet core types. Core lines are 1-based.

/** The URI of a workspace-relative posix path in a folder. */
export function docUri(folder: vscode.WorkspaceFolder, path: string): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, ...path.split('/'));
}

/** The workspace-relative posix path of a URI inside `folder`, or undefined when it is outside. */
export function relativePath(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string | undefined {
  if (uri.scheme !== folder.uri.scheme || uri.authority !== folder.uri.authority) return undefined;
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : undefined;
}

/** A zero-width position at the start of a 1-based line. */
export function lineStart(line: number): vscode.Position {
  return new vscode.Position(Math.max(0, line - 1), 0);
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/**
 * A diagnostic for a finding. Its `code` is the stable rule id, linked to the rule's row in the
 * README (a rule outside the rule table gets a plain string code). With `folder`, related
 * locations (root-relative) become `relatedInformation`.
 */
export function toDiagnostic(finding: Finding, folder?: vscode.WorkspaceFolder): vscode.Diagnostic {
  const start = new vscode.Position(Math.max(0, finding.line - 1), Math.max(0, (finding.column ?? 1) - 1));
  const endCharacter = finding.endColumn !== undefined ? Math.max(0, finding.endColumn - 1) : Number.MAX_SAFE_INTEGER;
  const end = new vscode.Position(Math.max(0, (finding.endLine ?? finding.line) - 1), endCharacter);
  const diagnostic = new vscode.Diagnostic(new vscode.Range(start, end), finding.message, SEVERITY[finding.severity]);
  diagnostic.code = ruleInfo(finding.ruleId) ? { value: finding.ruleId, target: vscode.Uri.parse(ruleHelpUri(finding.ruleId)) } : finding.ruleId;
  diagnostic.source = 'Living Runbooks';
  if (folder && finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(docUri(folder, r.path), new vscode.Position(r.line - 1, Math.max(0, (r.column ?? 1) - 1))), r.message ?? `${r.path}:${r.line}`),
    );
  }
  return diagnostic;
}

/** The rule id of one of our diagnostics (its `code`, plain or linked); undefined for other codes. */
export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (typeof code === 'string') return code;
  if (code && typeof code === 'object' && typeof code.value === 'string') return code.value;
  return undefined;
}
