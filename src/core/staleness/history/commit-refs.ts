import type { IndexedCommit } from './history-index';
import type { CommitRef } from '../model/report';

/** Commits that never count as changes: too many files, or listed in `.git-blame-ignore-revs`. */
export function noiseFilter(ignoreRevs: string[], bulkFiles: number): (commit: IndexedCommit) => boolean {
  const full = new Set(ignoreRevs.filter((r) => r.length === 40).map((r) => r.toLowerCase()));
  const short = ignoreRevs.filter((r) => r.length < 40).map((r) => r.toLowerCase());
  return (commit) => commit.fileCount > bulkFiles || full.has(commit.sha) || short.some((s) => commit.sha.startsWith(s));
}

/** End of a review day (`YYYY-MM-DD`, UTC) in Unix seconds: a review on a day covers that day's commits. */
export function reviewEndOfDay(day: string | undefined): number | undefined {
  if (!day) return undefined;
  const ms = Date.parse(`${day}T23:59:59Z`);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

const refs = new WeakMap<IndexedCommit, CommitRef>();

/** A commit as evidence (one shared, never changed object per commit: hot files list hundreds). */
export function commitRef(commit: IndexedCommit): CommitRef {
  let ref = refs.get(commit);
  if (!ref) refs.set(commit, (ref = Object.freeze({ sha: commit.sha, date: new Date(commit.time * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'), subject: commit.subject })));
  return ref;
}
