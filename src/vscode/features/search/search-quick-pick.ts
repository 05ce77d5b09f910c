import * as vscode from 'vscode';
import { compareForDisplay } from '../../../core/compare';
import type { DocKind } from '../../../core/doc-model';
import type { RunbookIndex, WorkspaceHit } from '../index/runbook-index';

/** A quick-pick row that opens `uri` at `line`. */
export interface DocPickItem extends vscode.QuickPickItem {
  uri: vscode.Uri;
  line: number;
}

const KIND_ICON: Record<DocKind, string> = { runbook: '$(book)', architecture: '$(type-hierarchy)', other: '$(markdown)' };
const RESULT_LIMIT = 30;

/**
 * Shows a quick pick that searches as you type (the index ranks; VS Code's own filter is off
 * because every row is `alwaysShow`). An empty query lists runbooks by title. Resolves with the
 * chosen row, or undefined when dismissed.
 */
export async function pickFromSearch(index: RunbookIndex, initialQuery = ''): Promise<DocPickItem | undefined> {
  const pick = vscode.window.createQuickPick<DocPickItem>();
  pick.placeholder = 'Search runbooks by title, alert, heading, tag or text';
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  pick.busy = true;
  const update = () => {
    pick.items = pick.value.trim() ? index.find(pick.value, { limit: RESULT_LIMIT }).map(hitItem) : browseItems(index);
  };
  pick.onDidChangeValue(update);
  pick.value = initialQuery;
  const chosen = new Promise<DocPickItem | undefined>((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0] ?? pick.activeItems[0]);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
  });
  pick.show();
  await index.ready();
  pick.busy = false;
  update();
  return chosen;
}

function hitItem(hit: WorkspaceHit): DocPickItem {
  return {
    label: `${KIND_ICON[hit.kind]} ${hit.title}`,
    description: vscode.workspace.asRelativePath(hit.uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1),
    detail: hit.heading ? `$(symbol-string) ${hit.heading} · line ${hit.line}` : undefined,
    alwaysShow: true,
    uri: hit.uri,
    line: hit.line,
  };
}

function browseItems(index: RunbookIndex): DocPickItem[] {
  return index
    .docs()
    .filter((r) => r.doc.kind !== 'other')
    .sort((a, b) => compareForDisplay(a.doc.title, b.doc.title))
    .map((r) => ({
      label: `${KIND_ICON[r.doc.kind]} ${r.doc.title}`,
      description: vscode.workspace.asRelativePath(r.uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1),
      detail: [r.doc.meta.owner, r.doc.meta.services.join(', '), r.doc.meta.alerts.join(', ')].filter(Boolean).join(' · ') || undefined,
      alwaysShow: true,
      uri: r.uri,
      line: 1,
    }));
}
