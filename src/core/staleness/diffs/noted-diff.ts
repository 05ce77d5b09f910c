import { LRUCache } from 'lru-cache';
import { runbookRulesOf, type RunbookRules } from '../../alerts/rule-blocks';
import type { StoredDiff } from '../history/history-types';
import type { BlobContent, FileAt } from '../../repo/repo-ports';
import type { DiffJob, DiffSide } from '../model/diff-job';
import { dataShape } from './data-shape';
import { pairShape, withBlocks, withMinor, withShape, type BlobNotes } from './diff-notes';
import { diffIgnoringWhitespace } from './text-diff';
import { TextFacts, type Text } from './text-facts';

export type { DiffJob, DiffSide } from '../model/diff-job';

// A line diff with every note its verdicts need (minor hunks, words, data shape, changed alert
// rules or make targets), computed from the two texts alone: so it can run on the diff worker
// thread, and the thread that reads git's output only stores the results.

/**
 * How much a `NoteCache` keeps: parsed alert rules and data shapes, each bounded by entries and by
 * characters of text, shapes worked out ahead (`prepareShape`), bounded by characters of text, and
 * the facts of texts (`factsOf`), bounded by characters of text.
 */
export interface NoteCacheLimits {
  rules: number;
  ruleChars: number;
  shapes: number;
  shapeChars: number;
  aheadChars: number;
  factChars: number;
}

/** The default bounds of a `NoteCache`. */
export const NOTE_CACHE_LIMITS: Readonly<NoteCacheLimits> = Object.freeze({ rules: 64, ruleChars: 8_000_000, shapes: 4096, shapeChars: 4_000_000, aheadChars: 4_000_000, factChars: 500_000 });

/** Content keys remembered as seen once (see `NoteCache.factsOf`). */
const SEEN_KEYS = 4096;

/**
 * What parsing a blob gave, kept by content key between diffs and reports, least recently used
 * let go first: a rule file at HEAD is compared with hundreds of older versions and is parsed
 * once, and so is the data shape of a file linked by many docs.
 */
export class NoteCache implements BlobNotes {
  private readonly shapes: LRUCache<string, { shape: string | undefined }>;
  private readonly rules: LRUCache<string, RunbookRules>;
  private readonly ruleChars: number;
  /** Shapes worked out ahead, by the text they are of (see `prepareShape`). */
  private readonly ahead: LRUCache<string, { shape: string | undefined }>;
  /** The facts of texts by content key (see `factsOf`). */
  private readonly facts: LRUCache<string, TextFacts>;
  /** Content keys whose text was a side once, without facts kept (see `factsOf`). */
  private readonly seen = new LRUCache<string, true>({ max: SEEN_KEYS });

  constructor(limits: Partial<NoteCacheLimits> = {}) {
    const { rules, ruleChars, shapes, shapeChars, aheadChars, factChars } = { ...NOTE_CACHE_LIMITS, ...limits };
    this.ruleChars = ruleChars;
    this.rules = new LRUCache({ max: rules, maxSize: ruleChars });
    this.shapes = new LRUCache({ max: shapes, maxSize: shapeChars });
    this.ahead = new LRUCache({ maxSize: aheadChars });
    this.facts = new LRUCache({ maxSize: factChars });
  }

  /**
   * The facts of a blob's text (see `TextFacts`), kept by content key from the second diff it is
   * a side of: a re-check diffs a file's new version against the versions several docs last saw,
   * and those again at the next re-check. The first time, the text is given as is: most texts of a
   * cold run are the side of one diff, and what is worked out of them is garbage at once (the
   * worker's young generation is small, see `DIFF_WORKER_LIMITS`: kept, it would be promoted). A
   * text longer than the bound is always given as is.
   */
  factsOf(blob: BlobContent & { text: string }): Text {
    const kept = this.facts.get(blob.oid);
    // Sides with the same key have the same text; checked all the same (equal lengths first).
    if (kept && kept.text === blob.text) return kept;
    if (blob.text.length > this.facts.maxSize) return blob.text;
    if (!this.seen.has(blob.oid)) {
      this.seen.set(blob.oid, true);
      return blob.text;
    }
    const facts = new TextFacts(blob.text);
    this.facts.set(blob.oid, facts, { size: Math.max(1, blob.text.length) });
    return facts;
  }

  /** Whether the facts of the content `key` are kept. */
  hasFacts(key: string): boolean {
    return this.facts.has(key);
  }

  /** The data shape of a blob's text (see `dataShape`); undefined when it has no text or is not data. */
  shapeOf(blob: BlobContent | undefined): string | undefined {
    if (blob?.text === undefined) return undefined;
    const kept = this.shapes.get(blob.oid);
    if (kept) return kept.shape;
    // Worked out ahead from the same text (`dataShape` depends on nothing else): taken, and kept by content key from now on.
    const ahead = this.ahead.size > 0 ? this.ahead.get(blob.text) : undefined;
    if (ahead) this.ahead.delete(blob.text);
    const shape = ahead ? ahead.shape : dataShape(blob.text);
    this.shapes.set(blob.oid, { shape }, { size: Math.max(1, (shape?.length ?? 0) + blob.oid.length) });
    return shape;
  }

  /**
   * Works out the data shape of `text` now, for the first blob with that text `shapeOf` is asked
   * for (a cold run's files at HEAD, shaped while the history is read). Kept by the text until
   * then, the oldest let go first past `aheadChars` characters.
   */
  prepareShape(text: string): void {
    if (this.ahead.has(text) || text.length > this.ahead.maxSize) return;
    this.ahead.set(text, { shape: dataShape(text) }, { size: Math.max(1, text.length) });
  }

  /** Whether a shape worked out ahead from `text` is waiting to be taken. */
  hasPrepared(text: string): boolean {
    return this.ahead.has(text);
  }

  /** The runbook rules of a blob (undefined: no file, whose text `text` is ''; see `runbookRulesOf`). */
  rulesOf(blob: BlobContent | undefined, text: string): RunbookRules {
    if (!blob) return runbookRulesOf(text);
    let rules = this.rules.get(blob.oid);
    if (!rules) {
      rules = runbookRulesOf(text);
      // Bounded by the text parsed: what is kept of it (each rule's canonical text) is no larger.
      if (text.length <= this.ruleChars) this.rules.set(blob.oid, rules, { size: Math.max(1, text.length) });
    }
    return rules;
  }

  /** Whether the runbook rules of the content `key` are kept. */
  hasRules(key: string): boolean {
    return this.rules.has(key);
  }

  /** Whether the data shape of the content `key` is kept. */
  hasShape(key: string): boolean {
    return this.shapes.has(key);
  }
}

/**
 * The whitespace-insensitive line diff of a job's two texts (see `diffIgnoringWhitespace`) with
 * its minor hunks and words (see `withMinor`), its data shape when asked (`withShape`; the words of
 * the lines are then worked out only when the shape stayed the same, since otherwise those of the
 * keys replace them) and its changed blocks when asked (`withBlocks`). Equal to those functions
 * applied in that order; with `linesOnly`, the line diff alone (see `DiffJob.linesOnly`).
 */
export function notedDiff(job: DiffJob, cache: NoteCache): StoredDiff {
  const { from, to, shape, blocks } = job;
  const [blobA, blobB] = [from && blobOf(from), to && blobOf(to)];
  // Each side's text or kept facts, decided once for the whole job.
  const [textA, textB] = [blobA && cache.factsOf(blobA), blobB && cache.factsOf(blobB)];
  const notes: BlobNotes = {
    shapeOf: (blob) => cache.shapeOf(blob),
    rulesOf: (blob, text) => cache.rulesOf(blob, text),
    factsOf: (blob) => (blob === blobA ? textA! : blob === blobB ? textB! : blob.text),
  };
  const { added, deleted, hunks } = diffIgnoringWhitespace(textA, textB);
  const [a, b] = [from && stateOf(from), to && stateOf(to)];
  const read = (state: FileAt | undefined): BlobContent | undefined => (state === undefined ? undefined : state === a ? blobA : state === b ? blobB : undefined);
  const lines: StoredDiff = { added, deleted, hunks };
  // Marked only where notes would have been worked out: a diff without changed lines, or of a file
  // added or removed, has none either way (see `withMinor`).
  if (job.linesOnly && !shape && !blocks) return a && b && added + deleted > 0 ? { ...lines, linesOnly: true } : lines;
  const words = !shape || (pairShape(lines, a, b, read, notes) ?? 'same') === 'same';
  const noted = withMinor(lines, a, b, read, words, notes);
  const shaped = shape ? withShape(noted, a, b, read, notes) : noted;
  return blocks ? withBlocks(shaped, a, b, read, blocks, notes) : shaped;
}

/** A stand-in file state for a side (the notes read only its path; `read` maps it to its text). */
function stateOf(side: DiffSide): FileAt {
  return { sha: '', path: side.path };
}

function blobOf(side: DiffSide): BlobContent & { text: string } {
  return { oid: side.key, size: side.text.length, text: side.text };
}
