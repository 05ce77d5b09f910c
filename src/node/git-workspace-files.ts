import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { simpleGit } from 'simple-git';
import { DEFAULT_EXCLUDE } from '../core/doc-filter';
import type { WorkspaceFiles } from '../core/staleness/ports';
import { SAFE_GIT_CONFIG, SIMPLE_GIT_UNSAFE } from './safe-git';

/** `paths` sorted by code unit, in place. */
const sorted = (paths: string[]): string[] => paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Walking a folder that is not a repository stops after this many files. */
const MAX_WALKED_FILES = 200_000;

/**
 * The files of a workspace root as the staleness rules see them: in a git work tree, what
 * `git ls-files --cached --others --exclude-standard` lists (tracked and untracked, not ignored),
 * minus files deleted from the working tree; elsewhere, a walk that skips dependency and build
 * folders. Reads stay inside the root and never follow a symbolic link out of it.
 */
export class GitWorkspaceFiles implements WorkspaceFiles {
  private readonly root: string;
  private readonly env: Record<string, string>;

  /** `useGit: false` lists by walking the folder and never starts git (Restricted Mode). */
  constructor(
    root: string,
    env: Record<string, string | undefined>,
    private readonly options: { useGit?: boolean } = {},
  ) {
    this.root = path.resolve(root);
    this.env = {};
    for (const key of ['PATH', 'Path', 'HOME', 'USERPROFILE', 'SYSTEMROOT', 'SystemRoot', 'TMPDIR', 'TEMP', 'TMP', 'XDG_CONFIG_HOME', 'APPDATA']) {
      if (env[key] !== undefined) this.env[key] = env[key]!;
    }
  }

  async list(signal?: AbortSignal): Promise<string[]> {
    return (await this.gitList(signal)) ?? sorted(await this.walk(signal));
  }

  async gitList(signal?: AbortSignal): Promise<string[] | undefined> {
    const fromGit = this.options.useGit === false ? undefined : await this.listFromGit(signal).catch((error: unknown) => {
      if (signal?.aborted) throw error;
      return undefined;
    });
    return fromGit && sorted(fromGit);
  }

  /** The root folder's name and, in a git work tree, the repository name of the `origin` remote's URL. */
  async repositoryNames(): Promise<string[]> {
    const names = [path.basename(this.root)];
    if (this.options.useGit === false) return names;
    const url = await simpleGit({ baseDir: this.root, config: [...SAFE_GIT_CONFIG], unsafe: SIMPLE_GIT_UNSAFE }).env(this.env).raw(['config', '--get', 'remote.origin.url']).catch(() => '');
    const name = url.trim().replace(/[/\\]+$/, '').replace(/\.git$/, '').split(/[/:]/).pop();
    return name && !names.includes(name) ? [...names, name] : names;
  }

  async read(relative: string, maxBytes = Number.POSITIVE_INFINITY): Promise<string | undefined> {
    const absolute = path.resolve(this.root, ...relative.split('/'));
    if (absolute !== this.root && !absolute.startsWith(this.root + path.sep)) return undefined;
    try {
      const real = await fs.realpath(absolute);
      const realRoot = await fs.realpath(this.root);
      if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return undefined;
      const stat = await fs.stat(real);
      if (!stat.isFile() || stat.size > maxBytes) return undefined;
      return await fs.readFile(real, 'utf8');
    } catch {
      return undefined;
    }
  }

  async filesContaining(word: string, extensions?: string[], signal?: AbortSignal): Promise<string[] | undefined> {
    if (this.options.useGit === false) return undefined;
    if (!/^[\w-]+$/.test(word) || (extensions && !extensions.every((e) => /^\.[\w-]+$/.test(e)))) return undefined;
    const specs = extensions ? extensions.map((e) => `*${e}`) : ['.'];
    const git = simpleGit({ baseDir: this.root, config: ['core.quotePath=false', ...SAFE_GIT_CONFIG], unsafe: SIMPLE_GIT_UNSAFE, ...(signal ? { abort: signal } : {}) }).env(this.env);
    try {
      // Exit status 1 means "no match": simple-git rejects it, so it is told apart from real failures by its output.
      const out = await git.raw(['grep', '-z', '-l', '-I', '-i', '-F', '--untracked', '-e', word, '--', ...specs]);
      return out.split('\0').filter(Boolean);
    } catch (error) {
      signal?.throwIfAborted();
      return /^\s*$/.test((error as Error).message) ? [] : undefined;
    }
  }

  private async listFromGit(signal?: AbortSignal): Promise<string[]> {
    const git = simpleGit({ baseDir: this.root, config: ['core.quotePath=false', ...SAFE_GIT_CONFIG], unsafe: SIMPLE_GIT_UNSAFE, ...(signal ? { abort: signal } : {}) }).env(this.env);
    // One process: `-t` tags each entry (H tracked, R deleted from the work tree, ? untracked), so
    // tracked files deleted in the work tree can be left out. (Two processes cost more, and
    // simple-git waits 50 ms after a process that printed nothing, which `--deleted` usually is.)
    const out = await git.raw(['ls-files', '-z', '-t', '--cached', '--deleted', '--others', '--exclude-standard']);
    const present = new Set<string>();
    const gone = new Set<string>();
    for (const entry of out.split('\0')) {
      if (entry.length < 3) continue;
      const path = entry.slice(2);
      if (entry[0] === 'R') gone.add(path);
      else present.add(path);
    }
    return [...present].filter((p) => !gone.has(p));
  }

  private async walk(signal?: AbortSignal): Promise<string[]> {
    const excluded = picomatch(DEFAULT_EXCLUDE, { dot: true });
    const found: string[] = [];
    const visit = async (dir: string): Promise<void> => {
      signal?.throwIfAborted();
      if (found.length >= MAX_WALKED_FILES) return;
      let entries;
      try {
        entries = await fs.readdir(dir ? path.join(this.root, dir) : this.root, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const relative = dir ? `${dir}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (entry.name !== '.git' && !excluded(`${relative}/`) && !excluded(`${relative}/x`)) await visit(relative);
        } else if (entry.isFile() && !excluded(relative)) found.push(relative);
      }
    };
    await visit('');
    return found;
  }
}
