import { findDocsForAlert, knownAlerts, type AlertMatch } from './alert-lookup';
import { compareCodeUnits } from './compare';
import type { DocModel } from './doc-model';
import { RuleId, type Finding } from './findings/finding';
import { inProcessParser } from './parse-bytes';
import { placeholderDoc } from './placeholder-doc';
import type { CachedDoc, DocParser, DocSource, FileStamp, IndexStore, PersistedIndex } from './ports';
import { DocSearch, type SearchHit, type SearchOptions } from './search-index';

/** Bump when `DocModel` or the search fields change shape: older caches are then ignored. */
export const INDEX_FORMAT_VERSION = 6;

/** Options for a `WorkspaceIndex`. */
export interface WorkspaceIndexOptions {
  /** Where to persist the index between starts; none means always cold. */
  store?: IndexStore;
  /** Files larger than this are listed with a finding but not parsed (default 10 MiB). */
  maxFileBytes?: number;
  /** How many files are read at once (default 16). */
  readConcurrency?: number;
  /** Parses file bytes (default: in-process). A worker pool keeps a big build off the host's thread. */
  parser?: DocParser;
  /** Builds with fewer files to parse than this use the in-process parser: threads cost a start-up (default 64). */
  parallelThreshold?: number;
}

/** Progress of a build: `done` of `total` files handled so far. */
export interface IndexProgress {
  done: number;
  total: number;
}

/** What one build did, for logs and benchmarks. */
export interface BuildStats {
  total: number;
  parsed: number;
  fromCache: number;
  removed: number;
  searchFromCache: boolean;
}

/** What changed in the index, for views that refresh. */
export interface IndexChange {
  /** Paths added, changed or removed; empty after a full build. */
  paths: string[];
  full: boolean;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The set of documents of one workspace root, kept current: a full build (reusing the persisted
 * parse of every unchanged file), then updates for single files. Offers full-text search and
 * alert lookup over the documents.
 */
export class WorkspaceIndex {
  private readonly docs = new Map<string, DocModel>();
  private readonly stamps = new Map<string, FileStamp>();
  private search: DocSearch = DocSearch.create((path) => this.docs.get(path));
  private readonly listeners = new Set<(change: IndexChange) => void>();
  /** Counts the changes of the index (builds, updates, removals); the store holds the state after `storedEdits` of them (-1: unknown). */
  private edits = 0;
  private storedEdits = -1;
  private readonly maxBytes: number;

  constructor(
    private readonly source: DocSource,
    private readonly options: WorkspaceIndexOptions = {},
  ) {
    this.maxBytes = options.maxFileBytes ?? DEFAULT_MAX_BYTES;
  }

  /** All documents, sorted by path. */
  all(): DocModel[] {
    return [...this.docs.values()].sort((a, b) => compareCodeUnits(a.path, b.path));
  }

  /** The document at a workspace-relative path, or undefined when it is not indexed. */
  get(path: string): DocModel | undefined {
    return this.docs.get(path);
  }

  get size(): number {
    return this.docs.size;
  }

  /** Calls `listener` after every build and update; returns a function that unsubscribes. */
  onDidChange(listener: (change: IndexChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Lists every document and brings the index up to date, reusing the persisted parse of files
   * whose mtime and size are unchanged. Rejects with the signal's reason when aborted.
   */
  async build(signal?: AbortSignal, onProgress?: (progress: IndexProgress) => void): Promise<BuildStats> {
    const persisted = await this.loadPersisted();
    const files = await this.source.list(signal);
    signal?.throwIfAborted();
    const stats: BuildStats = { total: files.length, parsed: 0, fromCache: 0, removed: 0, searchFromCache: false };
    const seen = new Set(files.map((f) => f.path));
    const next = new Map<string, DocModel>();
    const toParse: FileStamp[] = [];
    for (const file of files) {
      const cached = persisted?.docs[file.path];
      if (cached && cached.mtimeMs === file.mtimeMs && cached.size === file.size) {
        next.set(file.path, cached.doc);
        stats.fromCache++;
      } else toParse.push(file);
    }
    let done = stats.fromCache;
    onProgress?.({ done, total: files.length });
    const parser = toParse.length >= (this.options.parallelThreshold ?? 64) ? this.options.parser : undefined;
    try {
      await this.forEachConcurrently(toParse, signal, async (file) => {
        next.set(file.path, await this.load(file, parser));
        stats.parsed++;
        done++;
        if (done % 50 === 0 || done === files.length) onProgress?.({ done, total: files.length });
      });
    } finally {
      parser?.idle?.();
    }

    this.docs.clear();
    this.stamps.clear();
    for (const file of files) {
      this.docs.set(file.path, next.get(file.path)!);
      this.stamps.set(file.path, file);
    }
    stats.searchFromCache = this.rebuildSearch(persisted, toParse, seen);
    stats.removed = persisted ? Object.keys(persisted.docs).filter((p) => !seen.has(p)).length : 0;
    // The store holds this state already when everything, search included, came from it unchanged.
    this.edits++;
    if (persisted !== undefined && stats.parsed === 0 && stats.removed === 0 && stats.searchFromCache) this.storedEdits = this.edits;
    this.emit({ paths: [], full: true });
    return stats;
  }

  /**
   * Re-reads one file after it was created or changed. Returns the new model, or undefined when
   * the file is gone or no longer admitted (it is then removed from the index).
   */
  async update(path: string): Promise<DocModel | undefined> {
    const stamp = await this.source.stat(path);
    if (!stamp) {
      this.remove(path);
      return undefined;
    }
    const known = this.stamps.get(path);
    const current = this.docs.get(path);
    if (current && known && known.mtimeMs === stamp.mtimeMs && known.size === stamp.size) return current;
    const doc = await this.load(stamp);
    this.docs.set(path, doc);
    this.stamps.set(path, stamp);
    this.edits++;
    this.search.set(doc);
    this.emit({ paths: [path], full: false });
    return doc;
  }

  /** Forgets a deleted file. Returns false when it was not indexed. */
  remove(path: string): boolean {
    if (!this.docs.delete(path)) return false;
    this.stamps.delete(path);
    this.edits++;
    this.search.remove(path);
    this.emit({ paths: [path], full: false });
    return true;
  }

  /** Full-text search; see `DocSearch.search`. */
  find(query: string, options?: SearchOptions): SearchHit[] {
    return this.search.search(query, options);
  }

  /** Documents for an alert name; see `findDocsForAlert`. */
  findForAlert(alert: string): AlertMatch[] {
    return findDocsForAlert(this.docs.values(), alert);
  }

  /** Every alert named in front matter, with its documents. */
  alerts(): Array<{ alert: string; paths: string[] }> {
    return knownAlerts(this.docs.values());
  }

  /** Writes the current state to the store, if there is one and it does not hold that state already. */
  async persist(): Promise<void> {
    if (!this.options.store || this.storedEdits === this.edits) return;
    const edits = this.edits;
    const docs: Record<string, CachedDoc> = {};
    for (const [path, doc] of this.docs) {
      const stamp = this.stamps.get(path);
      if (stamp) docs[path] = { mtimeMs: stamp.mtimeMs, size: stamp.size, doc };
    }
    await this.options.store.save({ version: INDEX_FORMAT_VERSION, docs, search: this.search.toJSON() });
    this.storedEdits = edits;
  }

  private async loadPersisted(): Promise<PersistedIndex | undefined> {
    const persisted = await this.options.store?.load().catch(() => undefined);
    return persisted && persisted.version === INDEX_FORMAT_VERSION && persisted.docs ? persisted : undefined;
  }

  /** Restores the persisted search index and patches it, or builds a new one. True when restored. */
  private rebuildSearch(persisted: PersistedIndex | undefined, parsed: FileStamp[], seen: Set<string>): boolean {
    if (persisted?.search) {
      try {
        const search = DocSearch.fromJSON(persisted.search, (path) => this.docs.get(path));
        for (const path of Object.keys(persisted.docs)) if (!seen.has(path)) search.remove(path);
        for (const file of parsed) search.set(this.docs.get(file.path)!);
        if (search.size === this.docs.size) {
          this.search = search;
          return true;
        }
      } catch {
        // A damaged search index is rebuilt from the documents below; the documents are the truth.
      }
    }
    this.search = DocSearch.create((path) => this.docs.get(path));
    for (const doc of this.docs.values()) this.search.set(doc);
    return false;
  }

  private async load(file: FileStamp, parser: DocParser = inProcessParser): Promise<DocModel> {
    if (file.size > this.maxBytes) {
      return placeholderDoc(file.path, {
        ruleId: RuleId.docTooLarge,
        severity: 'info',
        message: `This file is ${(file.size / 1048576).toFixed(1)} MiB, over the ${(this.maxBytes / 1048576).toFixed(0)} MiB limit (setting runbooks.index.maxFileSizeMB); it is listed but not searched.`,
        line: 1,
      });
    }
    let bytes: Uint8Array;
    try {
      bytes = await this.source.read(file.path);
    } catch (error) {
      return placeholderDoc(file.path, {
        ruleId: RuleId.docUnreadable,
        severity: 'error',
        message: `Cannot read this file: ${(error as Error).message}.`,
        line: 1,
      });
    }
    const doc = await parser.parse(file.path, bytes);
    return file.nameNotUtf8 ? { ...doc, findings: [notUtf8Finding(file.path), ...doc.findings] } : doc;
  }

  private async forEachConcurrently(items: FileStamp[], signal: AbortSignal | undefined, work: (item: FileStamp) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        signal?.throwIfAborted();
        const item = items[next++]!;
        await work(item);
        // Parsing is synchronous: give the event loop a turn so the host stays responsive.
        if (next % 8 === 0) await new Promise<void>((resolve) => setTimeout(resolve, 0));
      }
    };
    const count = Math.max(1, Math.min(this.options.readConcurrency ?? 16, items.length));
    await Promise.all(Array.from({ length: count }, worker));
  }

  private emit(change: IndexChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

/** The finding on a doc whose file name is not UTF-8 (`path` shows the other bytes as `\xNN`). */
export function notUtf8Finding(path: string): Finding {
  return {
    ruleId: RuleId.pathNotUtf8,
    severity: 'warning',
    message: `This file name is not valid UTF-8 (shown here as \`${path}\`): links, git history and other tools cannot name it reliably. Rename it to a UTF-8 name.`,
    line: 1,
  };
}
