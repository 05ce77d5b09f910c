import { boundedMatcher } from '../../bounded-glob';
import type { DocModel } from '../../doc-model';
import { RuleId } from '../../findings/finding';
import type { WorkspaceContext } from '../model/report-run';
import type { LogCommit } from '../ports';
import type { DocEvidence, LinkedTarget } from '../model/evidence';
import type { WorkingTree } from '../model/git-records';
import type { IndexedCommit } from '../history/history-types';
import { EARLY_DOC_READS } from '../model/report-run';

/** What one report concluded, kept for the next: which evidence still holds when little changed. */
export interface RunMemory {
  head: string;
  /** The ignored revisions in force (`.git-blame-ignore-revs`), joined. */
  ignoreKey: string;
  context: WorkspaceContext;
  /** Path → signature of its uncommitted change (status and whitespace-insensitive diff). */
  working: Map<string, string>;
  /** Doc path → its evidence. */
  evidence: Map<string, DocEvidence>;
  /** When `context.list` is git's listing taken after the uncommitted changes were read: their `workingListKey` (the next run may keep the list). */
  listKey?: string;
  /** What its plan took from the status and the ignored revisions: a re-check plans its early diffs with them (see `fetchNewCommitsDetails`). */
  planned?: { working: WorkingTree; isNoise: (commit: IndexedCommit) => boolean };
}

/** What this run knows that may differ from the last one. */
export interface RunChanges {
  head: string;
  ignoreKey: string;
  context: WorkspaceContext;
  working: Map<string, string>;
  /** Commits read since the last run's head, when HEAD moved on along the first-parent line; undefined when the history was rebuilt. */
  newCommits: LogCommit[] | undefined;
}

/** A comparable signature of every uncommitted change (whitespace-only edits included: they may stop counting). */
export function workingSignatures(working: WorkingTree): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, change] of working.byPath) {
    const diff = working.diff.get(path);
    out.set(path, JSON.stringify([change.status, change.from, change.similarity, diff?.added, diff?.deleted, diff?.binary, diff?.hunks]));
  }
  for (const path of working.renamedFrom.keys()) if (!out.has(path)) out.set(path, 'renamed away');
  return out;
}

/**
 * The docs whose evidence must be worked out again; everything else may be taken from `memory`.
 * All of them when there is no memory, the history was rebuilt, or the ignored revisions changed.
 * Otherwise a doc is redone when it (or its resolution) changed, when a new commit or an
 * uncommitted change touched it or anything its targets cover, when it has a broken link and
 * anything was touched, when a link is pinned to a commit that was not in the clone, or when its
 * reference is its own uncommitted edit (whose time is "now").
 */
export function docsToRedo(memory: RunMemory | undefined, changes: RunChanges, docs: DocModel[]): Set<string> {
  const all = new Set(docs.map((d) => d.path));
  if (!memory || changes.newCommits === undefined && memory.head !== changes.head) return all;
  if (memory.ignoreKey !== changes.ignoreKey) return all;
  const touched = new Set<string>();
  // Whether files came, went or moved (in new commits, or among the uncommitted changes): only that
  // can change why a missing target is missing (see `brokenEvidence`).
  let moved = false;
  for (const commit of changes.newCommits ?? []) {
    for (const change of commit.changes) {
      touched.add(change.path);
      if (change.from !== undefined) touched.add(change.from);
      if (change.status !== 'M' && change.status !== 'T') moved = true;
    }
  }
  // Any difference among the uncommitted changes counts as a move (a file deleted or renamed there).
  const workingTouched = [...changes.working].filter(([path, signature]) => memory.working.get(path) !== signature).map(([path]) => path);
  for (const path of memory.working.keys()) if (!changes.working.has(path)) workingTouched.push(path);
  for (const path of workingTouched) touched.add(path);
  if (workingTouched.length > 0) moved = true;

  const redo = new Set<string>();
  const matchers = new Map<string, (path: string) => boolean>();
  for (const doc of docs) {
    const resolved = changes.context.resolved.get(doc.path);
    const evidence = memory.evidence.get(doc.path);
    if (
      !evidence ||
      memory.context.docs.get(doc.path) !== doc ||
      memory.context.resolved.get(doc.path) !== resolved ||
      evidence.reference?.source === 'working-tree' ||
      touched.has(doc.path) ||
      (touched.size > 0 && (resolved?.targets ?? []).some((t) => covers(t, touched, matchers))) ||
      // Where a missing target went follows renames through paths no target names (cheap to redo).
      (moved && evidence.broken.some((b) => b.pinnedAt === undefined)) ||
      // A pinned commit may have been fetched since (one `git rev-parse` to find out).
      evidence.problems.some((p) => p.ruleId === RuleId.linkPinnedUnverifiable)
    ) {
      redo.add(doc.path);
    }
  }
  return redo;
}

/**
 * The docs (paths) a re-check after `newCommits` redoes because of them, as far as the last run
 * tells (its resolution, no other change), that its end compares with the changes (see
 * `readRedoneDocTexts`): not those the commits changed themselves, none when there are more than
 * `EARLY_DOC_READS`. What the run finds later may redo more (their texts are read then).
 */
export function docsNewCommitsConcern(memory: RunMemory, newCommits: readonly LogCommit[], docs: DocModel[]): string[] {
  if (newCommits.length === 0) return [];
  const redo = docsToRedo(memory, { head: '', ignoreKey: memory.ignoreKey, context: memory.context, working: memory.working, newCommits: [...newCommits] }, docs);
  if (redo.size > EARLY_DOC_READS) return [];
  const committed = new Set(newCommits.flatMap((c) => c.changes.map((ch) => ch.path)));
  return [...redo].filter((path) => !committed.has(path));
}

/** Whether a target covers any of `paths` (a folder: below it; a glob: matching it). */
function covers(target: LinkedTarget, paths: Set<string>, matchers: Map<string, (path: string) => boolean>): boolean {
  if (target.kind === 'file' || target.kind === 'missing') {
    if (paths.has(target.path)) return true;
    if (target.kind === 'file') return false;
  }
  if (target.kind === 'glob') {
    let match = matchers.get(target.path);
    if (!match) matchers.set(target.path, (match = boundedMatcher(target.path)));
    for (const path of paths) if (match(path)) return true;
    return false;
  }
  // A folder, or a missing target (which a file below it, or a rename, may concern).
  const prefix = target.path === '' ? '' : `${target.path}/`;
  for (const path of paths) if (path.startsWith(prefix)) return true;
  return false;
}
