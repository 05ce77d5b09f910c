// What git's attributes for a path are read from, as keys that change when the files do: tells
// whether `check-attr` answers kept from an earlier run still hold, without a process.
import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { statKey, type IndexFacts } from './git-index-flags';

/**
 * Config naming an attributes source this module does not look at (a file anywhere, perhaps
 * outside the workspace, or a tree): with either set, answers are asked every run.
 */
const UNWATCHED_CONFIG = ['core.attributesfile', 'attr.tree'];

/**
 * A regular file's `statKey`, '-' when there is none; undefined when it cannot be told or is
 * something else (a folder, a link when not followed). Synchronous, as all stats here: a few
 * hundred cost the thread ~2 ms, their promises many turns of a busy event loop.
 */
export function fileKey(file: string, follow: boolean): string | undefined {
  try {
    const stat = follow ? statSync(file, { bigint: true }) : lstatSync(file, { bigint: true });
    return stat.isFile() ? statKey(stat) : undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? '-' : undefined;
  }
}

/**
 * Where git may keep its system attributes file (`$(sysconfdir)/gitattributes`): `/etc`, and the
 * `etc` beside the folder of the first `git` on `PATH` (as found, and with links resolved).
 */
export function systemAttributeFiles(pathVariable: string | undefined): string[] {
  const out = new Set([path.join(path.sep, 'etc', 'gitattributes')]);
  const name = process.platform === 'win32' ? 'git.exe' : 'git';
  for (const dir of (pathVariable ?? '').split(path.delimiter)) {
    const bin = dir ? path.join(dir, name) : '';
    if (!bin || !existsSync(bin)) continue;
    out.add(path.join(dir, '..', 'etc', 'gitattributes'));
    try {
      out.add(path.join(realpathSync(bin), '..', '..', 'etc', 'gitattributes'));
    } catch {
      // The unresolved place is kept.
    }
    break;
  }
  return [...out];
}

/**
 * A key of every attributes source outside the work tree's `.gitattributes`: the config (all of
 * it: `core.ignorecase` changes how patterns match), `$GIT_DIR/info/attributes` (`infoFile`), the
 * user's file (`$XDG_CONFIG_HOME/git/attributes`, else `$HOME/.config/git/attributes`) and the
 * system's (`systemFiles`). Undefined when one cannot be told, or the config names a source not
 * looked at here (`core.attributesFile`, `attr.tree`): answers are then not kept.
 */
export function attributeSourcesKey(config: Map<string, string[]>, infoFile: string | undefined, env: Record<string, string>, systemFiles: string[]): string | undefined {
  if (infoFile === undefined || UNWATCHED_CONFIG.some((key) => config.has(key))) return undefined;
  const user = env.XDG_CONFIG_HOME ? path.join(env.XDG_CONFIG_HOME, 'git', 'attributes') : env.HOME ? path.join(env.HOME, '.config', 'git', 'attributes') : undefined;
  if (user === undefined) return undefined;
  const files = [infoFile, user, ...systemFiles];
  const keys = files.map((file) => fileKey(file, true));
  return keys.includes(undefined) ? undefined : JSON.stringify([[...config], files, keys]);
}

/** The folders whose `.gitattributes` apply to `file` (top-relative): the top ('') and each folder down to the file's. */
export function foldersAbove(file: string): string[] {
  const parts = file.split('/').slice(0, -1);
  return ['', ...parts.map((_, i) => parts.slice(0, i + 1).join('/'))];
}

/**
 * Per folder (top-relative, '' for the top), a key of the `.gitattributes` git reads there: the
 * working tree's file, else the index's entries for it (`facts`). Undefined for a folder below a
 * symbolic link or a `.gitattributes` that is not a regular file (not looked into: it may lead
 * outside the workspace).
 */
export function folderKeys(top: string, folders: string[], facts: IndexFacts): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  // Top down (shorter first), so no folder below a link is looked into.
  for (const folder of [...new Set(folders)].sort((a, b) => a.length - b.length)) {
    const parent = folder.includes('/') ? folder.slice(0, folder.lastIndexOf('/')) : '';
    if (folder !== '' && out.has(parent) && out.get(parent) === undefined) {
      out.set(folder, undefined);
      continue;
    }
    const absolute = path.join(top, ...folder.split('/').filter(Boolean));
    let kind: 'dir' | 'none' | undefined = 'dir';
    if (folder !== '') {
      try {
        const stat = lstatSync(absolute);
        kind = stat.isDirectory() ? 'dir' : stat.isSymbolicLink() ? undefined : 'none';
      } catch {
        kind = 'none';
      }
    }
    const working = kind === 'dir' ? fileKey(path.join(absolute, '.gitattributes'), false) : kind === 'none' ? '-' : undefined;
    out.set(folder, working === '-' ? `-${facts.attributes.get(folder === '' ? '.gitattributes' : `${folder}/.gitattributes`) ?? ''}` : working);
  }
  return out;
}
