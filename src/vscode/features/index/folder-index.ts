import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import picomatch from 'picomatch';
import { DEFAULT_INCLUDE } from '../../../core/doc-filter';
import type { BuildStats, IndexProgress } from '../../../core/workspace-index';
import { WorkspaceIndex } from '../../../core/workspace-index';
import { JsonIndexStore } from '../../../node/json-index-store';
import { NodeDocSource } from '../../../node/node-doc-source';
import { WorkerPoolParser } from '../../../node/worker-pool-parser';
import type { Logger } from '../../logger';
import { indexSettings } from '../../settings';

const UPDATE_DELAY_MS = 150;
const PERSIST_DELAY_MS = 3000;

/**
 * The index of one workspace folder: built in the background, kept current from the file events
 * WorkspaceEvents routes to it (batched), and persisted to the extension's workspace storage so the next start is warm.
 */
export class FolderIndex implements vscode.Disposable {
  readonly index: WorkspaceIndex;
  private readonly parser: WorkerPoolParser;
  private readonly includes: (path: string) => boolean;
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

    // The same include globs, matched the same way, as the document filter.
    this.includes = picomatch(settings.include.length ? settings.include : DEFAULT_INCLUDE, { dot: true, nocase: false });
  }

  /** True when a file at this workspace-relative path would be a document by the include globs (the filter decides the rest on update). */
  isDocPath(relative: string): boolean {
    return this.includes(relative);
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

  /** A document was created, changed or deleted: re-read it with the next batch (from WorkspaceEvents). */
  docChanged(relative: string): void {
    if (!relative) return;
    this.pending.add(relative);
    this.armUpdate();
  }

  /** Something was deleted, maybe a folder (deleting or renaming one reports only the folder): drop the docs under it. */
  pathDeleted(relative: string): void {
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
  }
}

function cacheFile(storageUri: vscode.Uri, folder: vscode.WorkspaceFolder): string {
  const key = createHash('sha256').update(folder.uri.toString()).digest('hex').slice(0, 16);
  return path.join(storageUri.fsPath, `index-${key}.json`);
}
