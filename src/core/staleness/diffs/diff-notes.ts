import { compareShapes, dataShape, isStructuredPath, removedSections, sectionsGone, settingValues } from './data-shape';
import { minorHunks } from './minor-change';
import { keyVocabularyChange, MAX_VOCABULARY_WORDS, vocabularyChange, wordsOf } from './vocabulary';
import type { StoredDiff } from '../history/history-types';
import type { RuleChange } from '../history/history-types';
import type { BlobContent, FileAt } from '../../repo/repo-ports';
import type { Blocks } from '../model/diff-job';
import { compareRunbookRules, runbookRulesOf, type RunbookRules } from '../../alerts/rule-blocks';
import { changedMakeRules, makeTargetsOf } from './make-target-blocks';
import { makeCallChanges, scriptCallChanges } from './call-changes';
import { isPackageJson, packageScriptChanges } from './package-scripts';
import type { Text } from './text-facts';

// What a verdict needs of a line diff beyond its counts, computed from the two texts as the diff lands.

/** What parsing a blob gave, kept between diffs (see `NoteCache`): its data shape, its alert rules and the facts of its text. */
export interface BlobNotes {
  /** The data shape of a blob's text (see `dataShape`); undefined when it has no text or is not data. */
  shapeOf(blob: BlobContent | undefined): string | undefined;
  /** The runbook rules of a blob (undefined: no file, whose text `text` is ''; see `runbookRulesOf`). */
  rulesOf(blob: BlobContent | undefined, text: string): RunbookRules;
  /** A blob's text for the notes: its `TextFacts` when they are kept between diffs (see `TextFacts`), else the text itself. */
  factsOf(blob: BlobContent & { text: string }): Text;
}

const hasText = (blob: BlobContent | undefined): blob is BlobContent & { text: string } => blob?.text !== undefined;

/** Parses every time: nothing kept. */
const UNKEPT: BlobNotes = {
  shapeOf: (blob) => (blob?.text === undefined ? undefined : dataShape(blob.text)),
  rulesOf: (_blob, text) => runbookRulesOf(text),
  factsOf: (blob) => blob.text,
};

/**
 * A line diff with which of its hunks are minor (versions, comments, moved lines: see `minorHunks`)
 * and the words it took out of the file or brought in (see `vocabularyChange`; left out when
 * `words` is false, for a diff whose words `withShape` replaces).
 */
export function withMinor(
  diff: StoredDiff,
  from: FileAt | undefined,
  to: FileAt | undefined,
  read: (state: FileAt | undefined) => BlobContent | undefined,
  words = true,
  notes: BlobNotes = UNKEPT,
): StoredDiff {
  if (!from || !to || diff.binary || diff.added + diff.deleted === 0) return diff;
  const [blobA, blobB] = [read(from), read(to)];
  if (!hasText(blobA) || !hasText(blobB)) return diff;
  const [a, b] = [notes.factsOf(blobA), notes.factsOf(blobB)];
  const { kinds, oldVersions } = minorHunks(a, b, diff.hunks, to.path);
  const vocabulary = words ? vocabularyChange(a, b, diff.hunks) : undefined;
  return {
    ...diff,
    ...(kinds.some((k) => k !== undefined) ? { minor: kinds, ...(oldVersions.length > 0 ? { oldVersions } : {}) } : {}),
    ...(vocabulary ? { vocabulary } : {}),
  };
}

/** Whether a verdict that weighs `diff` by data shape must have it computed first (see `withShape`). */
export function lacksShape(diff: StoredDiff, from: FileAt | undefined, to: FileAt | undefined): boolean {
  return diff.shape === undefined && !diff.binary && diff.added + diff.deleted > 0 && !!from && !!to && isStructuredPath(to.path);
}

export type { Blocks } from '../model/diff-job';

/** Whether a verdict that needs the changed blocks of `diff` must have them computed first (see `withBlocks`). */
export function lacksBlocks(diff: StoredDiff, from: FileAt | undefined, to: FileAt | undefined, blocks: Blocks): boolean {
  return (blocks === 'targets' ? diff.targets === undefined || diff.calls === undefined : diff[blocks] === undefined) && !diff.binary && (diff.added + diff.deleted > 0 || !from || !to);
}

/**
 * A diff with the blocks that changed: for `rules` the runbook values whose alert rules changed
 * (see `withRules`), for `targets` the Makefile targets whose rules changed (see `changedMakeRules`;
 * a missing side has none; for a package.json its scripts, see `packageScriptChanges`) and how each is called now (see `makeCallChanges`), for `calls` how a
 * script is called (see `scriptCallChanges`); left as is when a side is unreadable or binary, or
 * nothing changed. `notes` keeps each blob's alert rules as parsed (see `runbookRulesOf`): a rule
 * file at HEAD is compared with many older versions, and is parsed once.
 */
export function withBlocks(
  diff: StoredDiff,
  from: FileAt | undefined,
  to: FileAt | undefined,
  read: (state: FileAt | undefined) => BlobContent | undefined,
  blocks: Blocks,
  notes: BlobNotes = UNKEPT,
): StoredDiff {
  if (diff.binary || (from && to && diff.added + diff.deleted === 0)) return diff;
  const [blobA, blobB] = [from ? read(from) : undefined, to ? read(to) : undefined];
  const [a, b] = [from ? blobA?.text : '', to ? blobB?.text : ''];
  if (a === undefined || b === undefined) return diff;
  if (blocks === 'rules') return withRules(diff, notes.rulesOf(blobA, a), notes.rulesOf(blobB, b));
  if (blocks === 'calls') return { ...diff, calls: scriptCallChanges(to?.path ?? from!.path, a, b) };
  if (isPackageJson(to?.path ?? from!.path)) return { ...diff, ...packageScriptChanges(a, b) };
  const just = /(?:^|\/)\.?[Jj]ustfile$/.test(to?.path ?? from!.path);
  // The facts of each side's text (its make rules) are kept with it between diffs.
  const [fa, fb] = [hasText(blobA) ? notes.factsOf(blobA) : a, hasText(blobB) ? notes.factsOf(blobB) : b];
  const targets = changedMakeRules(fa, fb, just);
  return { ...diff, targets, calls: makeCallChanges(makeTargetsOf(fa, just), makeTargetsOf(fb, just), targets) };
}

/**
 * A diff of an alert rule file's versions `a` → `b` with the runbook values whose rules changed (see
 * `runbookRuleChanges`), each with the words of its rules the change took out or brought in;
 * routing labels only by the values they no longer route to.
 */
function withRules(diff: StoredDiff, a: RunbookRules, b: RunbookRules): StoredDiff {
  const rules = compareRunbookRules(a, b).map(({ value, before, after, lostRoutes }): RuleChange => {
    // The rules are JSON: `\n` escapes are line breaks, not an `n` glued to the next word.
    const had = wordsOf(before.join('\n').replace(/\\n/g, '\n'));
    const has = wordsOf(after.join('\n').replace(/\\n/g, '\n'));
    // A team the rules no longer route to is lost (a doc naming it is wrong); a new one says nothing.
    for (const [w, token] of wordsOf(lostRoutes.join('\n'))) if (!has.has(w) && !had.has(w)) had.set(w, token);
    const lost = [...had].filter(([w]) => !has.has(w)).map(([, token]) => token).sort();
    const gained = [...has].filter(([w]) => !had.has(w)).map(([, token]) => token).sort();
    return lost.length > MAX_VOCABULARY_WORDS || gained.length > MAX_VOCABULARY_WORDS ? { value } : { value, words: { lost, gained } };
  });
  return { ...diff, rules };
}

/**
 * A line diff of a YAML or JSON file, with whether its shape changed (`none`: a side is not
 * parseable data) and, unless it is the same, the words of its keys in place of those of its lines
 * (see `keyVocabularyChange`), the top-level sections removed and those of them whose content left
 * the file (see `sectionsGone`); left as is for other files and
 * diffs without changed lines.
 */
export function withShape(
  diff: StoredDiff,
  from: FileAt | undefined,
  to: FileAt | undefined,
  read: (state: FileAt | undefined) => BlobContent | undefined,
  notes: BlobNotes = UNKEPT,
): StoredDiff {
  const compared = shapes(diff, from, to, read, notes);
  if (!compared) return diff;
  const { shape, before, after } = compared;
  if (shape === 'same') return { ...diff, shape };
  const { vocabulary: _lines, ...rest } = diff;
  const [a, b] = [read(from)?.text, read(to)?.text];
  const sections = shape === 'changed' ? removedSections(before!, after!, [a ?? '', b ?? '']) : [];
  const gone = sections.length > 0 && a !== undefined && b !== undefined ? sectionsGone(sections, [before!, after!], [a, b]) : [];
  const vocabulary = a !== undefined && b !== undefined ? keyVocabularyChange(a, b, diff.hunks, [settingValues(before), settingValues(after)]) : undefined;
  return { ...rest, shape, ...(sections.length > 0 ? { sections } : {}), ...(gone.length > 0 ? { sectionsGone: gone } : {}), ...(vocabulary ? { vocabulary } : {}) };
}

/**
 * How the data shape of a YAML or JSON file changed in `diff` (see `withShape`); undefined for
 * other files and for diffs without changed lines.
 */
export function pairShape(diff: StoredDiff, from: FileAt | undefined, to: FileAt | undefined, read: (state: FileAt | undefined) => BlobContent | undefined, notes: BlobNotes = UNKEPT): 'same' | 'changed' | 'none' | undefined {
  return shapes(diff, from, to, read, notes)?.shape;
}

/** The two sides' shapes (the second not parsed when the first is not data) and how they compare; undefined as for `pairShape`. */
function shapes(diff: StoredDiff, from: FileAt | undefined, to: FileAt | undefined, read: (state: FileAt | undefined) => BlobContent | undefined, notes: BlobNotes) {
  if (!from || !to || diff.binary || diff.added + diff.deleted === 0 || !isStructuredPath(to.path)) return undefined;
  const before = notes.shapeOf(read(from));
  const after = before === undefined ? undefined : notes.shapeOf(read(to));
  const shape: 'same' | 'changed' | 'none' = before === undefined || after === undefined ? 'none' : compareShapes(before, after);
  return { shape, before, after };
}
