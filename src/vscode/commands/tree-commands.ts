import * as vscode from 'vscode';
import type { GroupBy } from '../../core/tree-groups';
import { treeSettings } from '../settings';
import type { Services } from '../services';

/** Runbooks: Refresh Index — re-reads every document (the persisted parse is reused where unchanged). */
export async function refreshIndex(services: Services): Promise<void> {
  await services.index.rebuild();
  services.tree.refresh();
}

/** Runbooks: Reveal in Runbooks View — selects the active (or given) document in the tree. */
export async function revealInTree(services: Services, uriArg?: unknown): Promise<void> {
  const uri = uriArg instanceof vscode.Uri ? uriArg : vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage('Open a runbook to reveal it in the Runbooks view.');
    return;
  }
  await services.index.ready();
  const node = services.tree.nodeFor(uri);
  if (!node) {
    const kind = services.index.docAt(uri)?.doc.kind;
    void vscode.window.showInformationMessage(
      kind === 'other'
        ? `${vscode.workspace.asRelativePath(uri)} is not a runbook or architecture doc (turn on runbooks.tree.showOtherDocs to list every markdown file).`
        : `${vscode.workspace.asRelativePath(uri)} is not indexed (check runbooks.index.include and .gitignore).`,
    );
    return;
  }
  await services.treeView.reveal(node, { select: true, focus: true, expand: true });
}

const GROUP_CHOICES: Array<{ value: GroupBy; label: string; detail: string }> = [
  { value: 'service', label: '$(server-process) Service', detail: 'front matter service / services' },
  { value: 'folder', label: '$(folder) Folder', detail: 'where the file lives' },
  { value: 'tag', label: '$(tag) Tag', detail: 'front matter tags; a runbook appears under each tag' },
];

/** Runbooks: Group Runbooks By… — switches `runbooks.tree.groupBy` (an argument skips the pick). */
export async function groupBy(arg?: unknown): Promise<void> {
  const current = treeSettings().groupBy;
  const value =
    GROUP_CHOICES.find((c) => c.value === arg)?.value ??
    (
      await vscode.window.showQuickPick(
        GROUP_CHOICES.map((c) => ({ ...c, description: c.value === current ? 'current' : undefined })),
        { placeHolder: 'Group the Runbooks view by' },
      )
    )?.value;
  if (!value) return;
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('runbooks.tree').update('groupBy', value, target);
}
