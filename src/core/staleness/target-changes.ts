import picomatch from 'picomatch';
import type { DocModel } from '../doc-model';
import { commitRef } from './commit-refs';
import type { DocReference } from './doc-references';
import type { EvidenceRun } from './evidence-run';
import { Touch, type IndexedCommit, type TouchCode } from './history-index';
import { mapRangeForward, type LineRange } from './line-ranges';
import type { AnchorEvidence, ChangeEvidence } from './score';
import type { LinkedTarget } from './types';
import { uncommittedChange } from './working-tree';

/** A touch of a path by a commit, as evidence candidates are collected. */
interface Use {
  commit: IndexedCommit;
  path: string;
  code: TouchCode;
}

const STRUCTURAL = new Set<TouchCode>([Touch.added, Touch.deleted, Touch.copiedTo, Touch.renamedFrom, Touch.movedTo]);
const FILE_CODES = new Set<TouchCode>([Touch.added, Touch.modified, Touch.deleted, Touch.renamedTo, Touch.copiedTo, Touch.typeChanged]);

/**
 * Queues in `run.details` every line count and hunk the verdicts need, given the references: hunks
 * for anchored file targets, line counts for the rest. Docs without a committed reference need none.
 */
export function queueTargetDetails(run: EvidenceRun, docs: DocModel[], references: Map<string, DocReference | string>): void {
  for (const doc of docs) {
    const ref = references.get(doc.path);
    if (!ref || typeof ref === 'string' || ref.workingTree) continue;
    for (const target of run.context.resolved.get(doc.path)!.targets) {
      if (!target.tracked || target.pinned || target.kind === 'missing') continue;
      const anchored = target.lines !== undefined && target.kind === 'file';
      for (const use of usesAfter(run, target, ref)) {
        // Moves carry no lines; additions and deletions of an anchored file touch its range whatever the hunks.
        if (use.code === Touch.renamedFrom || use.code === Touch.movedTo) continue;
        if (anchored && STRUCTURAL.has(use.code)) continue;
        const from = use.code === Touch.renamedTo ? run.index.renameInto(use.path, use.commit.index)?.from : undefined;
        if (anchored) run.details.needHunks(use.commit.sha, use.path, from);
        else run.details.needStat(use.commit.sha, use.path, from);
      }
    }
  }
}

/**
 * History and current paths under a folder target or matching a glob target, sorted (cached in
 * `run.matches`).
 */
export function matchingPaths(run: EvidenceRun, target: LinkedTarget): string[] {
  const key = `${target.kind}\u0000${target.path}`;
  const cached = run.matches.get(key);
  if (cached) return cached;
  const isMatch = target.kind === 'glob' ? picomatch(target.path, { dot: true }) : undefined;
  const prefix = target.path === '' ? '' : `${target.path}/`;
  const test = (path: string) => (isMatch ? isMatch(path) : path.startsWith(prefix));
  const found = new Set<string>();
  for (const path of run.index.paths()) if (test(path)) found.add(path);
  for (const path of run.context.files.all()) if (test(path)) found.add(path);
  const list = [...found].sort();
  run.matches.set(key, list);
  return list;
}

/** Touches of the target's paths after the reference that are not noise, oldest first. */
function usesAfter(run: EvidenceRun, target: LinkedTarget, ref: DocReference): Use[] {
  const paths = target.kind === 'file' ? [target.path] : matchingPaths(run, target);
  const uses: Use[] = [];
  for (const path of paths) {
    for (const touch of run.index.touchesOf(path)) {
      if (ref.commitIndex !== undefined && touch.commit <= ref.commitIndex) continue;
      const commit = run.index.commit(touch.commit);
      if (ref.reviewTime !== undefined && commit.time <= ref.reviewTime) continue;
      if (target.kind === 'file' && !FILE_CODES.has(touch.code)) continue;
      if (run.isNoise(commit)) continue;
      uses.push({ commit, path, code: touch.code });
    }
  }
  return uses.sort((a, b) => a.commit.index - b.commit.index);
}

/** Whether a use is a real change: structural, binary, or non-whitespace lines. */
function counts(run: EvidenceRun, use: Use): boolean {
  if (STRUCTURAL.has(use.code)) return true;
  const stat = run.index.stat(use.commit.sha, use.path);
  return !stat || !!stat.binary || stat.added + stat.deleted > 0;
}

/**
 * The changes of a (non-anchored) target after the reference, committed and uncommitted; undefined
 * when nothing but whitespace, noise or nothing at all changed.
 */
export function changeEvidence(run: EvidenceRun, target: LinkedTarget, ref: DocReference): ChangeEvidence | undefined {
  const commits = new Map<number, IndexedCommit>();
  const files = new Set<string>();
  let added = 0;
  let deleted = 0;
  for (const use of usesAfter(run, target, ref)) {
    if (!counts(run, use)) continue;
    commits.set(use.commit.index, use.commit);
    files.add(use.path);
    const stat = run.index.stat(use.commit.sha, use.path);
    if (stat && !stat.binary) {
      added += stat.added;
      deleted += stat.deleted;
    }
  }
  const uncommitted = uncommittedChange(run.working, target, run.options);
  if (commits.size === 0 && !uncommitted) return undefined;
  return {
    target,
    commits: [...commits.values()].sort((a, b) => b.index - a.index).map(commitRef),
    added,
    deleted,
    files: files.size,
    ...(uncommitted ? { uncommitted } : {}),
  };
}

/**
 * What happened to an anchored line range after the reference: the commits that touched it, those
 * that only moved it, and where it is now; undefined when it is untouched and in place.
 */
export function anchorEvidence(run: EvidenceRun, target: LinkedTarget & { lines: LineRange }, ref: DocReference): AnchorEvidence | undefined {
  let range: LineRange | undefined = target.lines;
  const touchedBy: IndexedCommit[] = [];
  const movedBy: IndexedCommit[] = [];
  for (const use of usesAfter(run, target, ref)) {
    if (!range) break;
    if (use.code === Touch.added || use.code === Touch.deleted || use.code === Touch.copiedTo) {
      touchedBy.push(use.commit);
      continue;
    }
    const hunks = run.index.hunksOf(use.commit.sha, use.path) ?? [];
    if (hunks.length === 0) continue;
    const mapped = mapRangeForward(range, hunks);
    if (mapped.touched) touchedBy.push(use.commit);
    else if (mapped.range && (mapped.range.start !== range.start || mapped.range.end !== range.end)) movedBy.push(use.commit);
    range = mapped.range;
  }
  let uncommittedTouch = false;
  const wt = run.options.workingTree ? run.working.diff.get(target.path) : undefined;
  if (wt && range && wt.hunks.length > 0) {
    const mapped = mapRangeForward(range, wt.hunks);
    uncommittedTouch = mapped.touched;
    range = mapped.range;
  }
  const moved = !range || range.start !== target.lines.start || range.end !== target.lines.end;
  if (touchedBy.length === 0 && !uncommittedTouch && !moved) return undefined;
  return {
    target,
    touchedBy: touchedBy.reverse().map(commitRef),
    movedBy: movedBy.reverse().map(commitRef),
    now: range,
    uncommittedTouch,
  };
}
