import * as vscode from 'vscode';
import { diffMode } from '../../../core/file-name';
import { gitShow } from '../../../node/git-show';
import { RESTRICTED_STALENESS_MESSAGE, type StalenessService } from './staleness-service';

/** Serves `runbooks-git:/<path>?<json {root, ref, path}>`: a file as it was at a commit (or, for ref `WORKING_TREE`, as it is on disk), for diffs. */
export class GitRevisionContent implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'runbooks-git';

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const { root, ref, path } = JSON.parse(uri.query) as { root: string; ref: string; path: string };
    if (!vscode.workspace.isTrusted) return `${RESTRICTED_STALENESS_MESSAGE}\n`;
    if (ref === WORKING_TREE) return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(vscode.Uri.file(root), ...path.split('/'))));
    return (await gitShow(root, ref, path, { ...process.env })) ?? `${path} did not exist at ${ref.slice(0, 7)}.\n`;
  }
}

/** The ref `GitRevisionContent` reads from disk instead of git. */
const WORKING_TREE = 'WORKING_TREE';

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
  const mode = diffMode(targetArg);
  if (mode === 'binary') {
    void vscode.window.showInformationMessage(`${targetArg} is an image: open it to see it now; its history is in git (${since.sha.slice(0, 7)} and later).`);
    return false;
  }
  // SVG: both sides as XML text, or VS Code opens its image preview, which cannot show the old side.
  const revision = (ref: string) =>
    vscode.Uri.from({
      scheme: GitRevisionContent.scheme,
      path: `/${targetArg}${mode === 'text-as-xml' ? '.xml' : ''}`,
      query: JSON.stringify({ root: folder.uri.fsPath, ref, path: targetArg }),
    });
  const left = revision(since.sha);
  const right = mode === 'text-as-xml' ? revision(WORKING_TREE) : vscode.Uri.joinPath(folder.uri, ...targetArg.split('/'));
  await vscode.commands.executeCommand('vscode.diff', left, right, `${targetArg}: since ${verdict.path} changed (${since.sha.slice(0, 7)}) ↔ now`);
  return true;
}
