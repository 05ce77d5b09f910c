import * as vscode from 'vscode';
import { lineStart } from '../convert';

/** Opens a document with the given 1-based line at the top of the editor. */
export async function openDoc(uri: vscode.Uri, line = 1): Promise<vscode.TextEditor> {
  const position = lineStart(line);
  const editor = await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preview: true });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
  return editor;
}
