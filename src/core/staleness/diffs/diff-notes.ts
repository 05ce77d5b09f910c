import { compareShapes, dataShape, isStructuredPath, removedSections, settingValues } from './data-shape';
import { minorHunks } from './minor-change';
import { keyVocabularyChange, MAX_VOCABULARY_WORDS, vocabularyChange, wordsOf } from './vocabulary';
import type { StoredDiff } from '../history/history-types';
import type { RuleChange } from '../history/history-types';
import type { BlobContent, FileAt } from '../ports';
import { compareRunbookRules, runbookRulesOf, type RunbookRules } from '../../alerts/rule-blocks';
import { changedMakeRules } from './make-target-blocks';
import { makeCallChanges, scriptCallChanges } from './call-changes';
import { isPackageJson, packageScriptChanges } from './package-scripts';

// What a verdict needs of a line diff beyond its counts, computed from the two texts as the diff lands.

/**
 * A line diff with which of its hunks are minor (versions, comments, moved lines: see `minorHunks`)
 * and the words it took out of the file or brought in (see `vocabularyChange`).
 */
export function withMinor(diff: StoredDiff, from: FileAt | undefined, to: FileAt | undefined, read: (state: FileAt | undefined) => BlobContent | undefined): StoredDiff {
  if (!from || !to || diff.binary || diff.added + diff.deleted === 0) return diff;
  const [a, b] = [read(from)?.text, read(to)?.text];
  if (a === undefined || b === undefined) return diff;
  const { kinds, oldVersions } = minorHunks(a, b, diff.hunks, to.path);
  const vocabulary = vocabularyChange(a, b, diff.hunks);
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

/** Which blocks of a file a verdict compares: the rules of an alert rule file, the targets of a Makefile, or how a script is called. */
export type Blocks = 'rules' | 'targets' | 'calls';

/** Whether a verdict that needs the changed blocks of `diff` must have them computed first (see `withBlocks`). */
export function lacksBlocks(diff: StoredDiff, from: FileAt | undefined, to: FileAt | undefined, blocks: Blocks): boolean {
  return (blocks === 'targets' ? diff.targets === undefined || diff.calls === undefined : diff[blocks] === undefined) && !diff.binary && (diff.added + diff.deleted > 0 || !from || !to);
}

/**
 * A diff with the blocks that changed: for `rules` the runbook values whose alert rules changed
 * (see `withRules`), for `targets` the Makefile targets whose rules changed (see `changedMakeRules`;
 * a missing side has none; for a package.json its scripts, see `packageScriptChanges`) and how each is called now (see `makeCallChanges`), for `calls` how a
 * script is called (see `scriptCallChanges`); left as is when a side is unreadable or binary, or
 * nothing changed. `rules` keeps each blob's alert rules as parsed (see `runbookRulesOf`) while the
 * blob is kept: a rule file at HEAD is compared with many older versions, and is parsed once.
 */
export function withBlocks(
  diff: StoredDiff,
  from: FileAt | undefined,
  to: FileAt | undefined,
  read: (state: FileAt | undefined) => BlobContent | undefined,
  blocks: Blocks,
  rules: WeakMap<BlobContent, RunbookRules> = new WeakMap(),
): StoredDiff {
  if (diff.binary || (from && to && diff.added + diff.deleted === 0)) return diff;
  const [blobA, blobB] = [from ? read(from) : undefined, to ? read(to) : undefined];
  const [a, b] = [from ? blobA?.text : '', to ? blobB?.text : ''];
  if (a === undefined || b === undefined) return diff;
  if (blocks === 'rules') return withRules(diff, rulesOf(blobA, a, rules), rulesOf(blobB, b, rules));
  if (blocks === 'calls') return { ...diff, calls: scriptCallChanges(to?.path ?? from!.path, a, b) };
  if (isPackageJson(to?.path ?? from!.path)) return { ...diff, ...packageScriptChanges(a, b) };
  const just = /(?:^|\/)\.?[Jj]ustfile$/.test(to?.path ?? from!.path);
  const targets = changedMakeRules(a, b, just);
  return { ...diff, targets, calls: makeCallChanges(a, b, targets, just) };
}

/** The runbook rules of a blob (undefined: no file, whose text `text` is ''), parsed once while the blob is kept. */
function rulesOf(blob: BlobContent | undefined, text: string, kept: WeakMap<BlobContent, RunbookRules>): RunbookRules {
  if (!blob) return runbookRulesOf(text);
  let rules = kept.get(blob);
  if (!rules) kept.set(blob, (rules = runbookRulesOf(text)));
  return rules;
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
 * (see `keyVocabularyChange`) and the top-level sections removed; left as is for other files and
 * diffs without changed lines.
 */
export function withShape(
  diff: StoredDiff,
  from: FileAt | undefined,
  to: FileAt | undefined,
  read: (state: FileAt | undefined) => BlobContent | undefined,
  shapes: Map<string, string | undefined>,
): StoredDiff {
  if (!from || !to || diff.binary || diff.added + diff.deleted === 0 || !isStructuredPath(to.path)) return diff;
  const before = shapeOf(read(from), shapes);
  const after = before === undefined ? undefined : shapeOf(read(to), shapes);
  const shape = before === undefined || after === undefined ? 'none' : compareShapes(before, after);
  if (shape === 'same') return { ...diff, shape };
  const { vocabulary: _lines, ...rest } = diff;
  const [a, b] = [read(from)?.text, read(to)?.text];
  const sections = shape === 'changed' ? removedSections(before!, after!, [a ?? '', b ?? '']) : [];
  const vocabulary = a !== undefined && b !== undefined ? keyVocabularyChange(a, b, diff.hunks, [settingValues(before), settingValues(after)]) : undefined;
  return { ...rest, shape, ...(sections.length > 0 ? { sections } : {}), ...(vocabulary ? { vocabulary } : {}) };
}

/** The shape of a blob's text, parsed once per blob id. */
function shapeOf(blob: BlobContent | undefined, shapes: Map<string, string | undefined>): string | undefined {
  if (blob?.text === undefined) return undefined;
  if (shapes.has(blob.oid)) return shapes.get(blob.oid);
  const shape = dataShape(blob.text);
  shapes.set(blob.oid, shape);
  return shape;
}
