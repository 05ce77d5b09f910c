import { lstatSync, promises as fs, readFileSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import type { BlobContent } from '../core/staleness/ports';
import { looksBinary } from './cat-file-batch';

/**
 * Reads files below `root` (root-relative posix paths) as they are on disk, for use as their
 * committed content. Undefined for symbolic links (the file or a folder above it: git holds a path
 * there, not this content), files over `maxBytes` (only blob ids tell whether those changed) and
 * files that cannot be read. Small files are read synchronously in slices of a few milliseconds:
 * for thousands of them the promise API costs this thread several times more (five calls a file)
 * than the reads themselves, and the thread is parsing the history pass meanwhile.
 */
export async function readFromDisk(root: string, paths: string[], maxBytes: number, signal?: AbortSignal): Promise<Array<BlobContent | undefined>> {
  const out: Array<BlobContent | undefined> = new Array(paths.length).fill(undefined);
  const realRoot = await fs.realpath(root).catch(() => undefined);
  if (!realRoot) return out;
  const realDirs = new Map<string, boolean>();
  const dirIsReal = (relativeDir: string): boolean => {
    let real = realDirs.get(relativeDir);
    if (real === undefined) {
      const parts = relativeDir.split('/').filter(Boolean);
      try {
        real = realpathSync.native(path.join(root, ...parts)) === path.join(realRoot, ...parts);
      } catch {
        real = false;
      }
      realDirs.set(relativeDir, real);
    }
    return real;
  };
  let sliceStart = Date.now();
  for (let i = 0; i < paths.length; i++) {
    if (Date.now() - sliceStart > 4) {
      await new Promise((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
      sliceStart = Date.now();
    }
    const p = paths[i]!;
    const slash = p.lastIndexOf('/');
    if (!dirIsReal(slash < 0 ? '' : p.slice(0, slash))) continue;
    const absolute = path.join(root, ...p.split('/'));
    try {
      const stat = lstatSync(absolute);
      if (!stat.isFile() || stat.size > maxBytes) continue;
      const content = readFileSync(absolute);
      out[i] = { oid: `worktree:${p}`, size: content.length, ...(looksBinary(content) ? { binary: true } : { text: content.toString('utf8') }) };
    } catch {
      // Unreadable: git is asked instead.
    }
  }
  return out;
}
