import { execFile } from 'node:child_process';
import { safeGitArgs } from './safe-git';
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseIncident, pickActiveIncident } from '../core/incident/incident-parser';
import { incidentFileName, renderIncident } from '../core/incident/incident-template';
import { isPostmortemFileName, postmortemFileName, renderPostmortem } from '../core/incident/postmortem';
import { markResolved } from '../core/incident/resolve';
import { formatStatus, type EntryOptions } from '../core/incident/timeline';
import type { IncidentFiles, ResolveResult } from '../core/incident/incident-log';
import type { IncidentFile, IncidentMeta } from '../core/incident/types';
import { redactSecrets } from '../core/redact';
import { withFileLock, type FileLockOptions } from './incident-lock';

/** Options of {@link IncidentStore}. */
export interface IncidentStoreOptions extends EntryOptions {
  lock?: FileLockOptions;
}

export type { ResolveResult };

/** An incident file given as parsed, or by its workspace-relative (or absolute) path. */
export type IncidentRef = IncidentFile | string;

/**
 * The incident files of one folder. Data is never lost: files are created with O_EXCL (never
 * overwritten), timeline entries are appended under a per-file lock with one write on an
 * O_APPEND descriptor followed by fsync, and the only rewrite (the front matter edit on resolve) is
 * a minimal line edit written to a temporary file, fsynced and renamed over the original, and
 * only if the file did not change since it was read.
 */
export class IncidentStore implements IncidentFiles {
  /**
   * @param incidentsDir absolute path of the incidents folder (created on first `create`)
   * @param root absolute path of the workspace root; paths in results are relative to it, posix
   */
  constructor(
    readonly incidentsDir: string,
    readonly root: string,
    private readonly options: IncidentStoreOptions = {},
  ) {}

  /** The absolute path of an incident. */
  absolutePath(file: IncidentRef): string {
    const p = typeof file === 'string' ? file : file.path;
    return path.isAbsolute(p) ? p : path.resolve(this.root, ...p.split('/'));
  }

  /** The workspace-relative posix path of an absolute path. */
  relativePath(absolute: string): string {
    return path.relative(this.root, absolute).split(path.sep).join('/');
  }

  /**
   * Creates the incident file `YYYY-MM-DD-<slug>.md` (`-2`, `-3`, … when the name is taken; an
   * existing file is never overwritten) from the template. The `id` written is the file's stem,
   * whatever `meta.id` says. Returns the workspace-relative path.
   */
  async create(meta: IncidentMeta): Promise<string> {
    await fs.mkdir(this.incidentsDir, { recursive: true });
    const base = incidentFileName(new Date(meta.started), meta.title, this.options.redactionPatterns).replace(/\.md$/, '');
    for (let n = 1; n < 10_000; n++) {
      const stem = n === 1 ? base : `${base}-${n}`;
      const absolute = path.join(this.incidentsDir, `${stem}.md`);
      if (await createExclusive(absolute, renderIncident({ ...meta, id: stem }, this.options))) {
        await syncDir(this.incidentsDir);
        return this.relativePath(absolute);
      }
    }
    throw new Error(`Could not find a free file name for "${redactSecrets(meta.title, this.options.redactionPatterns).text}" in ${this.incidentsDir}.`);
  }

  /** Every incident file of the folder (`*.md` except postmortem drafts), parsed, sorted by path. Empty when the folder does not exist. */
  async list(): Promise<IncidentFile[]> {
    let names: string[];
    try {
      const entries = await fs.readdir(this.incidentsDir, { withFileTypes: true });
      names = entries.filter((e) => e.isFile() && /\.md$/i.test(e.name) && !isPostmortemFileName(e.name)).map((e) => e.name).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const files = await Promise.all(names.map((name) => this.read(path.join(this.incidentsDir, name)).catch(() => undefined)));
    return files.filter((f): f is IncidentFile => !!f);
  }

  /** One incident file, parsed. Rejects when it cannot be read. */
  async read(file: IncidentRef): Promise<IncidentFile> {
    const absolute = this.absolutePath(file);
    return parseIncident(this.relativePath(absolute), await fs.readFile(absolute, 'utf8'));
  }

  /** The active incident (see `pickActiveIncident`), or undefined. */
  async active(): Promise<IncidentFile | undefined> {
    return pickActiveIncident(await this.list());
  }

  /**
   * Appends a markdown block (a formatted timeline entry) to the end of an existing incident file,
   * redacted once more. Under the file's lock: reads the last byte, and when the file does not end
   * with a newline (a torn earlier write, or a hand edit) starts the block with one; then one write
   * on an O_APPEND descriptor and fsync. Never truncates or rewrites. Rejects when the file does not exist.
   */
  async append(file: IncidentRef, block: string): Promise<void> {
    await this.withLock(file, () => this.appendHoldingLock(file, block));
  }

  /** {@link append} for a caller that already holds the file's lock (see {@link withLock}). */
  async appendHoldingLock(file: IncidentRef, block: string): Promise<void> {
    let text = redactSecrets(block, this.options.redactionPatterns).text;
    if (!text.endsWith('\n')) text += '\n';
    await appendLocked(this.absolutePath(file), text);
  }

  /**
   * Runs `fn` while holding the incident file's lock, the one every append takes: for writers that
   * change the file another way (the editor saving a note added to unsaved edits).
   */
  withLock<T>(file: IncidentRef, fn: () => Promise<T>): Promise<T> {
    return withFileLock(this.absolutePath(file), fn, this.options.lock);
  }

  /**
   * Resolves an incident: appends a "⚑ Incident resolved" entry, sets `status: resolved` and
   * `resolved:` in the front matter (see `markResolved`: left alone, with `problem` saying why,
   * when the front matter cannot be parsed or the file changed meanwhile), and writes the
   * postmortem draft next to it (`<stem>-postmortem.md`, `-2`, … never overwriting one).
   */
  async resolve(file: IncidentRef, at: Date, author?: string): Promise<ResolveResult> {
    const absolute = this.absolutePath(file);
    await this.append(absolute, formatStatus('Incident resolved', at, author, this.options));
    const edit = await withFileLock(absolute, () => resolveLocked(absolute, at), this.options.lock);
    const text = await fs.readFile(absolute, 'utf8');
    const incident = parseIncident(this.relativePath(absolute), text);
    const draft = renderPostmortem(incident, text, at, this.options.redactionPatterns);
    const dir = path.dirname(absolute);
    for (let n = 1; n < 10_000; n++) {
      const target = path.join(dir, postmortemFileName(absolute, n));
      if (await createExclusive(target, draft)) {
        await syncDir(dir);
        return { postmortemPath: this.relativePath(target), frontMatterUpdated: edit.updated, ...(edit.problem ? { problem: edit.problem } : {}), incident };
      }
    }
    throw new Error(`Could not find a free file name for the postmortem of ${this.relativePath(absolute)}.`);
  }
}

/**
 * `git config user.name` in `root` (execFile, no shell), or undefined when git is missing, the
 * folder is not a repository and no global name is set, or it takes longer than 5 s.
 * `env` defaults to this process's environment.
 */
export function gitUserName(root: string, env?: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', [...safeGitArgs(), 'config', 'user.name'], { cwd: root, timeout: 5000, windowsHide: true, ...(env ? { env } : {}) }, (error, stdout) => {
      resolve(error ? undefined : stdout.trim() || undefined);
    });
  });
}

async function appendLocked(absolute: string, text: string): Promise<void> {
  const handle = await fs.open(absolute, fsConstants.O_RDWR | fsConstants.O_APPEND);
  try {
    const { size } = await handle.stat();
    let data = text;
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) data = `\n${data}`;
    }
    const bytes = Buffer.from(data, 'utf8');
    // One write(2) on a regular file writes it all; the loop only matters on a full disk or a signal.
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
      written += bytesWritten;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function resolveLocked(absolute: string, at: Date): Promise<{ updated: boolean; problem?: string }> {
  const before = await fs.stat(absolute);
  const text = await fs.readFile(absolute, 'utf8');
  const result = markResolved(text, at);
  if ('error' in result) return { updated: false, problem: result.error };
  const temporary = path.join(path.dirname(absolute), `.${path.basename(absolute)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const handle = await fs.open(temporary, 'wx', before.mode & 0o777);
    try {
      await handle.writeFile(result.text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    const now = await fs.stat(absolute);
    if (now.size !== before.size || now.mtimeMs !== before.mtimeMs || now.ino !== before.ino) {
      await fs.rm(temporary, { force: true });
      return { updated: false, problem: `${path.basename(absolute)} changed while it was being marked resolved; its front matter was left as it was. Set \`status: resolved\` by hand.` };
    }
    await fs.rename(temporary, absolute);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
  await syncDir(path.dirname(absolute));
  return { updated: true };
}

/** Creates `absolute` with O_EXCL and writes `text` durably; false when it already exists. */
async function createExclusive(absolute: string, text: string): Promise<boolean> {
  let handle;
  try {
    handle = await fs.open(absolute, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(absolute, { force: true }); // ours, and incomplete
    throw error;
  }
  await handle.close();
  return true;
}

/** fsync a folder so a new or renamed entry survives a crash; not possible on every platform (Windows), so failures are ignored. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}
