import type { DocModel } from '../../doc-model';
import { commitRef } from '../history/commit-refs';
import type { EvidenceRun, WorkspaceContext } from '../model/report-run';
import { Touch } from '../history/history-types';
import { lastRenameHop } from '../history/rename-chain';
import type { GitHistory } from '../ports';
import type { BrokenEvidence, LinkedTarget } from '../model/evidence';

/** A pinned target's existence at its ref; `unverifiable` when the ref is not in this clone. */
export type PinnedVerdict = 'ok' | 'missing' | 'unverifiable';

/**
 * Why a missing target is missing: renamed (committed or not, following renames forward to where
 * the file lives now), deleted (committed or not), or neither known.
 */
export function brokenEvidence(run: EvidenceRun, target: LinkedTarget): BrokenEvidence {
  const { index, context, working } = run;
  const wtRename = working.renamedFrom.get(target.path);
  if (wtRename) return { target, renamedTo: { path: wtRename.path, uncommitted: true } };
  if (working.byPath.get(target.path)?.status === 'D') return { target, deletedUncommitted: true };
  const touches = index.touchesOf(target.path);
  const last = touches[touches.length - 1];
  if (!last) return { target };
  if (last.code === Touch.renamedFrom) {
    // Follow the chain of renames forward to where the file lives now.
    const lastRename = lastRenameHop(index, target.path, (path) => context.files.hasFile(path));
    if (lastRename && context.files.hasFile(lastRename.to)) {
      return { target, renamedTo: { path: lastRename.to, commit: commitRef(index.commit(lastRename.commit)) } };
    }
    const wtNext = lastRename ? working.renamedFrom.get(lastRename.to) : undefined;
    if (wtNext) return { target, renamedTo: { path: wtNext.path, uncommitted: true } };
    if (lastRename) return { target, deletedIn: commitRef(index.commit(lastRename.commit)) };
  }
  if (last.code === Touch.deleted) return { target, deletedIn: commitRef(index.commit(last.commit)) };
  return { target };
}

/** The docs' pinned targets by ref: the questions `checkPinned` asks. */
function pinnedAsks(docs: DocModel[], context: WorkspaceContext): Array<{ rev: string; paths: string[] }> {
  const byRef = new Map<string, Set<string>>();
  for (const doc of docs) {
    for (const target of context.resolved.get(doc.path)!.targets) {
      if (!target.pinned) continue;
      const set = byRef.get(target.pinned.ref) ?? new Set<string>();
      set.add(target.path);
      byRef.set(target.pinned.ref, set);
    }
  }
  return [...byRef].map(([rev, paths]) => ({ rev, paths: [...paths] }));
}

/** `checkPinned`'s answers, with the remote-tracking refs a branch only a remote has was looked up among. */
export type PinnedAnswers = Map<string, PinnedVerdict> & { remoteTracking?: readonly string[] };

/** Whether two lists of ref names are the same (both absent: listed by git each time, the same). */
function sameNames(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((name, i) => name === b[i]));
}

/**
 * Existence of the docs' pinned targets at their ref: one `pathsAtRevs` call for every ref. Keys
 * are `ref\0path`. Needs only the resolved links, not the history: a run starts it early.
 */
export async function checkPinned(
  docs: DocModel[],
  context: WorkspaceContext,
  git: GitHistory,
  signal?: AbortSignal,
): Promise<PinnedAnswers> {
  const out: PinnedAnswers = Object.assign(new Map<string, PinnedVerdict>(), context.refs.remoteTracking ? { remoteTracking: context.refs.remoteTracking } : {});
  const asks = pinnedAsks(docs, context);
  if (asks.length === 0) return out;
  const answers = await git.pathsAtRevs(asks, signal, context.refs.remoteTracking);
  asks.forEach(({ rev, paths }, i) => {
    const present = answers[i];
    for (const path of paths) out.set(`${rev}\u0000${path}`, !present ? 'unverifiable' : present.has(path) ? 'ok' : 'missing');
  });
  return out;
}

/**
 * `checkPinned`, taking the answers of an earlier call in the same run (`known`, asked with what
 * the run guessed early) when they hold every question; else asking git.
 */
export async function checkPinnedKnowing(
  known: Promise<PinnedAnswers | undefined> | undefined,
  docs: DocModel[],
  context: WorkspaceContext,
  git: GitHistory,
  signal?: AbortSignal,
): Promise<Map<string, PinnedVerdict>> {
  const have = await known;
  // Asked early with the last run's ref names: taken while those are the names now.
  if (have && sameNames(have.remoteTracking, context.refs.remoteTracking) && pinnedAsks(docs, context).every(({ rev, paths }) => paths.every((path) => have.has(`${rev}\u0000${path}`)))) return have;
  return checkPinned(docs, context, git, signal);
}
