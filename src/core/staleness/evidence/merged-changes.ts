import type { DocModel } from '../../doc-model';
import { mergedCommitRef } from '../history/commit-refs';
import type { DocEvidence, LinkedTarget } from '../model/evidence';
import type { CommitRef } from '../../findings/finding';
import type { GitHistory, MergedChange } from '../ports';
import type { EvidenceRun } from '../model/report-run';
import { DOC_FILE, matchingPaths } from './target-changes';

/** A commit named in a message ("latest: …"), the paths whose change it stands for, and how to put another in its place. */
interface Slot {
  ref: CommitRef;
  paths: string[];
  replace: (ref: CommitRef) => void;
}

/**
 * What the merge-side commits found so far are, by `merge\0path` (null: none on the merged side
 * changed the path). They never change, so an engine keeps them between runs.
 */
export type MergedChangeCache = Map<string, MergedChange | null>;

/**
 * Asks git, in one `mergedChanges` round, for the commits behind the merges that `evidence`'s
 * reasons name as the latest change of a target (see `nameMergedChanges`), for every merge and
 * path not in `cache`, and keeps the answers there. Needs only which commits the reasons name, so
 * it runs beside the rest of the run's end (what docs say next to their links).
 */
export async function askMergedChanges(run: EvidenceRun, evidence: DocEvidence[], git: GitHistory, cache: MergedChangeCache, signal?: AbortSignal): Promise<void> {
  const asked = new Map<string, Set<string>>();
  for (const slot of evidence.flatMap((e) => slotsOf(run, e))) for (const path of slot.paths) addAsk(asked, cache, slot.ref.sha, path);
  await askInto(asked, git, cache, signal);
}

/** At most this many merges are asked about before the diffs (see `askLikelyMergedChanges`). */
const EARLY_MERGES = 16;

/**
 * Starts asking, before the diffs, about the merges `askMergedChanges` will most likely ask about
 * at the end: per linked file (tracked, not pinned) of `docs`, its newest change when that is a
 * merge newer than the doc's own newest change (up to `EARLY_MERGES` merges). A guess: a reason
 * that names another commit leaves an answer unused (a git process, never a different result), and
 * what it misses is asked at the end.
 */
export async function askLikelyMergedChanges(run: EvidenceRun, docs: DocModel[], git: GitHistory, cache: MergedChangeCache, signal?: AbortSignal): Promise<void> {
  const asked = new Map<string, Set<string>>();
  for (const doc of docs) {
    const since = run.index.touchesOf(doc.path).at(-1)?.commit ?? -1;
    for (const target of run.context.resolved.get(doc.path)?.targets ?? []) {
      if (target.kind !== 'file' || !target.tracked || target.pinned) continue;
      const last = run.index.touchesOf(target.path).at(-1);
      if (!last || last.commit <= since) continue;
      const commit = run.index.commit(last.commit);
      if (commit.merge && (asked.has(commit.sha) || asked.size < EARLY_MERGES)) addAsk(asked, cache, commit.sha, target.path);
    }
  }
  await askInto(asked, git, cache, signal);
}

/** Adds `path` at `merge` to `asked` unless `cache` has it. */
function addAsk(asked: Map<string, Set<string>>, cache: MergedChangeCache, merge: string, path: string): void {
  if (cache.has(`${merge}\u0000${path}`)) return;
  let paths = asked.get(merge);
  if (!paths) asked.set(merge, (paths = new Set()));
  paths.add(path);
}

/** One `mergedChanges` round for `asked` (merge → paths), the answers kept in `cache`. */
async function askInto(asked: Map<string, Set<string>>, git: GitHistory, cache: MergedChangeCache, signal?: AbortSignal): Promise<void> {
  if (asked.size === 0) return;
  const asks = [...asked].map(([merge, paths]) => ({ merge, paths: [...paths] }));
  const answers = await git.mergedChanges(asks, signal);
  asks.forEach((ask, i) => {
    for (const path of ask.paths) cache.set(`${ask.merge}\u0000${path}`, answers[i]?.get(path) ?? null);
  });
}

/**
 * Where a reason names a commit as the latest change (a target's newest commit, a line range's,
 * a rename's or a deletion's) and that commit is a merge, names instead the commit on the merged
 * side that last changed the target, with the merge as its `mergedBy`: the first-parent history
 * counts the merge, a reader wants the change. Only the named commit is replaced, so counts,
 * weights and verdicts stay as they were. Changes `evidence` in place (fresh evidence of this run),
 * from what `askMergedChanges` put in `cache`.
 */
export function nameMergedChanges(run: EvidenceRun, evidence: DocEvidence[], cache: MergedChangeCache): void {
  for (const slot of evidence.flatMap((e) => slotsOf(run, e))) {
    let newest: MergedChange | undefined;
    for (const path of slot.paths) {
      const found = cache.get(`${slot.ref.sha}\u0000${path}`);
      if (found && (!newest || found.authorTime > newest.authorTime)) newest = found;
    }
    if (newest) slot.replace(mergedCommitRef(newest, slot.ref));
  }
}

/** The commits a doc's reasons will name as the latest change, where they are merges. */
function slotsOf(run: EvidenceRun, e: DocEvidence): Slot[] {
  const slots: Slot[] = [];
  const isMerge = (ref: CommitRef | undefined): ref is CommitRef => !!ref && !ref.mergedBy && run.index.commitBySha(ref.sha)?.merge === true;
  for (const c of e.changes) {
    const ref = c.commits[0];
    if (isMerge(ref)) slots.push({ ref, paths: targetPathsIn(run, c.target, ref.sha), replace: (r) => (c.commits = [r, ...c.commits.slice(1)]) });
  }
  for (const a of e.anchors) {
    const touched = a.touchedBy[0];
    if (isMerge(touched)) slots.push({ ref: touched, paths: [a.target.path], replace: (r) => (a.touchedBy = [r, ...a.touchedBy.slice(1)]) });
    const moved = a.movedBy[0];
    if (isMerge(moved)) slots.push({ ref: moved, paths: [a.target.path], replace: (r) => (a.movedBy = [r, ...a.movedBy.slice(1)]) });
  }
  for (const b of e.broken) {
    const renamed = b.renamedTo;
    if (renamed && isMerge(renamed.commit)) slots.push({ ref: renamed.commit, paths: [renamed.path], replace: (r) => (b.renamedTo = { ...renamed, commit: r }) });
    if (isMerge(b.deletedIn)) slots.push({ ref: b.deletedIn, paths: [b.target.path], replace: (r) => (b.deletedIn = r) });
  }
  return slots;
}

/** The paths of a target the commit touched: the file itself, or the files of a folder or glob. */
function targetPathsIn(run: EvidenceRun, target: LinkedTarget, sha: string): string[] {
  if (target.kind === 'file') return [target.path];
  const at = run.index.commitBySha(sha)!.index;
  return matchingPaths(run, target).filter((path) => !DOC_FILE.test(path) && run.index.touchesOf(path).some((t) => t.commit === at));
}
