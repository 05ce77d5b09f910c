import { normalWord } from '../diffs/vocabulary';
import type { ChangeEvidence, ChangeVocabulary, DocEvidence } from '../model/evidence';
import type { DocModel } from '../../doc-model';
import { EARLY_DOC_READS } from '../model/report-run';
import type { BlobContent, GitHistory, LogCommit } from '../ports';
import { docTree, termsNear, termsOfDoc } from './doc-terms';
import type { DocTermsCache } from '../model/report-run';

/** Docs larger than this are not read for what they say: their changes count as before. */
const MAX_DOC_BYTES = 2 * 1024 * 1024;

/** At most this many words are listed per phrase of a message. */
const LISTED = 4;

const listed = (words: string[]): string => {
  const shown = words.slice(0, LISTED).map((w) => `\`${w}\``);
  return words.length > LISTED ? `${shown.join(', ')} and ${words.length - LISTED} more` : shown.join(', ');
};

const unique = (list: Array<string | undefined>) => [...new Set(list.filter((w): w is string => w !== undefined))];

/** The doc's spelling of `token` when the doc says it (see `termsNear`). */
const saidIn =
  (terms: Map<string, string>) =>
  (token: string): string | undefined => {
    const word = normalWord(token);
    return word === undefined ? undefined : terms.get(word);
  };

/**
 * Why a change concerns what the doc says about its target, as phrases for the message; empty
 * when it does not. It does when a top-level data section was removed with what it held (see
 * `sectionsGone`) or one the doc names was removed, when a word the doc says
 * next to the link left the file, or when an entry was added with the same body as two or more
 * entries the doc names (a new member of a list the doc enumerates). A word the doc says that the
 * file gained is not a reason (see `broughtIn`): a doc goes wrong when something it relies on goes
 * away or changes, not when something is added next to it. `ownRules`: the words are those of the
 * alert rules whose runbook the doc is; a word their expressions or labels gained changed when they
 * fire, which the runbook relies on, so it is a reason too.
 */
export function mentionsOf(words: ChangeVocabulary, terms: Map<string, string>, ownRules = false): string[] {
  const said = saidIn(terms);
  const out: string[] = [];
  const gone = unique(words.sectionsGone);
  if (gone.length > 0) out.push(`removed the top-level ${gone.length === 1 ? 'section' : 'sections'} ${listed(gone)} and what ${gone.length === 1 ? 'it' : 'they'} held`);
  const named = unique(words.sections).filter((key) => !gone.includes(key) && namesKey(said, key));
  if (named.length > 0) out.push(`removed the top-level ${named.length === 1 ? 'section' : 'sections'} ${listed(named)}`);
  const lost = unique(words.lost.map(said));
  if (lost.length > 0) out.push(`took ${listed(lost)} out of it`);
  const came = ownRules ? broughtIn(words, terms) : [];
  if (came.length > 0) out.push(`brought ${listed(came)} into it`);
  for (const copy of words.copies) {
    const named = unique(copy.like.map(said));
    if (named.length >= 2) out.push(`added \`${copy.key}\` next to ${listed(named)}, shaped like them`);
  }
  return out;
}

/** Whether the doc says a section's key (`google_analytics`), or every word of it. */
function namesKey(said: (token: string) => string | undefined, key: string): boolean {
  const parts = key.split(/[-_.]+/).filter(Boolean);
  return said(key) !== undefined || (parts.length > 1 && parts.every((part) => said(part) !== undefined));
}

/** The words the doc says next to the link that the change brought into the file, as the doc spells them (shown, never a reason). */
export function broughtIn(words: ChangeVocabulary, terms: Map<string, string>): string[] {
  return unique(words.gained.map(saidIn(terms)));
}

export type { DocTermsCache } from '../model/report-run';

/** Docs' texts read ahead of `compareWithDocs` (see `readDocTexts`): path → the read under way. */
export type DocTexts = Map<string, Promise<BlobContent | undefined>>;

/**
 * Starts reading the docs at `paths` from the working tree, as `compareWithDocs` would read them,
 * in one call: for a caller that knows early which docs it will compare (a re-check after a
 * commit), so the read runs beside the diffs instead of after them; started once `after` resolves
 * (see `DiffsFirst`). A failed read is read again.
 */
export function readDocTexts(git: GitHistory, paths: string[], signal?: AbortSignal, after?: Promise<void>): DocTexts {
  const reading = after ? after.then(() => git.readWorkingFiles(paths, MAX_DOC_BYTES, signal)) : git.readWorkingFiles(paths, MAX_DOC_BYTES, signal);
  reading.catch(() => undefined);
  return new Map(paths.map((path, i) => [path, reading.then((texts) => texts[i])]));
}


/**
 * A re-check after new commits redoes the docs they concern and at its end compares what those say
 * with the changes: their texts, read now (beside the diffs). Not the docs the commits changed
 * themselves (their reference moved past the changes: there is usually none to compare), and
 * nothing on a run without new commits or redoing many docs (undefined).
 */
export function readRedoneDocTexts(git: GitHistory, newCommits: readonly LogCommit[] | undefined, todo: readonly DocModel[], signal?: AbortSignal, started?: DocTexts): DocTexts | undefined {
  if (!newCommits?.length || todo.length > EARLY_DOC_READS) return undefined;
  const committed = new Set(newCommits.flatMap((c) => c.changes.map((ch) => ch.path)));
  const paths = todo.map((doc) => doc.path).filter((path) => !committed.has(path));
  // Reads started earlier in the run (`started`, see `readDocTexts`) are taken as they are.
  const left = paths.filter((path) => !started?.has(path));
  const texts = left.length > 0 ? readDocTexts(git, left, signal) : undefined;
  const taken = paths.filter((path) => started?.has(path)).map((path): [string, Promise<BlobContent | undefined>] => [path, started!.get(path)!]);
  return texts || taken.length > 0 ? new Map([...taken, ...(texts ?? [])]) : undefined;
}

/**
 * Compares each change that carries its words (see `ChangeEvidence.vocabulary`) with what the doc
 * says next to the links to its target (see `termsNear`): sets `mentions` when the change concerns
 * it, else `unmentioned`. Reads the docs concerned from the working tree in one call; a doc that
 * cannot be read keeps its changes as they are, and so do all without `git` (`mentions: false`).
 * The words are dropped, except on an unmentioned change, whose message shows some of them.
 * `cache` keeps what each doc says for the next run; `early`: docs' texts already being read (see
 * `readDocTexts`), the others are read here.
 */
export async function compareWithDocs(evidence: DocEvidence[], git: GitHistory | undefined, signal?: AbortSignal, cache?: DocTermsCache, early?: DocTexts): Promise<void> {
  const concerned = git ? evidence.filter((e) => e.changes.some((c) => c.vocabulary && !c.minor)) : [];
  const textOf = new Map<string, string | undefined>();
  const taken = await Promise.all(concerned.map((e) => early?.get(e.path)?.then((blob) => ({ blob }), () => undefined)));
  const left = concerned.filter((e, i) => (taken[i] ? (textOf.set(e.path, taken[i].blob?.text), false) : true));
  const texts = git && left.length > 0 ? await git.readWorkingFiles(left.map((e) => e.path), MAX_DOC_BYTES, signal) : [];
  left.forEach((e, i) => textOf.set(e.path, texts[i]?.text));
  for (const e of evidence) {
    if (!e.changes.some((c) => c.vocabulary)) continue;
    const text = textOf.get(e.path);
    let tree: ReturnType<typeof docTree> | undefined;
    let said = text === undefined ? undefined : cache?.get(e.path);
    if (text !== undefined && said?.text !== text) cache?.set(e.path, (said = { text, terms: new Map() }));
    e.changes = e.changes.map((c): ChangeEvidence => {
      const { vocabulary, ...rest } = c;
      if (!vocabulary || c.minor || text === undefined) return rest;
      // A doc is the runbook of the alert rules pointing at it: all it says is about them.
      const whole = c.target.via === 'alert-rule';
      const lines = c.target.occurrences.map((o) => o.line);
      const key = `${whole ? '*' : lines.join(',')}\u0000${c.target.path}`;
      let terms = said?.terms.get(key);
      if (!terms) {
        tree ??= docTree(text);
        terms = whole ? termsOfDoc(tree, c.target.path) : termsNear(tree, lines, c.target.path);
        said?.terms.set(key, terms);
      }
      const mentions = mentionsOf(vocabulary, terms, c.target.via === 'alert-rule');
      if (mentions.length > 0) return { ...rest, mentions };
      const brought = broughtIn(vocabulary, terms);
      return { ...rest, unmentioned: true, vocabulary, ...(brought.length > 0 ? { brought } : {}) };
    });
  }
}
