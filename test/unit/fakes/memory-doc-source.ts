import type { DocSource, FileStamp } from '../../../src/core/ports';

interface MemoryFile {
  bytes: Uint8Array;
  mtimeMs: number;
}

/**
 * An in-memory `DocSource`: a map of workspace-relative path to content and mtime. Counts reads
 * per path so tests can tell whether the index re-read a file.
 */
export class MemoryDocSource implements DocSource {
  private readonly files = new Map<string, MemoryFile>();
  /** How many times `read` was called, per path. */
  readonly reads = new Map<string, number>();
  /** Called at the start of every `read`, before the bytes are returned. */
  onRead: ((path: string) => void) | undefined;

  constructor(files: Record<string, { text: string | Uint8Array; mtimeMs: number }> = {}) {
    for (const [path, file] of Object.entries(files)) this.set(path, file.text, file.mtimeMs);
  }

  /** Creates or replaces a file. */
  set(path: string, text: string | Uint8Array, mtimeMs: number): void {
    this.files.set(path, { bytes: typeof text === 'string' ? new TextEncoder().encode(text) : text, mtimeMs });
  }

  delete(path: string): void {
    this.files.delete(path);
  }

  /** Total reads over all paths. */
  get readCount(): number {
    let total = 0;
    for (const count of this.reads.values()) total += count;
    return total;
  }

  async list(signal?: AbortSignal): Promise<FileStamp[]> {
    signal?.throwIfAborted();
    return [...this.files.keys()].sort().map((path) => this.stampOf(path)!);
  }

  async stat(path: string): Promise<FileStamp | undefined> {
    return this.stampOf(path);
  }

  async read(path: string): Promise<Uint8Array> {
    this.reads.set(path, (this.reads.get(path) ?? 0) + 1);
    this.onRead?.(path);
    const file = this.files.get(path);
    if (!file) throw new Error(`ENOENT: ${path}`);
    return file.bytes;
  }

  private stampOf(path: string): FileStamp | undefined {
    const file = this.files.get(path);
    return file ? { path, mtimeMs: file.mtimeMs, size: file.bytes.byteLength } : undefined;
  }
}
