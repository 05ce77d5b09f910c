import { normalWord } from '../diffs/vocabulary';
import type { CallChange, HistoryView, IndexedCommit, RuleChange, StoredDiff, TouchCode } from '../history/history-types';
import type { FileAt } from '../../repo/repo-ports';
import type { LinkedTarget } from '../model/evidence';
import { isPackageJson, packageScriptsRun } from '../diffs/package-scripts';

/** The doc a runbook value in a rule file points at (`runbookDocOf` of the run's workspace). */
export type RunbookDocOf = (value: string, ruleFile: string) => string | undefined;

/**
 * For an alert rule file: the changes of the rules whose runbook is `doc` (see `RuleChange`);
 * undefined for other targets and when the rules were not compared (every change then counts).
 */
export function docRules(docOf: RunbookDocOf, target: LinkedTarget, change: { path: string }, diff: StoredDiff | undefined, doc: string | undefined): RuleChange[] | undefined {
  if (target.via !== 'alert-rule' || doc === undefined || !diff?.rules) return undefined;
  return diff.rules.filter((r) => docOf(r.value, change.path) === doc);
}

/** `make`, `make a b` (`just …` for a justfile): the targets a command runs (`''`: the default goal); undefined for other commands. */
function makeTargets(raw: string, tool: 'make' | 'just'): string[] | undefined {
  const words = raw.trim().split(/\s+/);
  if (words[0] !== tool) return undefined;
  // `just deploy eu`: the words after a just recipe are its arguments, not recipes.
  return words.length === 1 ? [''] : tool === 'just' ? [words[1]!] : words.slice(1);
}

/** The files whose targets or recipes a command runs: Makefiles (and `.mk` parts) and justfiles. */
const JUST_FILE = /(?:^|\/)\.?[Jj]ustfile$/;
const MAKE_FILE = /(?:^|\/)(?:GNUmakefile|[Mm]akefile|[^/]+\.mk|\.?[Jj]ustfile)$/;

/** The Makefile (justfile, package.json) targets a doc's commands run from `target`, when every command reading it is `make` (`just`, a package script run: see `packageScriptsRun`); undefined otherwise. */
function targetsRun(target: LinkedTarget): string[] | undefined {
  if (target.via !== 'command') return undefined;
  const tool = MAKE_FILE.test(target.path) ? (JUST_FILE.test(target.path) ? 'just' : 'make') : isPackageJson(target.path) ? 'npm' : undefined;
  if (!tool) return undefined;
  const names = new Set<string>();
  for (const o of target.occurrences) {
    const run = tool === 'npm' ? packageScriptsRun(o.raw) : makeTargets(o.raw, tool);
    if (!run) return undefined;
    for (const n of run) names.add(n);
  }
  return [...names];
}

/**
 * Which blocks of `target` a verdict compares (see `Blocks`): the rules of an alert rule file, the
 * targets of a Makefile a command runs, how a file a command runs is called, and how a file a doc
 * links is called when it may be a script (a shell script, or a file without an extension, a Python
 * or Ruby file: whether it is one is told from its text).
 */
export function blocksOf(target: LinkedTarget): 'rules' | 'targets' | 'calls' | undefined {
  if (target.via === 'alert-rule') return 'rules';
  if (targetsRun(target)) return 'targets';
  return callable(target) ? 'calls' : undefined;
}

/**
 * A file a command runs, or a linked file that may be a script (see `blocksOf`); not a line anchor,
 * and never a Makefile or justfile (what a command runs of those is its targets: `targetsRun`).
 */
function callable(target: LinkedTarget): boolean {
  if (target.kind !== 'file' || target.lines || MAKE_FILE.test(target.path)) return false;
  return target.via === 'command' || ((target.via === 'link' || target.via === 'url' || target.via === 'code-span') && /(?:^|\/)[^./]+$|\.(?:sh|bash|zsh|ksh|py|rb)$/i.test(target.path));
}

/**
 * How the way `target` is called changed in `diff` (see `CallChange`): for a Makefile a command
 * runs, the entries of the targets it runs that changed; for a script, its change (empty: the same
 * interface). Undefined when the file is not called that way (not a script) or it was not computed.
 */
export function callsOf(target: LinkedTarget, diff: StoredDiff | undefined): CallChange[] | undefined {
  if (!diff?.calls) return undefined;
  const run = targetsRun(target);
  if (run) return diff.calls.filter((c) => run.includes(c.name));
  return blocksOf(target) === 'calls' ? diff.calls : undefined;
}

/**
 * For a Makefile a doc's commands run targets of: those targets whose rules the diff changed
 * (empty: none of them); undefined for other targets and when the targets were not compared.
 */
export function ranTargets(target: LinkedTarget, diff: StoredDiff | undefined): string[] | undefined {
  const run = diff?.targets ? targetsRun(target) : undefined;
  return run?.filter((n) => diff!.targets!.includes(n));
}

/**
 * The words the changes of a doc's rules took out and brought in, netted across runbook values: a
 * rule whose `runbook_url` was written anew for the same doc (`…/db.md` → `…/db.md#lag`) leaves
 * one value and joins another with the same words, which is no change of what the rules say.
 * Undefined when a rule's words are unknown (a rewrite).
 */
export function netRuleWords(rules: RuleChange[]): { lost: string[]; gained: string[] } | undefined {
  if (rules.some((r) => !r.words)) return undefined;
  const lost = rules.flatMap((r) => r.words!.lost);
  const gained = rules.flatMap((r) => r.words!.gained);
  const lostWords = new Set(lost.map(normalWord));
  const gainedWords = new Set(gained.map(normalWord));
  return { lost: lost.filter((t) => !gainedWords.has(normalWord(t))), gained: gained.filter((t) => !lostWords.has(normalWord(t))) };
}

/** A touch of a path by a commit, as evidence candidates are collected. */
export interface Use {
  commit: IndexedCommit;
  path: string;
  code: TouchCode;
}

/** One path of a target that was touched after the reference: by which commits, and its state before them and now. */
export interface PathChange {
  path: string;
  /** Oldest first. */
  uses: Use[];
  /** The file just before the first of those commits (under its old name across a rename); undefined when it did not exist. */
  before: FileAt | undefined;
  /** The file at HEAD; undefined when it no longer exists. */
  now: FileAt | undefined;
  /** It exists now and did not then, or the other way round, or it arrived under this name inside a folder or glob target (a linked file renamed into place is compared by content: the doc moved with it). */
  structural: boolean;
}


/** What the commit steps read of an evidence run (`EvidenceRun` has it). */
type StepRun = { index: HistoryView };

/** Per-commit steps are compared for at most this many of a path's latest commits (older ones are listed as they are). */
const MAX_STEPS = 30;

/** Each of the latest commits of a path change as the file before and after it (a missing side: created or deleted there). */
export function commitSteps(run: StepRun, change: PathChange): Array<[FileAt | undefined, FileAt | undefined, Use]> {
  return change.uses.slice(-MAX_STEPS).map((use) => {
    const i = use.commit.index;
    const from = run.index.renameInto(use.path, i)?.from;
    return [run.index.fileAt(from ?? use.path, i - 1), run.index.fileAt(use.path, i), use];
  });
}

/**
 * The commits of a path change that carry the evidence: for an alert rule file those that changed
 * the doc's rules, for a Makefile those that changed the targets run (each commit's own diff); all
 * of them for other targets, for commits whose diff is not known, and when none stands out among
 * commits not all compared. `[]` when every commit was compared and none changed them: the net
 * change came in with commits left out as noise (a bulk move), so it is no evidence.
 */
export function evidenceUses(run: StepRun, docOf: RunbookDocOf, target: LinkedTarget, change: PathChange, doc: string | undefined): Use[] {
  const blocks = blocksOf(target);
  if (blocks !== 'rules' && blocks !== 'targets') return change.uses;
  const older = change.uses.slice(0, -MAX_STEPS);
  let unknown = false;
  const kept = commitSteps(run, change)
    .filter(([from, to]) => {
      const diff = from || to ? run.index.diff(from, to) : undefined;
      const changed = diff ? (docRules(docOf, target, { path: to?.path ?? from!.path }, diff, doc) ?? ranTargets(target, diff)) : undefined;
      if (changed === undefined) unknown = true;
      return changed === undefined || changed.length > 0;
    })
    .map(([, , use]) => use);
  if (kept.length > 0) return [...older, ...kept];
  return older.length > 0 || unknown ? change.uses : [];
}
