import type { IndexedCommit } from './history-types';
import type { CommitRef } from '../../findings/finding';
import type { MergedChange } from '../model/git-records';

/** Commits that never count as changes: too many files, or listed in `.git-blame-ignore-revs`. */
export function noiseFilter(ignoreRevs: string[], bulkFiles: number): (commit: IndexedCommit) => boolean {
  const full = new Set(ignoreRevs.filter((r) => r.length === 40).map((r) => r.toLowerCase()));
  const short = ignoreRevs.filter((r) => r.length < 40).map((r) => r.toLowerCase());
  return (commit) => commit.fileCount > bulkFiles || full.has(commit.sha) || short.some((s) => commit.sha.startsWith(s));
}

/**
 * Version bumps made by bots or bump branches: dependabot and renovate pull requests merged
 * (`Merge pull request #12 from org/dependabot/...`), their own subjects (`Bump x from 1 to 2`,
 * `chore(deps): update x to v4`, `build(deps): bump x`), and automated update or `*-bump` branches.
 * They move versions in files a doc only points to; a doc that quotes a version is checked by its
 * own review, not by every bump.
 */
const BUMP_SUBJECTS = [
  /^Merge (?:pull request|branch) .*\b(?:dependabot|renovate)\//i,
  /^Merge pull request #\d+ from [^\s/]+\/(?:bump[-_/]|automated-updates?\b|\S*\b(?:version|dep|deps|dependency|dependencies)-bump\b)/i,
  /^Bump \S+ from \S+ to \S+/i,
  /^(?:build|chore|ci|deps|fix)\((?:deps|deps-dev|dependencies|actions)\)!?: (?:bump|update|upgrade)\b/i,
  /^Update (?:dependency|module|\S+ action to v?\d|\S+ digest to)/i,
];

/** Whether a commit subject is a dependency or CI version bump (see `BUMP_SUBJECTS`). */
export function isDependencyBump(subject: string): boolean {
  return BUMP_SUBJECTS.some((re) => re.test(subject));
}

/** End of a review day (`YYYY-MM-DD`, UTC) in Unix seconds: a review on a day covers that day's commits.
 * Undefined without a day, or (given `now`) for a day in the future. */
export function reviewEndOfDay(day: string | undefined, now?: Date): number | undefined {
  if (!day || (now && isFutureReviewDay(day, now))) return undefined;
  const ms = Date.parse(`${day}T23:59:59Z`);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

/** Time-zone slack: a review written today east of UTC (up to UTC+14) may carry tomorrow's UTC date. */
const FUTURE_SLACK_MS = 14 * 3600 * 1000;

/**
 * True when a `reviewed:` day (`YYYY-MM-DD`) has not begun anywhere on Earth at `now`: a date in the
 * future would keep the doc fresh until then, so it is never taken as a review (`review.future-date`).
 */
export function isFutureReviewDay(day: string, now: Date): boolean {
  const start = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(start) && start - FUTURE_SLACK_MS > now.getTime();
}

const refs = new WeakMap<IndexedCommit, CommitRef>();

/** Unix seconds as `YYYY-MM-DDTHH:mm:ssZ`. */
function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A commit as evidence (one shared, never changed object per commit: hot files list hundreds). */
export function commitRef(commit: IndexedCommit): CommitRef {
  let ref = refs.get(commit);
  if (!ref) refs.set(commit, (ref = Object.freeze({ sha: commit.sha, date: isoSeconds(commit.time), subject: commit.subject })));
  return ref;
}

/** The commit on a merge's merged side that made a change, as evidence: dated when written (author time), `mergedBy` the merge. */
export function mergedCommitRef(change: MergedChange, merge: CommitRef): CommitRef {
  return Object.freeze({ sha: change.sha, date: isoSeconds(change.authorTime), subject: change.subject, mergedBy: { sha: merge.sha, date: merge.date, subject: merge.subject } });
}
