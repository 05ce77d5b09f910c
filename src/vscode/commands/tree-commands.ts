import * as vscode from 'vscode';
import type { GroupByChoice } from '../../core/tree-sections';
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

const GROUP_CHOICES: Array<{ value: GroupByChoice; label: string; detail: string }> = [
  { value: 'auto', label: '$(sparkle) Automatic', detail: 'by service when runbooks declare one, else by folder' },
  { value: 'service', label: '$(server-process) Service', detail: 'front matter service / services' },
  { value: 'folder', label: '$(folder) Folder', detail: 'where the file lives' },
  { value: 'tag', label: '$(tag) Tag', detail: 'front matter tags; a runbook appears under each tag' },
];

/**
 * Runbooks: Group Runbooks By… — regroups the view (an argument skips the pick). The choice is kept
 * in the workspace state, per user: nothing is written into the repository's files.
 */
export async function groupBy(services: Services, arg?: unknown): Promise<void> {
  const current = services.tree.groupByChoice();
  const value =
    GROUP_CHOICES.find((c) => c.value === arg)?.value ??
    (
      await vscode.window.showQuickPick(
        GROUP_CHOICES.map((c) => ({ ...c, description: c.value === current ? 'current' : undefined })),
        { placeHolder: 'Group the Runbooks view by' },
      )
    )?.value;
  if (value) await services.tree.setGroupBy(value);
}
