// Questions about paths at given commits, for SimpleGitHistory: which paths exist at a commit,
// which commit on a merge's merged side last changed a path, which files differ between two states.
import type { SimpleGit } from 'simple-git';
import type { FileChange, FileHunks, MergedChange } from '../core/staleness/ports';
import { chunkArgs, chunkPathspecs, isSafeRev, type RepoLayout } from './git-invocation';
import { parseNameStatus, parseStatus } from './git-parse';
import { parsePatch } from './git-parse-patch';

const RECORD = '\u001e';
const FIELD = '\u001f';

/** Which of `paths` (root-relative, '' for the root) exist in the tree of commit `sha`. */
export async function pathsAtCommit(git: SimpleGit, layout: RepoLayout, sha: string, paths: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  // The top folder exists at every commit, and `ls-tree` takes no empty path.
  if (!layout.prefix && paths.includes('')) found.add('');
  for (const chunk of chunkArgs(paths.filter((p) => layout.prefix + p !== '').map((p) => layout.prefix + p))) {
    const out = await git.raw(['ls-tree', '--full-tree', '--name-only', '-z', sha, '--', ...chunk]);
    for (const top of out.split('\0')) {
      const mapped = top ? layout.map(top) : undefined;
      if (mapped === undefined) continue;
      found.add(mapped);
      // Asked about `manifests` and `manifests/ha` at once, ls-tree lists what is inside `manifests`, not it.
      for (let slash = mapped.lastIndexOf('/'); slash > 0; slash = mapped.lastIndexOf('/', slash - 1)) found.add(mapped.slice(0, slash));
    }
  }
  return found;
}

/**
 * Per path, the newest commit of `merge^1..merge` other than the merge itself that changed it
 * (`git log --name-only`, newest first, limited to the paths): the commit on the merged side.
 * Empty for a commit that is not a merge (its range holds only itself).
 */
export async function mergedChangesOf(git: SimpleGit, layout: RepoLayout, merge: string, paths: string[]): Promise<Map<string, MergedChange>> {
  const out = new Map<string, MergedChange>();
  if (!isSafeRev(merge) || !/^[0-9a-f]{40,64}$/.test(merge)) return out;
  for (const chunk of chunkPathspecs(paths, layout)) {
    const text = await git.raw(['log', `--format=${RECORD}%H${FIELD}%at${FIELD}%s`, '--name-only', '-z', '--no-ext-diff', `${merge}^1..${merge}`, '--', ...chunk]);
    let current: MergedChange | undefined;
    for (const raw of text.split('\0')) {
      const token = raw.replace(/^\n+/, '');
      if (token.startsWith(RECORD)) {
        const [sha = '', time = '0', ...subject] = token.slice(1).split(FIELD);
        current = sha === merge ? undefined : { sha, authorTime: Number(time), subject: subject.join(FIELD) };
        continue;
      }
      const path = token && current ? layout.map(token) : undefined;
      if (path !== undefined && !out.has(path)) out.set(path, current!);
    }
  }
  return out;
}

/**
 * The remote-tracking ref of a branch a fresh clone has only there (`release-1.7` →
 * `refs/remotes/origin/release-1.7`): `origin` first, else the first remote that has it.
 */
export async function remoteBranchRef(git: SimpleGit, branch: string): Promise<string | undefined> {
  return (await remoteBranchRefs(git, [branch]))[0];
}

/**
 * `remoteBranchRef` of each branch, in order, from one listing of the remote-tracking refs (none
 * when no branch can have one): `listed` when the caller has it, else asked of git.
 */
export async function remoteBranchRefs(git: SimpleGit, branches: string[], listed?: readonly string[]): Promise<Array<string | undefined>> {
  const asked = branches.map((b) => !b.startsWith('refs/') && !b.startsWith('-'));
  if (!asked.includes(true)) return branches.map(() => undefined);
  const refs = listed ?? (await git.raw(['for-each-ref', '--format=%(refname)', 'refs/remotes/']).catch(() => '')).split('\n');
  return branches.map((branch, i) => {
    if (!asked[i]) return undefined;
    const names = refs.filter((r) => r.endsWith(`/${branch}`) && r.split('/').length === 3 + branch.split('/').length);
    return names.find((r) => r.startsWith('refs/remotes/origin/')) ?? names[0];
  });
}

/** `CommitPaths` keeps what it learnt of at most this many commits (the oldest asked is dropped first). */
const MAX_COMMITS_KEPT = 256;

/**
 * Which paths commits named by their id hold, as learnt so far: a commit holds the same paths for
 * ever, so each path is asked of git once per commit.
 */
export class CommitPaths {
  /** Commit id → path → whether the commit holds it. */
  private readonly commits = new Map<string, Map<string, boolean>>();

  /** Whether `rev` is a commit id (whose answers never change), not a ref name. */
  static keeps(rev: string): boolean {
    return /^[0-9a-f]{40}$|^[0-9a-f]{64}$/.test(rev);
  }

  /** The paths of `paths` not learnt yet for commit `rev`. */
  unknown(rev: string, paths: string[]): string[] {
    const known = this.commits.get(rev);
    return known ? paths.filter((p) => !known.has(p)) : paths;
  }

  /**
   * Keeps what git said of `asked` at commit `rev` (`found`: those it holds, and whatever else git
   * listed, such as the folders above them). A commit not in this clone is never learnt (a fetch
   * may bring it).
   */
  learn(rev: string, asked: string[], found: Set<string>): void {
    const entry = this.commits.get(rev) ?? new Map<string, boolean>();
    if (!this.commits.has(rev) && this.commits.size >= MAX_COMMITS_KEPT) this.commits.delete(this.commits.keys().next().value!);
    this.commits.set(rev, entry);
    for (const p of asked) entry.set(p, found.has(p));
    for (const p of found) entry.set(p, true);
  }

  /** Which of `paths` commit `rev` holds, from what was learnt (a path not learnt counts as absent). */
  held(rev: string, paths: string[]): Set<string> {
    const entry = this.commits.get(rev);
    return new Set(paths.filter((p) => entry?.get(p)));
  }
}

/** Whitespace-insensitive zero-context hunks of `paths` between `from` and `to` (or the working tree); see `GitHistory.diffHunks`. */
export async function diffHunksOf(git: SimpleGit, layout: RepoLayout, from: string, to: string | undefined, paths: string[]): Promise<FileHunks[]> {
  const out: FileHunks[] = [];
  for (const chunk of chunkPathspecs(paths, layout)) {
    const text = await git.raw([
      'diff', '-p', '-U0', '-w', '-M', '--no-ext-diff', '--no-textconv', '--ignore-submodules=dirty', '--src-prefix=a/', '--dst-prefix=b/', from, ...(to ? [to] : []), '--', ...chunk,
    ]);
    out.push(...parsePatch(text, layout.map));
  }
  return out;
}

/** The uncommitted changes of `paths` only (files, and everything below folders); see `GitHistory.workingChanges`. */
export function workingChangesOf(git: SimpleGit, layout: RepoLayout, paths: readonly string[]): Promise<FileChange[]> {
  const specs = chunkPathspecs([...paths], layout);
  // The folder itself, or paths that do not fit one command line: the whole tree (its status holds theirs).
  const whole = paths.includes('') || specs.length !== 1;
  return changedFilesOf(git, layout, 'HEAD', undefined, whole ? undefined : specs[0]);
}

/** Files that differ from `from` in `to`, or in the working tree and index (untracked files added); see `GitHistory.changedFiles`. */
export async function changedFilesOf(git: SimpleGit, layout: RepoLayout, from: string, to: string | undefined, pathspecs?: string[]): Promise<FileChange[]> {
  if (to === undefined && from === 'HEAD') {
    // The working tree against HEAD in one process that always prints something (simple-git
    // waits 50 ms after a silent one): `git status` with the branch header. With `pathspecs`, of
    // those paths only (the index is still read whole; the files compared and the folders walked
    // for untracked files are those below the pathspecs). Never the commits ahead of and behind the
    // upstream: counting them walks the history between (seconds, far from it), for a line not read.
    const status = await git.raw(['--no-optional-locks', 'status', '--porcelain=v2', '-z', '--branch', '--no-ahead-behind', '--untracked-files=all', '--renames', '--ignore-submodules=dirty', ...(pathspecs ? ['--', ...pathspecs] : [])]);
    return parseStatus(status, layout.map);
  }
  const diff = await git.raw(['diff', '--name-status', '-z', '-M', '--no-ext-diff', '--ignore-submodules=dirty', from, ...(to ? [to] : []), '--']);
  const changes = parseNameStatus(diff, layout.map);
  if (to === undefined) {
    const untracked = await git.raw(['ls-files', '-z', '--others', '--exclude-standard', '--full-name']);
    for (const top of untracked.split('\0')) {
      const mapped = top ? layout.map(top) : undefined;
      if (mapped !== undefined) changes.push({ status: 'A', path: mapped });
    }
  }
  return changes;
}
