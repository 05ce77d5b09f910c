import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunbooksApi } from '../../src/vscode/extension';

export const EXTENSION_ID = 'living-runbooks.living-runbooks';

/** The activated extension's API, after the first index build. */
export async function api(): Promise<RunbooksApi> {
  const extension = vscode.extensions.getExtension<RunbooksApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
  const exports = await extension.activate();
  await exports.ready();
  return exports;
}

/** The workspace folder the suite runs in (a temporary copy of a fixture). */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs an open folder');
  return folder.uri.fsPath;
}

export function inWorkspace(...parts: string[]): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), ...parts));
}

/** The rule id of a diagnostic of ours: its `code`, a string or `{ value, target }` (linked to the rule's help). */
export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : code === undefined ? undefined : String(code);
}

/** Polls `probe` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/** Labels of the tree's root groups and, for each, the titles of its documents. */
export function treeShape(runbooks: RunbooksApi): Record<string, string[]> {
  const shape: Record<string, string[]> = {};
  for (const group of runbooks.tree.getChildren()) {
    if (group.type !== 'group') continue;
    shape[group.label] = runbooks.tree.getChildren(group).map((n) => String(runbooks.tree.getTreeItem(n).label));
  }
  return shape;
}

/** The workspace-relative path of the active editor's document. */
export function activeRelativePath(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor ? path.relative(workspaceRoot(), editor.document.uri.fsPath).split(path.sep).join('/') : undefined;
}
