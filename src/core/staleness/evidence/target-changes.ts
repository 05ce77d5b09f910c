import { runbookDocOf } from '../../alerts/runbook-url-match';
import { boundedMatcher } from '../../bounded-glob';
import type { DocModel } from '../../doc-model';
import { commitRef, isDependencyBump } from '../history/commit-refs';
import type { DocReference } from '../model/doc-reference';
import type { EvidenceRun } from '../model/report-run';
import { Touch, type IndexedCommit, type StoredDiff } from '../history/history-types';
import { hunksTouching, mapRangeForward, type LineRange } from '../model/line-ranges';
import type { MinorKind } from '../model/minor-kind';
import { minorKinds } from './minor-kinds';
import type { AnchorEvidence, ChangeEvidence, ChangeVocabulary, LinkedTarget } from '../model/evidence';
import { uncommittedChange } from '../history/working-tree';
import { blocksOf, callsOf, commitSteps, docRules, evidenceUses, netRuleWords, ranTargets, type PathChange, type Use } from './rule-changes';
import { argumentsPassed, callPhrases, docNames, recipeTool } from './call-verdict';

/** Markdown docs: under a folder or glob target they are edited as docs, not as the code a doc describes. */
export const DOC_FILE = /\.(md|markdown|mdx)$/i;

/**
 * Queues in `run.details` the diffs the verdicts need, given the references: for every path a
 * target covers that was touched after the doc's reference, the file before those commits against
 * the file at HEAD. One diff per path, however many commits touched it. Docs without a committed
 * reference need none.
 */
export function queueTargetDetails(run: EvidenceRun, docs: DocModel[], references: Map<string, DocReference | string>): void {
  for (const doc of docs) {
    const ref = references.get(doc.path);
    if (!ref || typeof ref === 'string' || ref.workingTree) continue;
    for (const target of run.context.resolved.get(doc.path)!.targets) {
      if (!target.tracked || target.pinned || target.kind === 'missing') continue;
      for (const change of pathChanges(run, target, ref)) {
        if (!change.before && !change.now) continue;
        // The file before is the same at the doc's reference commit when that is later; the file now is the same at HEAD.
        const atRef = ref.commit && change.before && run.index.fileAt(change.before.path, ref.commit.index)?.sha === change.before.sha ? ref.commit.sha : undefined;
        const blocks = blocksOf(target);
        run.details.needDiff(change.before, change.now, { ...(atRef ? { from: atRef } : {}), to: run.index.head }, comparesByShape(target), blocks);
        // Which of the commits changed the doc's rules or the targets run: those are the ones listed.
        if (blocks === 'rules' || blocks === 'targets') for (const [from, to] of commitSteps(run, change)) run.details.needDiff(from, to, {}, false, blocks);
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
  const isMatch = target.kind === 'glob' ? boundedMatcher(target.path) : undefined;
  const prefix = target.path === '' ? '' : `${target.path}/`;
  const test = (path: string) => (isMatch ? isMatch(path) : path.startsWith(prefix));
  const found = new Set<string>();
  for (const path of run.index.paths()) if (test(path)) found.add(path);
  for (const path of run.context.files.all()) if (test(path)) found.add(path);
  const list = [...found].sort();
  run.matches.set(key, list);
  return list;
}

/**
 * The paths of a target touched after the reference by commits that are not noise, with the file
 * states to compare. A rename inside a folder or glob target is reported once, under its new path.
 */
function pathChanges(run: EvidenceRun, target: LinkedTarget, ref: DocReference): PathChange[] {
  // The same target with the same reference comes up for many docs and in several phases.
  const key = `${target.kind}\u0000${target.path}\u0000${ref.commitIndex ?? ''}\u0000${ref.reviewTime ?? ''}`;
  run.pathChanges ??= new Map();
  const cached = run.pathChanges.get(key) as PathChange[] | undefined;
  if (cached) return cached;
  const found = findPathChanges(run, target, ref);
  run.pathChanges.set(key, found);
  return found;
}

function findPathChanges(run: EvidenceRun, target: LinkedTarget, ref: DocReference): PathChange[] {
  // Docs under a watched folder or glob are edited as docs, not as the code the doc describes.
  const paths = target.kind === 'file' ? [target.path] : matchingPaths(run, target).filter((p) => !DOC_FILE.test(p));
  const covered = target.kind === 'file' ? undefined : new Set(paths);
  const last = run.index.size - 1;
  const out: PathChange[] = [];
  for (const path of paths) {
    const uses = usesAfter(run, path, ref);
    const first = uses[0];
    if (!first) continue;
    const lastUse = uses[uses.length - 1]!;
    if (covered && lastUse.code === Touch.renamedFrom) {
      const into = run.index.renamesFromPath(path).find((r) => r.commit === lastUse.commit.index);
      if (into && covered.has(into.to)) continue;
    }
    // The file then: under this path, or (when it arrived here by a rename) under its old one.
    const existed = run.index.fileAt(path, first.commit.index - 1);
    const renamedFrom = !existed && (first.code === Touch.renamedTo || first.code === Touch.movedTo) ? run.index.renameInto(path, first.commit.index)?.from : undefined;
    const before = existed ?? (renamedFrom !== undefined ? run.index.fileAt(renamedFrom, first.commit.index - 1) : undefined);
    const now = run.index.fileAt(path, last);
    // Appeared, disappeared, or (inside a folder or glob) arrived under this name: a change whatever
    // the lines say. A file deleted and restored, or renamed away and back, is compared by content
    // like any other; so is a linked file that arrived under its name by a rename after the
    // reference: the doc's link, unchanged since, resolves to it, so the doc moved with it (a
    // folder moved whole: jobset's examples/ → site/static/examples/).
    const renamed = before !== undefined && before.path !== path && target.kind !== 'file';
    out.push({ path, uses, before, now, structural: !before !== !now || renamed });
  }
  return out;
}

/** Touches of a path after the reference that are not noise, oldest first. */
function usesAfter(run: EvidenceRun, path: string, ref: DocReference): Use[] {
  const uses: Use[] = [];
  for (const touch of run.index.touchesOf(path)) {
    if (ref.commitIndex !== undefined && touch.commit <= ref.commitIndex) continue;
    const commit = run.index.commit(touch.commit);
    if (ref.reviewTime !== undefined && commit.time <= ref.reviewTime) continue;
    if (run.isNoise(commit) || isDependencyBump(commit.subject)) continue;
    uses.push({ commit, path, code: touch.code });
  }
  return uses;
}

/** The diff of a path change, once fetched; undefined when it is not (a caller that did not flush). */
function diffOf(run: EvidenceRun, change: PathChange): StoredDiff | undefined {
  return change.before || change.now ? run.index.diff(change.before, change.now) : { added: 0, deleted: 0, hunks: [] };
}

/**
 * Whether the file changed for real since before the commits: structurally, or in more than
 * whitespace, and for YAML and JSON the doc links to in more than its entries (a registry whose
 * entries churn is not made wrong for the doc that says how to add one). Watched files count every
 * entry: the doc asked for them. An alert rule file counts only when the rules whose runbook is
 * the doc changed (`doc`: its path), wherever the file lives now: the doc is the runbook of those
 * rules, not of the file's other alerts.
 */
function counts(run: EvidenceRun, target: LinkedTarget, change: PathChange, diff: StoredDiff | undefined, doc: string | undefined): boolean {
  const rules = docRules(runbookDocOf(run.context), target, change, diff, doc);
  if (rules) return rules.length > 0;
  const targets = ranTargets(target, diff);
  if (targets) return targets.length > 0;
  if (change.structural || !diff || diff.binary) return true;
  return diff.added + diff.deleted > 0 && !(comparesByShape(target) && diff.shape === 'same');
}

/**
 * Whether the changes of a target are weighed by data shape (see `counts`): not for a line anchor
 * (its lines are followed) nor for alert rule files and watched files (every entry counts).
 */
export function comparesByShape(target: LinkedTarget): boolean {
  return !(target.lines && target.kind === 'file') && target.via !== 'alert-rule' && target.via !== 'watches';
}

/**
 * The changes of a (non-anchored) target after the reference, committed and uncommitted; undefined
 * when nothing but whitespace, noise or nothing at all changed. Line counts compare each file
 * before the first of those commits with the file now, so a change and its revert cancel out.
 * `doc`: the path of the doc the target belongs to (an alert rule file counts the changes of the
 * rules whose runbook it is; undefined: every change of the file).
 */
export function changeEvidence(run: EvidenceRun, target: LinkedTarget, ref: DocReference, doc?: string): ChangeEvidence | undefined {
  const commits = new Map<number, IndexedCommit>();
  let files = 0;
  let added = 0;
  let deleted = 0;
  // The kinds of minor change seen, until a file changed for real (then undefined).
  let minor: Set<MinorKind> | undefined = new Set();
  const oldVersions = new Set<string>();
  let tooLarge: ChangeEvidence['tooLarge'];
  let opaque: ChangeEvidence['opaque'];
  // What the change did to the words of the files, until a file's is unknown (then undefined).
  // A file a runbook's command runs is depended on, not pointed at: every real change counts.
  // The doc is the runbook of an alert rule file's rules: the words of those rules count.
  let words: ChangeVocabulary | undefined = (comparesByShape(target) && target.via !== 'command') || target.via === 'alert-rule' ? { lost: [], gained: [], copies: [], sections: [], sectionsGone: [] } : undefined;
  // For a script or make target the doc calls: why the change concerns how it is called, or
  // `internal` while every change counted was inside it (then `stale.unmentioned-change`).
  const model = doc === undefined ? undefined : run.context.docs?.get(doc);
  const calls: string[] = [];
  // Counted changes told apart: how the doc calls the target was compared (`called`), or not.
  const seen = { called: false, plain: false };
  // A file that did not exist at the doc's reference, written since (not renamed into place).
  let created = target.kind === 'file';
  for (const change of pathChanges(run, target, ref)) {
    const diff = diffOf(run, change);
    if (!counts(run, target, change, diff, doc)) continue;
    const uses = evidenceUses(run, runbookDocOf(run.context), target, change, doc);
    if (uses.length === 0) continue;
    files++;
    created &&= !change.before && change.now !== undefined;
    const called = model && !change.structural ? callsOf(target, diff) : undefined;
    if (called) {
      seen.called = true;
      calls.push(...callPhrases(called, docNames(model!), argumentsPassed(model!, target), blocksOf(target) === 'targets' ? recipeTool(target.path) : undefined));
      words = undefined;
    } else seen.plain = true;
    const rules = docRules(runbookDocOf(run.context), target, change, diff, doc);
    if (rules && words) {
      const net = netRuleWords(rules);
      if (!net) words = undefined;
      else {
        words.lost.push(...net.lost);
        words.gained.push(...net.gained);
      }
    } else if (!words || change.structural || !diff?.vocabulary) words = undefined;
    else {
      words.lost.push(...diff.vocabulary.lost);
      words.gained.push(...diff.vocabulary.gained);
      words.copies.push(...diff.vocabulary.copies);
      words.sections.push(...(diff.sections ?? []));
      words.sectionsGone.push(...(diff.sectionsGone ?? []));
    }
    for (const use of uses) commits.set(use.commit.index, use.commit);
    if (diff && !diff.binary) {
      added += diff.added;
      deleted += diff.deleted;
    }
    if (diff?.binary && !diff.tooLarge) opaque = { binary: (opaque?.binary ?? 0) + (diff.unreadable ? 0 : 1), unreadable: (opaque?.unreadable ?? 0) + (diff.unreadable ? 1 : 0) };
    if (diff?.tooLarge) tooLarge = { files: (tooLarge?.files ?? 0) + 1, before: (tooLarge?.before ?? 0) + diff.tooLarge.before, after: (tooLarge?.after ?? 0) + diff.tooLarge.after };
    const kinds = change.structural || !diff ? undefined : minorKinds(diff, diff.hunks);
    if (!kinds || !minor) minor = undefined;
    else {
      for (const k of kinds) minor.add(k);
      for (const v of diff!.oldVersions ?? []) oldVersions.add(v);
    }
  }
  const uncommitted = uncommittedChange(run.working, target, run.options);
  if (commits.size === 0 && !uncommitted) return undefined;
  // Written after the doc: the doc cannot have relied on what it holds (an addition, not a change).
  if (created && files > 0 && !uncommitted) {
    return { target, commits: [...commits.values()].sort((a, b) => b.index - a.index).map(commitRef), added, deleted, files, unmentioned: true, created: true };
  }
  return {
    target,
    commits: [...commits.values()].sort((a, b) => b.index - a.index).map(commitRef),
    added,
    deleted,
    files,
    ...(tooLarge ? { tooLarge } : {}),
    ...(opaque ? { opaque } : {}),
    ...(uncommitted ? { uncommitted } : {}),
    ...(minor && minor.size > 0 && !uncommitted ? { minor: [...minor], oldVersions: [...oldVersions] } : {}),
    ...(words && !uncommitted ? { vocabulary: words } : {}),
    ...(calls.length > 0 ? { calls: [...new Set(calls)] } : seen.called && !seen.plain && !uncommitted && !(minor && minor.size > 0) ? { unmentioned: true, internal: true } : {}),
  };
}

/**
 * What happened to an anchored line range after the reference: mapped through the diff of the file
 * then and now (and then the uncommitted changes), touched or moved, and the commits that touched
 * the file meanwhile; undefined when it is untouched and in place.
 */
export function anchorEvidence(run: EvidenceRun, target: LinkedTarget & { lines: LineRange }, ref: DocReference): AnchorEvidence | undefined {
  let range: LineRange | undefined = target.lines;
  let touched = false;
  let minor: MinorKind[] | undefined;
  let oldVersions: string[] = [];
  const [change] = pathChanges(run, target, ref);
  const commits = change ? [...change.uses].reverse().map((u) => commitRef(u.commit)) : [];
  // Written after the doc (not renamed into place): there were no lines then to rely on.
  if (change && !change.before && change.now) return { target, touchedBy: commits, movedBy: [], now: range, uncommittedTouch: false, created: true };
  if (change) {
    const diff = diffOf(run, change);
    if (change.structural || !change.before || !change.now || !diff || diff.binary) {
      // Created anew, deleted and recreated, or not comparable line by line: the lines cannot be followed.
      touched = true;
    } else {
      const mapped = mapRangeForward(range, diff.hunks);
      touched = mapped.touched;
      range = mapped.range;
      if (touched) {
        minor = minorKinds(diff, hunksTouching(target.lines, diff.hunks));
        if (minor) oldVersions = diff.oldVersions ?? [];
      }
    }
  }
  let uncommittedTouch = false;
  const wt = run.options.workingTree ? run.working.diff.get(target.path) : undefined;
  if (wt && range && wt.hunks.length > 0) {
    const mapped = mapRangeForward(range, wt.hunks);
    uncommittedTouch = mapped.touched;
    range = mapped.range;
  }
  const moved = !range || range.start !== target.lines.start || range.end !== target.lines.end;
  if (!touched && !uncommittedTouch && !moved) return undefined;
  return {
    target,
    touchedBy: touched ? commits : [],
    movedBy: touched ? [] : commits,
    now: range,
    uncommittedTouch,
    ...(minor && !uncommittedTouch ? { minor, oldVersions } : {}),
  };
}
