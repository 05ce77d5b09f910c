import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CatFileRecord } from './cat-file-batch';
import type { RepoLayout } from './git-invocation';
import { FIELD, RECORD } from './git-log-parser';
import { walkTree } from './git-tree-object';

// The bytes `git log --first-parent --diff-merges=first-parent --raw --no-abbrev -M -z` prints with
// `LOG_FORMAT` for `head ^since`, worked out from the commit and tree objects read through a running
// `git cat-file --batch` (a re-check's new commits: no process of their own). Only where the answer
// is proven equal to git's; anything else is left to git (undefined).

/** Past this many commits between `head` and `since`, git is asked. */
export const MAX_LOG_COMMITS = 64;
/** Past this many tree objects read, or this many bytes of them, git is asked. */
export const MAX_LOG_TREES = 2000;
export const MAX_LOG_TREE_BYTES = 32 * 1024 * 1024;

/**
 * Whether the objects show what `git log` prints in this repository: not when it is shallow or has
 * a grafts file (git then gives commits other parents), nor when its config orders the changes
 * (`diff.orderFile`) or re-encodes the subjects (`i18n.logOutputEncoding`). `config` as
 * `git config --list` gives it (keys in lower case).
 */
export async function objectsShowLog(layout: Pick<RepoLayout, 'shallowFile' | 'infoAttributes'>, config: ReadonlyMap<string, string[]>): Promise<boolean> {
  if (!layout.shallowFile || !layout.infoAttributes || config.has('diff.orderfile') || config.has('i18n.logoutputencoding')) return false;
  const absent = (file: string) => fs.lstat(file).then(() => false, (error: NodeJS.ErrnoException) => error.code === 'ENOENT');
  const [shallow, grafts] = await Promise.all([absent(layout.shallowFile), absent(path.join(path.dirname(layout.infoAttributes), 'grafts'))]);
  return shallow && grafts;
}

/** How much one call reads at most before leaving the range to git. */
export interface LogLimits {
  commits: number;
  trees: number;
  treeBytes: number;
}

/** Reads objects by id, in order (see `CatFileReader.read`). */
export type ObjectRead = (names: string[]) => Promise<CatFileRecord[]>;

interface Commit {
  sha: string;
  tree: string;
  parents: string[];
  time: string;
  subject: Buffer;
}

interface TreeEntry {
  /** Canonical mode as git prints it (`100644`, `100755`, `120000`, `160000`, `40000` for a folder). */
  mode: string;
  name: Buffer;
  oid: string;
}

/** One raw line: the modes and ids on each side (undefined: no file) and the full path. */
interface RawChange {
  path: Buffer;
  from?: TreeEntry;
  to?: TreeEntry;
}

const GITLINK = '160000';
const FOLDER = '40000';

/**
 * What git would print for `head ^since`, or undefined when it cannot be proven here: `since` not on
 * the first-parent chain within `MAX_LOG_COMMITS`, a commit that does not parse or has an `encoding`
 * header, one that both adds and deletes files (`-M` could pair them), a submodule changed, too many
 * trees. The caller rules out what the objects cannot show (shallow clones, grafts, config that
 * changes the output).
 */
export async function logFromObjects(read: ObjectRead, head: string, since: string, limits: Partial<LogLimits> = {}): Promise<Buffer | undefined> {
  const { commits: maxCommits, trees: maxTrees, treeBytes: maxTreeBytes } = { commits: MAX_LOG_COMMITS, trees: MAX_LOG_TREES, treeBytes: MAX_LOG_TREE_BYTES, ...limits };
  const commits: Commit[] = [];
  for (let at = head; at !== since; ) {
    if (commits.length >= maxCommits) return undefined;
    const [record] = await read([at]);
    const commit = record?.found && record.type === 'commit' && record.content ? parseCommit(at, record.content) : undefined;
    if (!commit || commit.parents.length === 0) return undefined;
    commits.push(commit);
    at = commit.parents[0]!;
  }
  const zero = '0'.repeat(head.length);
  const parentTrees = await rootTrees(read, commits);
  if (!parentTrees) return undefined;
  const changes = await treeChanges(read, commits.map((c, i) => [parentTrees[i]!, c.tree] as const), maxTrees, maxTreeBytes);
  if (!changes) return undefined;
  const parts: Buffer[] = [];
  commits.forEach((commit, i) => {
    parts.push(Buffer.from(`${RECORD}${commit.sha}${FIELD}${commit.parents.join(' ')}${FIELD}${commit.time}${FIELD}`, 'utf8'), commit.subject, Buffer.from([0]));
    const list = changes[i]!;
    if (list.length > 0) parts.push(Buffer.from('\n'));
    for (const change of list) {
      const status = !change.from ? 'A' : !change.to ? 'D' : isLink(change.from.mode) !== isLink(change.to.mode) ? 'T' : 'M';
      const line = `:${(change.from?.mode ?? '0').padStart(6, '0')} ${(change.to?.mode ?? '0').padStart(6, '0')} ${change.from?.oid ?? zero} ${change.to?.oid ?? zero} ${status}`;
      parts.push(Buffer.from(line, 'utf8'), Buffer.from([0]), change.path, Buffer.from([0]));
    }
  });
  return Buffer.concat(parts);
}

/** The root tree of each commit's first parent (read in one batch), or undefined when one cannot be read. */
async function rootTrees(read: ObjectRead, commits: Commit[]): Promise<string[] | undefined> {
  const known = new Map(commits.map((c) => [c.sha, c.tree]));
  const unknown = [...new Set(commits.map((c) => c.parents[0]!).filter((p) => !known.has(p)))];
  const records = await read(unknown);
  for (const [i, record] of records.entries()) {
    const parsed = record.found && record.type === 'commit' && record.content ? parseCommit(unknown[i]!, record.content) : undefined;
    if (!parsed) return undefined;
    known.set(unknown[i]!, parsed.tree);
  }
  return commits.map((c) => known.get(c.parents[0]!)!);
}

/**
 * The raw changes between each pair of trees (old, new), in git's order (full paths compared as
 * bytes: a folder's entries follow it as `name/…`), reading the trees that differ level by level,
 * one batch per level for all pairs. Undefined when git could print something else.
 */
async function treeChanges(read: ObjectRead, pairs: ReadonlyArray<readonly [string, string]>, maxTrees: number, maxTreeBytes: number): Promise<RawChange[][] | undefined> {
  const trees = new Map<string, TreeEntry[]>();
  const out: RawChange[][] = pairs.map(() => []);
  let level = pairs.map(([a, b], i) => ({ at: i, base: Buffer.alloc(0), a: a as string | undefined, b: b as string | undefined }));
  let [readCount, readBytes] = [0, 0];
  while (level.length > 0) {
    const wanted = [...new Set(level.flatMap(({ a, b }) => [a, b]).filter((oid): oid is string => oid !== undefined && !trees.has(oid)))];
    readCount += wanted.length;
    if (readCount > maxTrees) return undefined;
    const records = await read(wanted);
    for (const [i, record] of records.entries()) {
      readBytes += record.found ? record.size : 0;
      if (readBytes > maxTreeBytes) return undefined;
      const entries = record.found && record.type === 'tree' && record.content ? parseTree(record.content, wanted[i]!.length / 2) : undefined;
      if (!entries) return undefined;
      trees.set(wanted[i]!, entries);
    }
    const next: typeof level = [];
    for (const { at, base, a, b } of level) {
      if (a === b) continue;
      const [left, right] = [a === undefined ? [] : trees.get(a)!, b === undefined ? [] : trees.get(b)!];
      for (const [from, to] of mergeEntries(left, right)) {
        if (from && to && from.mode === to.mode && from.oid === to.oid) continue;
        if (from?.mode === GITLINK || to?.mode === GITLINK) return undefined;
        const path = Buffer.concat([base, (from ?? to)!.name]);
        // Same name on both sides means the same kind (folders sort as `name/`): a folder on one side only is all added or deleted.
        if ((from ?? to)!.mode === FOLDER) next.push({ at, base: Buffer.concat([path, Buffer.from('/')]), a: from?.oid, b: to?.oid });
        else out[at]!.push({ path, ...(from ? { from } : {}), ...(to ? { to } : {}) });
      }
    }
    level = next;
  }
  for (const list of out) {
    if (list.some((c) => !c.from) && list.some((c) => !c.to)) return undefined;
    list.sort((x, y) => Buffer.compare(x.path, y.path));
  }
  return out;
}

/** Pairs of entries with the same name and kind from two sorted trees (one side missing when only the other has it). */
function* mergeEntries(left: TreeEntry[], right: TreeEntry[]): Generator<[TreeEntry | undefined, TreeEntry | undefined]> {
  let [i, j] = [0, 0];
  while (i < left.length || j < right.length) {
    const order = i >= left.length ? 1 : j >= right.length ? -1 : compareEntries(left[i]!, right[j]!);
    if (order === 0) yield [left[i++], right[j++]];
    else if (order < 0) yield [left[i++], undefined];
    else yield [undefined, right[j++]];
  }
}

/** Git's tree order: names compared as bytes, a folder's as if followed by `/`. */
function compareEntries(x: TreeEntry, y: TreeEntry): number {
  const common = Math.min(x.name.length, y.name.length);
  const order = Buffer.compare(x.name.subarray(0, common), y.name.subarray(0, common));
  if (order !== 0) return order;
  const c1 = x.name.length > common ? x.name[common]! : x.mode === FOLDER ? 0x2f : 0;
  const c2 = y.name.length > common ? y.name[common]! : y.mode === FOLDER ? 0x2f : 0;
  return c1 - c2;
}

function isLink(mode: string): boolean {
  return mode === '120000';
}

/** A tree object's entries with canonical modes, or undefined when it does not parse as git writes trees. */
export function parseTree(content: Buffer, hashBytes: number): TreeEntry[] | undefined {
  const entries: TreeEntry[] = [];
  let damaged = false;
  const whole = walkTree(content, hashBytes, (raw) => {
    const mode = canonicalMode(raw.mode);
    const name = content.subarray(raw.nameAt, raw.nameEnd);
    const entry = { mode: mode ?? '', name, oid: raw.oid };
    // Out of git's order or a name twice: a damaged tree, whose walk git may read otherwise.
    damaged = !mode || name.length === 0 || name.includes(0x2f) || (entries.length > 0 && compareEntries(entries[entries.length - 1]!, entry) >= 0);
    if (!damaged) entries.push(entry);
    return !damaged;
  });
  return whole && !damaged ? entries : undefined;
}

/** The mode git prints for a tree entry's mode (git's `canon_mode`), or undefined for one that is not octal. */
function canonicalMode(text: string): string | undefined {
  if (!/^[0-7]{1,7}$/.test(text)) return undefined;
  const mode = parseInt(text, 8);
  const kind = mode & 0o170000;
  if (kind === 0o040000) return FOLDER;
  if (kind === 0o100000) return mode & 0o100 ? '100755' : '100644';
  if (kind === 0o120000) return '120000';
  return GITLINK;
}

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * A commit object's tree, parents, committer time and subject as `%s` prints it (blank lines
 * before it skipped; the lines of its first paragraph right-trimmed and joined by a space).
 * Undefined when it does not parse as git writes commits or names an encoding (git would re-encode).
 */
export function parseCommit(sha: string, content: Buffer): Commit | undefined {
  const end = content.indexOf('\n\n');
  const header = (end < 0 ? content : content.subarray(0, end)).toString('utf8').split('\n');
  if (content.includes(0)) return undefined;
  const tree = /^tree ([0-9a-f]{40,64})$/.exec(header[0] ?? '')?.[1];
  const parents: string[] = [];
  let committer: string | undefined;
  for (const [i, line] of header.entries()) {
    if (i === 0) continue;
    const parent = /^parent ([0-9a-f]{40,64})$/.exec(line)?.[1];
    // Git takes the parents from the lines right after the tree only.
    if (parent && parents.length === i - 1) parents.push(parent);
    else if (line.startsWith('committer ')) {
      if (committer !== undefined) return undefined;
      committer = line;
    } else if (line.startsWith('encoding ') || line.startsWith('parent ')) return undefined;
  }
  const time = committer && /> (\d{1,15}) [+-]\d{4}$/.exec(committer)?.[1];
  if (!tree || !time || parents.some((p) => p.length !== tree.length) || tree.length !== sha.length) return undefined;
  return { sha, tree, parents, time, subject: end < 0 ? Buffer.alloc(0) : subjectOf(content.subarray(end + 2)) };
}

function subjectOf(message: Buffer): Buffer {
  const lines: Buffer[] = [];
  for (let at = 0; at < message.length; ) {
    const newline = message.indexOf(0x0a, at);
    const stop = newline < 0 ? message.length : newline;
    let len = stop - at;
    while (len > 0 && SPACE.has(message[at + len - 1]!)) len--;
    const line = message.subarray(at, at + len);
    at = stop + 1;
    if (len > 0) lines.push(line);
    else if (lines.length > 0) break;
  }
  return Buffer.concat(lines.flatMap((line, i) => (i === 0 ? [line] : [Buffer.from(' '), line])));
}
