import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DocFilter, type DocFilterOptions } from '../core/doc-filter';
import { decodeFileName } from '../core/path-bytes';
import type { DocSource, FileStamp } from '../core/ports';

/**
 * Lists and reads the documents below one root folder on disk. Walks the tree once, skipping
 * excluded and git-ignored directories without entering them. Never follows a symbolic link to a
 * directory, and never reads a linked file whose real path is outside the root. A file or folder
 * whose name is not UTF-8 is listed under its name with the other bytes shown as `\xNN` (see
 * `decodeFileName`; its stamp says `nameNotUtf8`) and read by its bytes; a symbolic link with
 * such a name is not followed.
 */
export class NodeDocSource implements DocSource {
  private filter: DocFilter;
  private readonly root: string;
  /** Escaped relative path → the absolute path as bytes, for names (or folders above them) that are not UTF-8. */
  private readonly raw = new Map<string, Buffer>();

  constructor(root: string, private readonly filterOptions: DocFilterOptions) {
    this.root = path.resolve(root);
    this.filter = new DocFilter(filterOptions);
  }

  async list(signal?: AbortSignal): Promise<FileStamp[]> {
    this.filter = new DocFilter(this.filterOptions);
    this.raw.clear();
    const found: Array<FileStamp & { aliasOf?: string }> = [];
    await this.walk('', found, signal);
    const paths = new Set(found.map((f) => f.path));
    return found
      .filter((f) => f.aliasOf === undefined || !paths.has(f.aliasOf))
      .map(({ aliasOf: _, ...stamp }) => stamp)
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /**
   * A symbolic link to a file that is itself a document (`CLAUDE.md` → `AGENTS.md`) is that document,
   * listed once under its own path: it has no stamp of its own.
   */
  async stat(relative: string): Promise<FileStamp | undefined> {
    const stamp = await this.statEntry(relative);
    if (stamp?.aliasOf !== undefined && (await this.statEntry(stamp.aliasOf)) !== undefined) return undefined;
    if (!stamp) return undefined;
    const { aliasOf: _, ...own } = stamp;
    return own;
  }

  /** The stamp of a path, with the workspace-relative path of the file it links to when it is a symbolic link. */
  private async statEntry(relative: string): Promise<(FileStamp & { aliasOf?: string }) | undefined> {
    const raw = this.raw.get(relative);
    if (raw) return this.statRaw(relative, raw);
    const absolute = this.resolveInside(relative);
    if (!absolute || !this.filter.admitsFile(relative) || !this.parentsAdmitted(relative)) return undefined;
    try {
      const link = await fs.lstat(absolute);
      if (!link.isSymbolicLink()) return link.isFile() ? { path: relative, mtimeMs: link.mtimeMs, size: link.size } : undefined;
      const target = await this.realRelative(absolute);
      if (target === undefined) return undefined;
      const stat = await fs.stat(absolute);
      return stat.isFile() ? { path: relative, mtimeMs: stat.mtimeMs, size: stat.size, aliasOf: target } : undefined;
    } catch {
      return undefined;
    }
  }

  async read(relative: string): Promise<Uint8Array> {
    const raw = this.raw.get(relative);
    if (raw) {
      if (!(await fs.lstat(raw)).isFile()) throw new Error(`${relative} is not a regular file`);
      return fs.readFile(raw);
    }
    const absolute = this.resolveInside(relative);
    if (!absolute) throw new Error(`${relative} is outside the workspace`);
    if ((await fs.lstat(absolute)).isSymbolicLink() && !(await this.realPathInside(absolute))) {
      throw new Error(`${relative} links to a file outside the workspace`);
    }
    return fs.readFile(absolute);
  }

  private async walk(dir: string, found: Array<FileStamp & { aliasOf?: string }>, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const rawDir = this.raw.get(dir);
    const absoluteDir = rawDir ?? (dir ? path.join(this.root, dir) : this.root);
    let entries: Array<{ name: string; isDirectory(): boolean; isFile(): boolean; isSymbolicLink(): boolean }>;
    try {
      entries = rawDir ? await this.rawEntries(dir, rawDir) : await fs.readdir(absoluteDir, { withFileTypes: true });
      // A name that is not UTF-8 came back with U+FFFD: read the folder again as bytes.
      if (!rawDir && entries.some((e) => e.name.includes('\uFFFD'))) entries = await this.rawEntries(dir, absoluteDir);
    } catch {
      return; // A folder we may not read is not a folder of documents.
    }
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      const ignoreFile = rawDir ? Buffer.concat([rawDir, Buffer.from(`${path.sep}.gitignore`)]) : path.join(absoluteDir as string, '.gitignore');
      const content = await fs.readFile(ignoreFile, 'utf8').catch(() => '');
      this.filter.addIgnoreFile(dir, content);
    }
    const subdirs: string[] = [];
    const files: Array<Promise<void>> = [];
    for (const entry of entries) {
      const relative = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== '.git' && this.filter.admitsDir(relative)) subdirs.push(relative);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && this.filter.admitsFile(relative)) {
        files.push(
          this.statEntry(relative).then((stamp) => {
            if (stamp) found.push(stamp);
          }),
        );
      }
    }
    await Promise.all(files);
    for (const subdir of subdirs) await this.walk(subdir, found, signal);
  }

  /** The entries of a folder read as bytes; each name that is not UTF-8 (or is below such a folder) is remembered by its escaped path. */
  private async rawEntries(dir: string, absoluteDir: string | Buffer) {
    const base = Buffer.isBuffer(absoluteDir) ? absoluteDir : Buffer.from(absoluteDir);
    const entries = await fs.readdir(base, { withFileTypes: true, encoding: 'buffer' });
    return entries.map((entry) => {
      const decoded = decodeFileName(entry.name);
      const relative = dir ? `${dir}/${decoded.name}` : decoded.name;
      if (!decoded.utf8 || this.raw.has(dir)) this.raw.set(relative, Buffer.concat([base, Buffer.from(path.sep), entry.name]));
      return {
        name: decoded.name,
        isDirectory: () => entry.isDirectory(),
        isFile: () => entry.isFile(),
        // Never followed: the boundary checks of links work on text paths.
        isSymbolicLink: () => false,
      };
    });
  }

  private async statRaw(relative: string, raw: Buffer): Promise<FileStamp | undefined> {
    if (!this.filter.admitsFile(relative) || !this.parentsAdmitted(relative)) return undefined;
    try {
      const stat = await fs.lstat(raw);
      return stat.isFile() ? { path: relative, mtimeMs: stat.mtimeMs, size: stat.size, nameNotUtf8: true } : undefined;
    } catch {
      return undefined;
    }
  }

  private parentsAdmitted(relative: string): boolean {
    const parts = relative.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (parts[i - 1] === '.git' || !this.filter.admitsDir(dir)) return false;
    }
    return true;
  }

  /** The absolute path of a workspace-relative one, or undefined when it would leave the root. */
  private resolveInside(relative: string): string | undefined {
    const absolute = path.resolve(this.root, relative);
    return absolute === this.root || absolute.startsWith(this.root + path.sep) ? absolute : undefined;
  }

  private realRoot: Promise<string> | undefined;

  private async realPathInside(absolute: string): Promise<boolean> {
    return (await this.realRelative(absolute)) !== undefined;
  }

  /** The workspace-relative posix path a link resolves to, or undefined when it resolves outside the root (or nowhere). */
  private async realRelative(absolute: string): Promise<string | undefined> {
    try {
      this.realRoot ??= fs.realpath(this.root);
      const [real, realRoot] = await Promise.all([fs.realpath(absolute), this.realRoot]);
      return real.startsWith(realRoot + path.sep) ? real.slice(realRoot.length + 1).split(path.sep).join('/') : undefined;
    } catch {
      return undefined;
    }
  }
}
