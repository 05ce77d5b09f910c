import * as vscode from 'vscode';
import { gitShow } from '../../../node/git-show';
import { RESTRICTED_STALENESS_MESSAGE, type StalenessService } from './staleness-service';

/** Serves `runbooks-git:/<path>?<json {root, ref}>`: a file as it was at a commit, for diffs. */
export class GitRevisionContent implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'runbooks-git';

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const { root, ref, path } = JSON.parse(uri.query) as { root: string; ref: string; path: string };
    if (!vscode.workspace.isTrusted) return `${RESTRICTED_STALENESS_MESSAGE}\n`;
    return (await gitShow(root, ref, path, { ...process.env })) ?? `${path} did not exist at ${ref.slice(0, 7)}.\n`;
  }
}

/**
 * Runbooks: Show Changes Since the Runbook — diffs a linked file between the runbook's last
 * content commit and the working tree, so the reader sees what the runbook has not caught up with.
 */
export async function openTargetDiff(staleness: StalenessService, docUriArg: unknown, targetArg: unknown): Promise<boolean> {
  if (!(docUriArg instanceof vscode.Uri) || typeof targetArg !== 'string') return false;
  const folder = vscode.workspace.getWorkspaceFolder(docUriArg);
  const verdict = staleness.verdict(docUriArg);
  const since = verdict?.lastContentCommit;
  if (!folder || !verdict || !since) {
    void vscode.window.showInformationMessage('No commit of this runbook to compare with yet.');
    return false;
  }
  const left = vscode.Uri.from({
    scheme: GitRevisionContent.scheme,
    path: `/${targetArg}`,
    query: JSON.stringify({ root: folder.uri.fsPath, ref: since.sha, path: targetArg }),
  });
  const right = vscode.Uri.joinPath(folder.uri, ...targetArg.split('/'));
  await vscode.commands.executeCommand('vscode.diff', left, right, `${targetArg}: since ${verdict.path} changed (${since.sha.slice(0, 7)}) ↔ now`);
  return true;
}
