import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * The root for a runbook named on the command line without `--root`, as git finds a repository:
 * `defaultRoot` when the file lies inside it; else the nearest folder above the file that holds a
 * `.git` entry (the file's repository top level); else the file's own folder. Only looks for
 * `.git` entries: runs nothing and reads no repository config.
 */
export async function rootForDoc(docPath: string, defaultRoot: string): Promise<string> {
  const absolute = path.resolve(defaultRoot, docPath);
  const relative = path.relative(defaultRoot, absolute);
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) return defaultRoot;
  const folder = path.dirname(absolute);
  for (let dir = folder; ; dir = path.dirname(dir)) {
    if (await fs.lstat(path.join(dir, '.git')).then(() => true, () => false)) return dir;
    if (path.dirname(dir) === dir) return folder;
  }
}
