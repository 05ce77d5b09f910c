import * as vscode from 'vscode';
import { IncidentClosedError, isClosed, type AppendOptions, type IncidentFiles, type ResolveResult } from '../../../core/incident/incident-log';
import { parseIncident } from '../../../core/incident/incident-parser';
import { placeEntry } from '../../../core/incident/timeline-order';
import type { IncidentFile, IncidentMeta } from '../../../core/incident/types';
import type { IncidentStore } from '../../../node/incident-store';

/**
 * The incident files as the editor sees them: the store's files, except that a file open with
 * unsaved edits is appended to through the editor (so nothing typed is clobbered) and saved, all
 * under the store's lock for that file, so a CLI writer never interleaves with the save. Resolving
 * saves unsaved edits first.
 */
export class EditorIncidentFiles implements IncidentFiles {
  constructor(
    private readonly store: IncidentStore,
    private readonly folder: vscode.WorkspaceFolder,
  ) {}

  list(): Promise<IncidentFile[]> {
    return this.store.list();
  }

  create(meta: IncidentMeta): Promise<string> {
    return this.store.create(meta);
  }

  async append(incidentPath: string, block: string, options: AppendOptions = {}): Promise<void> {
    if (!this.dirty(incidentPath)) return this.store.append(incidentPath, block, options);
    await this.store.withLock(incidentPath, async () => {
      // Checked again under the lock: the user may have saved meanwhile.
      const open = this.dirty(incidentPath);
      if (!open) return this.store.appendHoldingLock(incidentPath, block, options);
      if (options.onlyIfActive && isClosed(parseIncident(incidentPath, open.getText()))) throw new IncidentClosedError(incidentPath);
      const edit = new vscode.WorkspaceEdit();
      // A back-dated entry goes before the first later one, as the store places it on disk.
      const placed = placeEntry(incidentPath, open.getText(), block);
      if (placed) edit.insert(open.uri, new vscode.Position(placed.beforeLine - 1, 0), block.endsWith('\n') ? block : `${block}\n`);
      else {
        const end = open.lineAt(open.lineCount - 1).range.end;
        const needsNewline = open.getText().length > 0 && !open.getText().endsWith('\n');
        edit.insert(open.uri, end, `${needsNewline ? '\n' : ''}${block}`);
      }
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not add the note to ${incidentPath} through the editor`);
      if (!(await open.save())) throw new Error(`the note was added to ${incidentPath} in the editor, but saving it failed: save the file to keep it`);
    });
  }

  async setFields(incidentPath: string, fields: Record<string, string>): Promise<{ updated: boolean; problem?: string }> {
    const open = this.dirty(incidentPath);
    if (open) await open.save();
    return this.store.setFields(incidentPath, fields);
  }

  async resolve(incidentPath: string, at: Date, author?: string): Promise<ResolveResult> {
    const open = this.dirty(incidentPath);
    if (open) await open.save();
    return this.store.resolve(incidentPath, at, author);
  }

  /** The open document of an incident file when it has unsaved edits. */
  private dirty(incidentPath: string): vscode.TextDocument | undefined {
    const uri = vscode.Uri.joinPath(this.folder.uri, ...incidentPath.split('/')).toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri && d.isDirty);
  }
}
