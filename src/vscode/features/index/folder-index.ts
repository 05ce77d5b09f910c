import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BuildStats, IndexProgress } from '../../../core/workspace-index';
import { WorkspaceIndex } from '../../../core/workspace-index';
import { JsonIndexStore } from '../../../node/json-index-store';
import { NodeDocSource } from '../../../node/node-doc-source';
import { WorkerPoolParser } from '../../../node/worker-pool-parser';
import { relativePath } from '../../convert';
import type { Logger } from '../../logger';
import { indexSettings } from '../../settings';

const UPDATE_DELAY_MS = 150;
const PERSIST_DELAY_MS = 3000;

/**
 * The index of one workspace folder: built in the background, kept current from file-system
 * events (batched), and persisted to the extension's workspace storage so the next start is warm.
 */
export class FolderIndex implements vscode.Disposable {
  readonly index: WorkspaceIndex;
  private readonly parser: WorkerPoolParser;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly pending = new Set<string>();
  private readonly deletedDirs = new Set<string>();
  private updateTimer: NodeJS.Timeout | undefined;
  private persistTimer: NodeJS.Timeout | undefined;
  /** Serialises builds and updates so an update never races a build. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly folder: vscode.WorkspaceFolder,
    storageUri: vscode.Uri | undefined,
    private readonly logger: Logger,
  ) {
    const settings = indexSettings(folder);
    const source = new NodeDocSource(folder.uri.fsPath, settings);
    const store = storageUri?.scheme === 'file' ? new JsonIndexStore(cacheFile(storageUri, folder)) : undefined;
    this.parser = new WorkerPoolParser();
    this.index = new WorkspaceIndex(source, { maxFileBytes: settings.maxFileBytes, parser: this.parser, ...(store ? { store } : {}) });

    const include = settings.include.length === 1 ? settings.include[0]! : `{${settings.include.join(',')}}`;
    const docs = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, include));
    // Deleting or renaming a folder reports only the folder: watch every deletion to catch those.
    const deletions = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'), true, true, false);
    this.disposables.push(
      docs,
      deletions,
      docs.onDidCreate((uri) => this.schedule(uri)),
      docs.onDidChange((uri) => this.schedule(uri)),
      docs.onDidDelete((uri) => this.schedule(uri)),
      deletions.onDidDelete((uri) => this.scheduleDeletedDir(uri)),
    );
  }

  /** Builds the whole folder; resolves with what was done. */
  build(signal: AbortSignal, onProgress: (progress: IndexProgress) => void): Promise<BuildStats> {
    const run = this.queue.then(async () => {
      const started = Date.now();
      const stats = await this.index.build(signal, onProgress);
      if (this.parser.fallbackReason) this.logger.info(`Parsed on the extension host's thread: ${this.parser.fallbackReason}.`);
      this.logger.info(
        `Indexed ${stats.total} docs in ${this.folder.name} in ${Date.now() - started} ms (${stats.parsed} parsed, ${stats.fromCache} from cache${stats.searchFromCache ? ', search index from cache' : ''}).`,
      );
      this.schedulePersist();
      return stats;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves when every queued build and update has finished. */
  idle(): Promise<void> {
    return this.flush().then(() => this.queue.then(() => undefined));
  }

  private schedule(uri: vscode.Uri): void {
    const relative = relativePath(this.folder, uri);
    if (!relative) return;
    this.pending.add(relative);
    this.armUpdate();
  }

  private scheduleDeletedDir(uri: vscode.Uri): void {
    const relative = relativePath(this.folder, uri);
    if (!relative) return;
    this.deletedDirs.add(relative);
    this.armUpdate();
  }

  private armUpdate(): void {
    clearTimeout(this.updateTimer);
    this.updateTimer = setTimeout(() => void this.flush(), UPDATE_DELAY_MS);
  }

  private flush(): Promise<void> {
    clearTimeout(this.updateTimer);
    this.updateTimer = undefined;
    const paths = [...this.pending];
    const dirs = [...this.deletedDirs];
    this.pending.clear();
    this.deletedDirs.clear();
    if (paths.length === 0 && dirs.length === 0) return Promise.resolve();
    const run = this.queue.then(async () => {
      for (const dir of dirs) {
        for (const doc of this.index.all()) if (doc.path.startsWith(`${dir}/`)) this.index.remove(doc.path);
      }
      for (const relative of paths) await this.index.update(relative);
      this.schedulePersist();
    });
    this.queue = run.catch((error) => this.logger.error(`Updating the index of ${this.folder.name}`, error));
    return this.queue.then(() => undefined);
  }

  private schedulePersist(): void {
    clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => {
      this.index.persist().catch((error) => this.logger.error('Saving the index cache', error));
    }, PERSIST_DELAY_MS);
  }

  dispose(): void {
    this.parser.stop();
    clearTimeout(this.updateTimer);
    clearTimeout(this.persistTimer);
    for (const d of this.disposables) d.dispose();
  }
}

function cacheFile(storageUri: vscode.Uri, folder: vscode.WorkspaceFolder): string {
  const key = createHash('sha256').update(folder.uri.toString()).digest('hex').slice(0, 16);
  return path.join(storageUri.fsPath, `index-${key}.json`);
}
