import * as vscode from 'vscode';
import { editorDoc } from '../features/runner/doc-blocks';
import type { RunRecord, RunSkip } from '../features/runner/block-run-service';
import type { Services } from '../services';

/** The document and block index a run command is about: its arguments, or the block at the cursor. */
async function target(uriArg: unknown, indexArg: unknown): Promise<{ document: vscode.TextDocument; index: number } | undefined> {
  if (uriArg instanceof vscode.Uri && typeof indexArg === 'number') {
    return { document: await vscode.workspace.openTextDocument(uriArg), index: indexArg };
  }
  const editor = vscode.window.activeTextEditor;
  const parsed = editor && editorDoc(editor.document);
  const line = (editor?.selection.active.line ?? 0) + 1;
  const block = parsed?.blocks.find((b) => b.line <= line && line <= b.endLine);
  if (!editor || !block) {
    void vscode.window.showInformationMessage('Put the cursor in a runnable code block of a runbook (sh, bash, console…), or use the Run CodeLens above it.');
    return undefined;
  }
  return { document: editor.document, index: block.index };
}

/** Runbooks: Run Block — runs the block (captured output, ✓/✗ mark). */
export async function runBlock(services: Services, uri?: unknown, index?: unknown): Promise<RunRecord | RunSkip | undefined> {
  const t = await target(uri, index);
  return t && services.runs.run(t.document, t.index);
}

/** Runbooks: Run Block in Terminal — sends the resolved block to a new terminal. */
export async function runBlockInTerminal(services: Services, uri?: unknown, index?: unknown): Promise<RunRecord | RunSkip | undefined> {
  const t = await target(uri, index);
  return t && services.runs.run(t.document, t.index, { terminal: true });
}

/** Runbooks: Copy Block — copies the block's commands (prompts and output lines removed). */
export async function copyBlock(uri?: unknown, index?: unknown): Promise<void> {
  const t = await target(uri, index);
  const block = t && editorDoc(t.document)?.blocks[t.index];
  if (!block) return;
  await vscode.env.clipboard.writeText(block.script);
  vscode.window.setStatusBarMessage(`Copied "${block.name}"`, 3000);
}

/** Runbooks: Run All Checks in Section — the section at the cursor, or the given heading. */
export async function runSection(services: Services, uri?: unknown, headingIndex?: unknown): Promise<RunRecord[]> {
  let document: vscode.TextDocument | undefined;
  let index: number | undefined;
  if (uri instanceof vscode.Uri && typeof headingIndex === 'number') {
    document = await vscode.workspace.openTextDocument(uri);
    index = headingIndex;
  } else {
    const editor = vscode.window.activeTextEditor;
    const parsed = editor && editorDoc(editor.document);
    const line = (editor?.selection.active.line ?? 0) + 1;
    document = editor?.document;
    index = parsed?.doc.headings.reduce((found, h, i) => (h.line <= line && h.depth > 1 ? i : found), -1);
    if (index === undefined || index < 0) {
      void vscode.window.showInformationMessage('Put the cursor in a section (under a ## heading) that has check blocks.');
      return [];
    }
  }
  return document ? services.runs.runSection(document, index!) : [];
}
