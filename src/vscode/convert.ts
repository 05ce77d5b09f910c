import * as vscode from 'vscode';
import type { Finding, Severity } from '../core/findings';

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

/** A diagnostic for a finding; its `code` is the stable rule id. */
export function toDiagnostic(finding: Finding): vscode.Diagnostic {
  const start = new vscode.Position(Math.max(0, finding.line - 1), Math.max(0, (finding.column ?? 1) - 1));
  const end = new vscode.Position(Math.max(0, (finding.endLine ?? finding.line) - 1), Number.MAX_SAFE_INTEGER);
  const diagnostic = new vscode.Diagnostic(new vscode.Range(start, end), finding.message, SEVERITY[finding.severity]);
  diagnostic.code = finding.ruleId;
  diagnostic.source = 'Living Runbooks';
  return diagnostic;
}
