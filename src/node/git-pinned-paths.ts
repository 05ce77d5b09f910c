// Which paths exist at the refs links are pinned to, for SimpleGitHistory: every ref and path of a
// run in one round of the `cat-file --batch` reader, instead of a rev-parse and an ls-tree per ref.
import type { CatFileRecord } from './cat-file-batch';
import { isSafeRev, type RepoLayout } from './git-invocation';
import { CommitPaths, pathsAtCommit, remoteBranchRef, remoteBranchRefs } from './git-path-queries';
import type { SimpleGit } from 'simple-git';
import { walkTree } from './git-tree-object';

/** What `pathsAtRevs` works through (the adapter's reader and processes). */
export interface PinnedPathsGit {
  layout: RepoLayout;
  /** A client for the processes (the remote-tracking refs, `ls-tree`, a ref the reader is not given). */
  git: SimpleGit;
  /** What is known of the paths at commit ids (kept between runs): a commit holds the same paths for ever. */
  cache: CommitPaths;
  /** Records of `cat-file --batch` for object names, in order. */
  read(names: string[]): Promise<CatFileRecord[]>;
  /** The commit a ref names (`rev-parse`), undefined when none. */
  resolve(ref: string): Promise<string | undefined>;
  /** The remote-tracking refs when the caller has them (else listed with `for-each-ref`). */
  remoteTracking?: readonly string[];
}

/** Longest ref name given to the reader. */
const MAX_PLAIN_REV = 255;

/**
 * Whether the shared reader may be asked to resolve `rev`: a commit id or a plain ref name
 * (letters, digits, `._/+-`). Anything else (`@{upstream}`, `:path`, `..`) could make git die,
 * which would stop the reader with the reads of everyone else queued on it.
 */
export function isPlainRev(rev: string): boolean {
  return rev.length <= MAX_PLAIN_REV && /^[0-9A-Za-z_][0-9A-Za-z._/+-]*$/.test(rev) && !rev.includes('..');
}

/**
 * Whether `path` (from the repository's top) is named literally in `<rev>:<path>` and listed the
 * same way by `ls-tree`: no empty, `.` or `..` part (git reads those relative to its directory, or
 * dies), no leading `:` (pathspec magic to ls-tree), no line breaks.
 */
export function isPlainPath(path: string): boolean {
  return path !== '' && !path.startsWith(':') && !/[\n\r\0]/.test(path) && path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/** The names in a tree object, as byte strings (`latin1`), `oidBytes` long ids. */
export function treeEntryNames(content: Buffer, oidBytes: number): Set<string> {
  const names = new Set<string>();
  walkTree(content, oidBytes, (entry) => void names.add(content.toString('latin1', entry.nameAt, entry.nameEnd)));
  return names;
}

/** One ref's question. */
interface Job {
  index: number;
  rev: string;
  /** The paths to ask git (not known from the cache). */
  paths: string[];
}

/**
 * Which of each ask's paths exist at its ref (undefined: the ref is not in this clone), as
 * `pathsAt` answers one. The refs and the folders holding the paths are read as objects, in one
 * round of the reader (a second for branches only a remote has): a folder's tree object lists
 * files, folders and submodules alike, and no blob is read (a partial clone lacks most and would
 * fetch them). Refs the reader is not given, and paths it cannot name, are asked as before.
 */
export async function pathsAtRevs(git: PinnedPathsGit, asks: Array<{ rev: string; paths: string[] }>): Promise<Array<Set<string> | undefined>> {
  const out: Array<Set<string> | undefined> = new Array(asks.length).fill(undefined);
  const jobs: Job[] = [];
  const others: Array<Promise<void>> = [];
  asks.forEach(({ rev, paths }, index) => {
    if (!isSafeRev(rev)) return;
    const unknown = CommitPaths.keeps(rev) ? git.cache.unknown(rev, paths) : paths;
    if (unknown.length === 0) out[index] = git.cache.held(rev, paths);
    else if (isPlainRev(rev)) jobs.push({ index, rev, paths: unknown });
    else others.push(oneRef(git, rev, unknown).then((found) => void (out[index] = found && answer(git.cache, rev, paths, unknown, found))));
  });
  if (jobs.length > 0) {
    const unresolved = await askReader(git, jobs, jobs.map((j) => j.rev), out, asks);
    if (unresolved.length > 0) {
      const remote = await remoteBranchRefs(git.git, unresolved.map((j) => j.rev), git.remoteTracking);
      const again = unresolved.filter((_, i) => remote[i] !== undefined && isPlainRev(remote[i]!));
      if (again.length > 0) await askReader(git, again, again.map((j) => remote[unresolved.indexOf(j)]!), out, asks);
    }
  }
  await Promise.all(others);
  return out;
}

/** Asks the reader about `jobs` with their refs named `revs`; fills `out` for those resolved and returns the others. */
async function askReader(git: PinnedPathsGit, jobs: Job[], revs: string[], out: Array<Set<string> | undefined>, asks: Array<{ rev: string; paths: string[] }>): Promise<Job[]> {
  const { prefix } = git.layout;
  const names: string[] = [];
  const plans = jobs.map((job, j) => {
    const commit = names.push(`${revs[j]}^{commit}`) - 1;
    // Per path: the record of the folder holding it, and its name there (byte string).
    const folders = new Map<string, number>();
    const plain: Array<{ path: string; folder: number; name: string }> = [];
    const listed: string[] = [];
    for (const path of job.paths) {
      const full = prefix + path;
      if (!isPlainPath(full)) {
        listed.push(path);
        continue;
      }
      const slash = full.lastIndexOf('/');
      const folder = full.slice(0, Math.max(slash, 0));
      if (!folders.has(folder)) folders.set(folder, names.push(`${revs[j]}^{commit}:${folder}`) - 1);
      plain.push({ path, folder: folders.get(folder)!, name: Buffer.from(full.slice(slash + 1), 'utf8').toString('latin1') });
    }
    return { commit, plain, listed };
  });
  const records = await git.read(names);
  const unresolved: Job[] = [];
  const listing: Array<Promise<void>> = [];
  const trees = new Map<number, Set<string> | undefined>();
  const entriesOf = (at: number): Set<string> | undefined => {
    if (!trees.has(at)) {
      const record = records[at];
      trees.set(at, record?.found && record.type === 'tree' ? (record.content ? treeEntryNames(record.content, record.oid.length / 2) : undefined) : new Set());
    }
    return trees.get(at);
  };
  jobs.forEach((job, j) => {
    const plan = plans[j]!;
    const commit = records[plan.commit];
    if (!commit?.found || commit.type !== 'commit') {
      unresolved.push(job);
      return;
    }
    const found = new Set<string>();
    const listed = [...plan.listed];
    for (const { path, folder, name } of plan.plain) {
      const entries = entriesOf(folder);
      // A folder too large to be read whole is listed by ls-tree instead.
      if (!entries) listed.push(path);
      else if (entries.has(name)) for (let p = path; p !== ''; p = p.slice(0, Math.max(p.lastIndexOf('/'), 0))) found.add(p);
    }
    const finish = (more: Set<string>) => {
      for (const p of more) found.add(p);
      out[job.index] = answer(git.cache, job.rev, asks[job.index]!.paths, job.paths, found);
    };
    if (listed.length > 0) listing.push(pathsAtCommit(git.git, git.layout, commit.oid, listed).then(finish));
    else finish(new Set());
  });
  await Promise.all(listing);
  return unresolved;
}

/** The question for one ref the old way, a process each (a ref the reader is not given): resolved (as a branch only a remote has too), then listed with `ls-tree`. */
async function oneRef(git: PinnedPathsGit, rev: string, paths: string[]): Promise<Set<string> | undefined> {
  const sha = (await git.resolve(rev)) ?? (await git.resolve((await remoteBranchRef(git.git, rev)) ?? ''));
  return sha ? pathsAtCommit(git.git, git.layout, sha, paths) : undefined;
}

/** The paths of `paths` present at `rev`, given what git `found` of the `asked` ones (kept when `rev` is a commit id). */
function answer(cache: CommitPaths, rev: string, paths: string[], asked: string[], found: Set<string>): Set<string> {
  if (!CommitPaths.keeps(rev)) return found;
  cache.learn(rev, asked, found);
  return cache.held(rev, paths);
}
