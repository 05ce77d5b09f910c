import { execFile } from 'node:child_process';
import { safeGitArgs } from './safe-git';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseIncident, pickActiveIncident } from '../core/incident/incident-parser';
import { incidentFileName, renderIncident } from '../core/incident/incident-template';
import { isPostmortemFileName, postmortemFileName, renderPostmortem } from '../core/incident/postmortem';
import { formatStatus, type EntryOptions } from '../core/incident/timeline';
import { endsResolved, RESOLVED_STATUS, type AppendOptions, type IncidentFiles, type ResolveResult } from '../core/incident/incident-log';
import type { IncidentFile, IncidentMeta } from '../core/incident/types';
import { redactSecrets } from '../core/redact';
import { setFrontMatterFields } from '../core/incident/set-fields';
import { appendEntryLocked, readFrontMatterAhead, type FrontMatterAhead } from './incident-append';
import { createExclusive, resolveLocked, rewriteLocked, syncDir, type AppendWrite, type PhaseTimer } from './incident-file-io';
import { withFileLock, type FileLockOptions } from './incident-lock';

/** Options of {@link IncidentStore}. */
export interface IncidentStoreOptions extends EntryOptions {
  lock?: FileLockOptions;
  /** The write port of appends (default: the system's write); tests simulate a full disk with it. */
  write?: AppendWrite;
  /** Told how long each step of an append took under the lock (`inspect`, `write`, `fsync`), for figures. */
  onPhase?: PhaseTimer;
}

export type { AppendOptions, AppendWrite };

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

  /** Every markdown file of the folder (`*.md` except postmortem drafts), parsed, sorted by path, ours or not. Empty when the folder does not exist. */
  async listAll(): Promise<IncidentFile[]> {
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

  /** Every incident file of the folder (see {@link listAll}) that is ours; markdown that is not (a checklist, a template) is left out. */
  async list(): Promise<IncidentFile[]> {
    return (await this.listAll()).filter((f) => !f.foreign);
  }

  /** Workspace-relative paths of the markdown files of the folder that are not incident files of ours (left alone). */
  async foreign(): Promise<string[]> {
    return (await this.listAll()).filter((f) => f.foreign).map((f) => f.path);
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
   * redacted once more, under the file's lock (see `appendEntryLocked`: only the start and the end
   * of the file are read; one write on an O_APPEND descriptor and fsync, a newline first when the
   * file does not end with one, and a failed write truncated back; a back-dated entry is placed in
   * time order by an atomic rewrite). With `onlyIfActive`, the incident's status is read under the
   * lock first and a resolved incident is refused (`IncidentClosedError`), so a note can never land
   * after "Incident resolved". Rejects when the file does not exist.
   */
  async append(file: IncidentRef, block: string, options: AppendOptions = {}): Promise<void> {
    // What takes CPU and can be done before the lock is: redaction, and parsing the front matter (compared under the lock).
    const absolute = this.absolutePath(file);
    const text = this.entryText(block);
    const ahead = options.onlyIfActive ? await readFrontMatterAhead(absolute) : undefined;
    await this.withLock(absolute, () => this.appendText(absolute, text, options, ahead));
  }

  /** {@link append} for a caller that already holds the file's lock (see {@link withLock}). */
  async appendHoldingLock(file: IncidentRef, block: string, options: AppendOptions = {}): Promise<void> {
    await this.appendText(this.absolutePath(file), this.entryText(block), options);
  }

  private entryText(block: string): string {
    const text = redactSecrets(block, this.options.redactionPatterns).text;
    return text.endsWith('\n') ? text : `${text}\n`;
  }

  private appendText(absolute: string, text: string, options: AppendOptions, ahead?: FrontMatterAhead): Promise<void> {
    const { write, onPhase } = this.options;
    return appendEntryLocked(absolute, this.relativePath(absolute), text, {
      ...(options.onlyIfActive ? { onlyIfActive: true } : {}),
      ...(write ? { write } : {}),
      ...(onPhase ? { onPhase } : {}),
      ...(ahead ? { ahead } : {}),
    });
  }

  /** Sets top-level front matter fields (see `setFrontMatterFields`), under the file's lock; a front matter that cannot be edited safely is left alone, with `problem`. */
  setFields(file: IncidentRef, fields: Record<string, string>): Promise<{ updated: boolean; problem?: string }> {
    const absolute = this.absolutePath(file);
    return this.withLock(absolute, () => rewriteLocked(absolute, (text) => setFrontMatterFields(text, fields), 'edited', 'Set the fields by hand.'));
  }

  /**
   * Runs `fn` while holding the incident file's lock, the one every append takes: for writers that
   * change the file another way (the editor saving a note added to unsaved edits).
   */
  withLock<T>(file: IncidentRef, fn: () => Promise<T>): Promise<T> {
    return withFileLock(this.absolutePath(file), fn, this.options.lock);
  }

  /**
   * Resolves an incident, all under one hold of its lock: appends a "⚑ Incident resolved" entry,
   * sets `status: resolved` and `resolved:` in the front matter (see `markResolved`: left alone,
   * with `problem` saying why, when the front matter cannot be parsed or the file changed
   * meanwhile), and reads the text the postmortem draft is built from; then writes the draft next
   * to it (`<stem>-postmortem.md`, `-2`, … never overwriting one). Idempotent: an incident already
   * resolved gets no second entry and keeps its resolved time; a resolve that stopped after the
   * entry only marks the front matter.
   */
  async resolve(file: IncidentRef, at: Date, author?: string): Promise<ResolveResult> {
    const absolute = this.absolutePath(file);
    const relative = this.relativePath(absolute);
    const { text, edit } = await this.withLock(absolute, async () => {
      const before = parseIncident(relative, await fs.readFile(absolute, 'utf8'));
      const alreadyResolved = before.meta?.status === 'resolved';
      if (!alreadyResolved && !endsResolved(before)) {
        await this.appendHoldingLock(absolute, formatStatus(RESOLVED_STATUS, at, author, this.options));
      }
      const edit = alreadyResolved ? { updated: true } : await resolveLocked(absolute, at);
      return { text: await fs.readFile(absolute, 'utf8'), edit };
    });
    const incident = parseIncident(relative, text);
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

