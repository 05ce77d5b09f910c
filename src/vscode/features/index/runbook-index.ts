import * as vscode from 'vscode';
import { compareForDisplay } from '../../../core/compare';
import type { AlertMatch } from '../../../core/alert-lookup';
import type { DocModel } from '../../../core/doc-model';
import type { SearchHit, SearchOptions } from '../../../core/search-index';
import { ContextKey, ViewId } from '../../command-ids';
import { docUri, relativePath } from '../../convert';
import type { Logger } from '../../logger';
import type { IndexListener } from '../../workspace-events';
import { FolderIndex } from './folder-index';

/** A document together with the workspace folder it belongs to. */
export interface DocRef {
  folder: vscode.WorkspaceFolder;
  doc: DocModel;
  uri: vscode.Uri;
}

/** The last build of every folder: when it ran (`performance.now()` of the extension host) and what it did. */
export interface IndexRun {
  startedAt: number;
  finishedAt: number;
  docs: number;
  parsed: number;
  fromCache: number;
}

/** A search hit with its folder and URI. */
export type WorkspaceHit = SearchHit & { folder: vscode.WorkspaceFolder; uri: vscode.Uri };
/** An alert match with its folder and URI. */
export type WorkspaceAlertMatch = AlertMatch & { folder: vscode.WorkspaceFolder; uri: vscode.Uri };

/**
 * The documents of every workspace folder. Indexing starts in the background; features call
 * `ready()` before answering. Fires `onDidChange` after builds and updates.
 */
export class RunbookIndex implements vscode.Disposable, IndexListener {
  private readonly folders = new Map<string, FolderIndex>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private building: Promise<void> = Promise.resolve();
  private abort: AbortController | undefined;
  private run: IndexRun | undefined;

  readonly onDidChange = this.changed.event;

  constructor(
    private readonly storageUri: vscode.Uri | undefined,
    private readonly logger: Logger,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rebuild()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('runbooks.index')) this.rebuild();
      }),
    );
  }

  /** True when a file at this path would be a document of the folder (from WorkspaceEvents). */
  isDocPath(folder: vscode.WorkspaceFolder, path: string): boolean {
    return this.folders.get(folder.uri.toString())?.isDocPath(path) ?? false;
  }

  /** A document was created, changed or deleted (from WorkspaceEvents): re-read it. */
  docChanged(folder: vscode.WorkspaceFolder, path: string): void {
    this.folders.get(folder.uri.toString())?.docChanged(path);
  }

  /** Something was deleted (from WorkspaceEvents): drop the documents at or under it. */
  pathDeleted(folder: vscode.WorkspaceFolder, path: string): void {
    this.folders.get(folder.uri.toString())?.pathDeleted(path);
  }

  /** Resolves when the current build and queued updates are done (never rejects). */
  async ready(): Promise<void> {
    await this.building;
    await Promise.all([...this.folders.values()].map((f) => f.idle()));
  }

  /** The last build that finished, for logs and benchmarks; undefined before the first. */
  get lastBuild(): IndexRun | undefined {
    return this.run;
  }

  /** (Re)creates the folder indexes and builds them in the background, with progress. */
  rebuild(): Promise<void> {
    this.abort?.abort(new Error('superseded by a newer build'));
    const abort = (this.abort = new AbortController());
    for (const folder of this.folders.values()) folder.dispose();
    this.folders.clear();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const index = new FolderIndex(folder, this.storageUri, this.logger);
      index.index.onDidChange(() => this.changed.fire());
      this.folders.set(folder.uri.toString(), index);
    }
    this.building = this.buildAll(abort.signal).catch((error) => {
      if (!abort.signal.aborted) {
        this.logger.error('Indexing runbooks', error);
        void vscode.window.showErrorMessage(`Indexing runbooks failed: ${(error as Error).message}`);
      }
    });
    return this.building;
  }

  private async buildAll(signal: AbortSignal): Promise<void> {
    const startedAt = performance.now();
    await vscode.commands.executeCommand('setContext', ContextKey.indexing, true);
    try {
      const folders = [...this.folders.values()];
      const progress = new Map<FolderIndex, { done: number; total: number }>();
      const stats = await vscode.window.withProgress({ location: { viewId: ViewId.tree } }, () =>
        vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Indexing runbooks' }, (report) =>
          Promise.all(
            folders.map((folder) =>
              folder.build(signal, (p) => {
                progress.set(folder, p);
                const done = [...progress.values()].reduce((n, x) => n + x.done, 0);
                const total = [...progress.values()].reduce((n, x) => n + x.total, 0);
                report.report({ message: `${done}/${total}` });
              }),
            ),
          ),
        ),
      );
      const sum = (key: 'total' | 'parsed' | 'fromCache') => stats.reduce((n, s) => n + s[key], 0);
      if (!signal.aborted) this.run = { startedAt, finishedAt: performance.now(), docs: sum('total'), parsed: sum('parsed'), fromCache: sum('fromCache') };
    } finally {
      if (!signal.aborted) {
        await vscode.commands.executeCommand('setContext', ContextKey.indexing, false);
        await vscode.commands.executeCommand('setContext', ContextKey.indexed, true);
      }
    }
  }

  /** Every indexed document of every folder. */
  docs(): DocRef[] {
    const refs: DocRef[] = [];
    for (const { folder, index } of this.folders.values()) {
      for (const doc of index.all()) refs.push({ folder, doc, uri: docUri(folder, doc.path) });
    }
    return refs;
  }

  /** The indexed document at a URI, or undefined. */
  docAt(uri: vscode.Uri): DocRef | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const entry = folder && this.folders.get(folder.uri.toString());
    const relative = folder && relativePath(folder, uri);
    const doc = relative ? entry?.index.get(relative) : undefined;
    return doc && folder ? { folder, doc, uri } : undefined;
  }

  /** Search across folders, best first. */
  find(query: string, options: SearchOptions = {}): WorkspaceHit[] {
    const hits: WorkspaceHit[] = [];
    for (const { folder, index } of this.folders.values()) {
      for (const hit of index.find(query, options)) hits.push({ ...hit, folder, uri: docUri(folder, hit.path) });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, options.limit ?? 20);
  }

  /** Documents for an alert across folders, best first. */
  findForAlert(alert: string): WorkspaceAlertMatch[] {
    const matches: WorkspaceAlertMatch[] = [];
    for (const { folder, index } of this.folders.values()) {
      for (const match of index.findForAlert(alert)) matches.push({ ...match, folder, uri: docUri(folder, match.path) });
    }
    return matches;
  }

  /** Alert names declared in front matter across folders, with the titles of the docs that declare them. */
  alerts(): Array<{ alert: string; titles: string[] }> {
    const byAlert = new Map<string, string[]>();
    for (const { index } of this.folders.values()) {
      for (const { alert, paths } of index.alerts()) {
        byAlert.set(alert, [...(byAlert.get(alert) ?? []), ...paths.map((p) => index.get(p)?.title ?? p)]);
      }
    }
    return [...byAlert].map(([alert, titles]) => ({ alert, titles })).sort((a, b) => compareForDisplay(a.alert, b.alert));
  }

  dispose(): void {
    this.abort?.abort(new Error('disposed'));
    for (const folder of this.folders.values()) folder.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
