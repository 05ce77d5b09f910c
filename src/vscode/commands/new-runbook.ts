import * as vscode from 'vscode';
import { slugForFileName } from '../../core/file-name';
import { snippetText } from '../../core/snippet-text';
import { newRunbookFolder } from '../settings';
import type { Services } from '../services';

/** Optional arguments, e.g. from "Open Runbook for Alert" when no runbook exists yet. */
export interface NewRunbookArgs {
  title?: string;
  alert?: string;
}

/**
 * Runbooks: New Runbook… — asks for a title, creates `<runbooks.newRunbook.folder>/<slug>.md` and
 * fills it from the Runbook snippet, with the cursor on the first field. Returns the new file's URI,
 * or undefined when cancelled. An existing file is opened, never overwritten.
 */
export async function newRunbook(services: Services, args?: NewRunbookArgs): Promise<vscode.Uri | undefined> {
  const folder = await pickFolder();
  if (!folder) return undefined;
  const title =
    args?.title?.trim() ||
    (await vscode.window.showInputBox({
      title: 'New Runbook',
      prompt: 'What does this runbook handle? (an alert name or a symptom)',
      placeHolder: 'Checkout DB connection pool exhausted',
      validateInput: (v) => (v.trim() ? undefined : 'Give the runbook a title'),
    }))?.trim();
  if (!title) return undefined;
  const uri = vscode.Uri.joinPath(folder.uri, ...newRunbookFolder(folder).split('/').filter(Boolean), `${slugForFileName(title)}.md`);
  if (await exists(uri)) {
    await vscode.window.showTextDocument(uri);
    void vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(uri)} already exists; opened it instead of overwriting it.`);
    return uri;
  }
  const snippet = await runbookSnippet(services.extensionUri, title, args?.alert);
  await vscode.workspace.fs.writeFile(uri, new Uint8Array());
  const editor = await vscode.window.showTextDocument(uri);
  // insertSnippet answers false when the editor changed under it (another editor took focus, the
  // document was reloaded): the template then goes in as plain text rather than leaving an empty file.
  const inserted =
    (await editor.insertSnippet(snippet, new vscode.Position(0, 0))) ||
    (await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), snippetText(snippet.value, new Date()))));
  const saved = inserted && (await editor.document.save());
  if (!saved) {
    void vscode.window.showErrorMessage(
      `Created ${vscode.workspace.asRelativePath(uri)} but could not ${inserted ? 'save' : 'fill in'} the runbook template; it is open in the editor.`,
    );
  }
  return uri;
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showWarningMessage('Open a folder first: new runbooks are created inside the workspace.');
    return undefined;
  }
  return folders.length === 1 ? folders[0] : vscode.window.showWorkspaceFolderPick({ placeHolder: 'Create the runbook in which folder?' });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The "Runbook" snippet shipped in snippets/markdown.json, with the title (and alert) filled in. */
async function runbookSnippet(extensionUri: vscode.Uri, title: string, alert: string | undefined): Promise<vscode.SnippetString> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'snippets', 'markdown.json'));
  const snippets = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, { body: string[] }>;
  const body = snippets.Runbook?.body;
  if (!body) throw new Error('the Runbook snippet is missing from snippets/markdown.json');
  const escaped = (text: string) => text.replace(/[\\$}]/g, '\\$&');
  let text = body.join('\n').replace(/\$\{1:[^}]*\}/g, `\${1:${escaped(title)}}`);
  if (alert) text = text.replace(/\$\{4:[^}]*\}/g, `\${4:${escaped(alert)}}`);
  return new vscode.SnippetString(text);
}
