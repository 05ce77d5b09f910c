import * as vscode from 'vscode';
import type { DocModel } from '../../../core/doc-model';
import { incidentsFolder } from '../../../core/incident/incident-log';
import { parseDoc } from '../../../core/parse-doc';
import { runnableBlocks } from '../../../core/runner/runnable-blocks';
import type { RunnableBlock } from '../../../core/runner/types';
import { relativePath } from '../../convert';

/** A document as the editor has it now (saved or not), with its runnable blocks. */
export interface EditorDoc {
  folder: vscode.WorkspaceFolder;
  doc: DocModel;
  blocks: RunnableBlock[];
}

const cache = new WeakMap<vscode.TextDocument, { version: number; languages: string; value: EditorDoc }>();

/** Extra runnable languages from `runbooks.run.languages`. */
export function extraLanguages(folder?: vscode.WorkspaceFolder): string[] {
  return vscode.workspace.getConfiguration('runbooks.run', folder).get<string[]>('languages') ?? [];
}

/**
 * Parses the editor's current text (so lines match what the user sees, even unsaved), cached per
 * document version. Undefined for documents outside the workspace.
 */
export function editorDoc(document: vscode.TextDocument): EditorDoc | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const relative = folder && relativePath(folder, document.uri);
  if (!folder || !relative) return undefined;
  const languages = extraLanguages(folder).join(',');
  const cached = cache.get(document);
  if (cached && cached.version === document.version && cached.languages === languages) return cached.value;
  const doc = parseDoc(relative, document.getText());
  // Incident files and postmortems record commands that ran; they are history, never run again.
  const incidents = `${incidentsFolder(vscode.workspace.getConfiguration('runbooks.incidents', folder).get<string>('folder'))}/`;
  const blocks = relative.startsWith(incidents) ? [] : runnableBlocks(doc, { extraLanguages: extraLanguages(folder) });
  const value = { folder, doc, blocks };
  cache.set(document, { version: document.version, languages, value });
  return value;
}
