import type { DocModel } from './doc-model';

export type { CommandFailure, SandboxReport, ShellOutcome, ShellRequest, ShellRunner } from './shell-port';

/** What the index needs to know about a file to decide whether its cached parse is still good. */
export interface FileStamp {
  /** Workspace-relative posix path. */
  path: string;
  mtimeMs: number;
  size: number;
  /** The file's name on disk is not UTF-8: `path` shows the other bytes as `\xNN` (see `decodeFileName`). */
  nameNotUtf8?: boolean;
}

/** Lists and reads the markdown documents of one workspace root. Implemented in `src/node`. */
export interface DocSource {
  /** Every document the filter admits, with its stamp. Honours the signal between directories. */
  list(signal?: AbortSignal): Promise<FileStamp[]>;
  /** The stamp of one file, or undefined when it does not exist or the filter does not admit it. */
  stat(path: string): Promise<FileStamp | undefined>;
  /** The bytes of one file. Rejects when it cannot be read. */
  read(path: string): Promise<Uint8Array>;
}

/** One cached document: the stamp it was parsed at and the result. */
export interface CachedDoc {
  mtimeMs: number;
  size: number;
  doc: DocModel;
}

/** The persisted index: parsed documents keyed by path, and the search index built from them. */
export interface PersistedIndex {
  /** Bumped whenever the model or the search fields change shape; a mismatch discards the cache. */
  version: number;
  docs: Record<string, CachedDoc>;
  /** MiniSearch JSON for exactly the documents in `docs`. */
  search?: string;
}

/** Where the persisted index lives (a file in the extension's storage, or the CLI's cache folder). */
export interface IndexStore {
  /** The stored index, or undefined when there is none or it cannot be read. */
  load(): Promise<PersistedIndex | undefined>;
  save(index: PersistedIndex): Promise<void>;
}

/** Turns a file's bytes into a model. The default parses in-process; `src/node` offers a worker pool. */
export interface DocParser {
  parse(path: string, bytes: Uint8Array): Promise<DocModel>;
  /** Called once a build has parsed everything, so a pool can release its threads. */
  idle?(): void;
}
