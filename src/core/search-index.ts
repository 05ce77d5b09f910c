import MiniSearch from 'minisearch';
import { topMatches, type RankedMatch } from './search-top-k';
import type { DocKind, DocModel } from './doc-model';
import { STOP_WORDS } from './stop-words';

/** One ranked search result. `line` is where the editor should open (1-based). */
export interface SearchHit {
  path: string;
  title: string;
  kind: DocKind;
  /** The heading of the section that matched best, when the match was in a section. */
  heading?: string;
  line: number;
  score: number;
  /** The indexed terms that matched, for highlighting. */
  terms: string[];
}

/** Options for `DocSearch.search`. */
export interface SearchOptions {
  /** At most this many hits (default 20). */
  limit?: number;
  /** Only these kinds (default: all). */
  kinds?: DocKind[];
}

interface IndexedFields {
  id: string;
  title: string;
  alerts: string;
  headings: string;
  tags: string;
  body: string;
}

/** Field boosts: a title match outranks an alert, which outranks a heading, tags and then body text. */
export const SEARCH_BOOST = { title: 6, alerts: 4, headings: 3, tags: 2, body: 1 } as const;
const FIELDS = ['title', 'alerts', 'headings', 'tags', 'body'];

const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}$+<=>^`|~]+/u;

/** Splits on spaces and punctuation, and also yields the parts of camelCase words (`KubePodCrashLooping`). */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const token of text.split(SPACE_OR_PUNCTUATION)) {
    if (!token) continue;
    tokens.push(token);
    const parts = token.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/);
    if (parts.length > 1) tokens.push(...parts);
  }
  return tokens;
}

const miniSearchOptions = {
  fields: FIELDS,
  storeFields: [] as string[],
  tokenize,
  processTerm: (term: string) => {
    const lower = term.toLowerCase();
    return STOP_WORDS.has(lower) ? null : lower;
  },
  searchOptions: {
    boost: SEARCH_BOOST,
    // Prefix matching only for the word being typed (the last one); earlier words are complete.
    prefix: (_term: string, index: number, terms: string[]) => index === terms.length - 1,
    // Typos: one edit from 5 letters, two from 8; shorter words must be exact (or a prefix).
    fuzzy: (term: string) => (term.length >= 8 ? 2 : term.length >= 5 ? 1 : false),
    maxFuzzy: 2,
    combineWith: 'AND' as const,
    tokenize: (text: string) => text.split(SPACE_OR_PUNCTUATION).filter(Boolean),
  },
};

/**
 * Full-text search over documents (MiniSearch): prefix and fuzzy matching, boosted
 * title > alerts > headings > tags > body. Hits carry the best-matching section so the editor can
 * open there. Documents are looked up through `getDoc` to pick that section.
 */
export class DocSearch {
  private constructor(
    private readonly index: MiniSearch<IndexedFields>,
    private readonly getDoc: (path: string) => DocModel | undefined,
  ) {}

  /** An empty index. */
  static create(getDoc: (path: string) => DocModel | undefined): DocSearch {
    return new DocSearch(new MiniSearch<IndexedFields>(miniSearchOptions), getDoc);
  }

  /** An index restored from `toJSON()` output; throws when the JSON is not a MiniSearch index. */
  static fromJSON(json: string, getDoc: (path: string) => DocModel | undefined): DocSearch {
    return new DocSearch(MiniSearch.loadJSON<IndexedFields>(json, miniSearchOptions), getDoc);
  }

  /** Adds or replaces a document. */
  set(doc: DocModel): void {
    if (this.index.has(doc.path)) this.index.discard(doc.path);
    this.index.add(toFields(doc));
  }

  /** Removes a document; does nothing when it is not indexed. */
  remove(path: string): void {
    if (this.index.has(path)) this.index.discard(path);
  }

  has(path: string): boolean {
    return this.index.has(path);
  }

  get size(): number {
    return this.index.documentCount;
  }

  /** Ranked hits for a query typed by a person; an empty query gives no hits. */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const text = query.trim();
    if (!text) return [];
    const limit = options.limit ?? 20;
    const kinds = options.kinds ? new Set(options.kinds) : undefined;
    const accept = (path: string) => {
      const doc = this.getDoc(path);
      return !!doc && (!kinds || kinds.has(doc.kind));
    };
    let matches = topMatches(this.index, text, {}, limit, accept);
    // Every word must match somewhere; when that finds nothing, rank documents matching any word.
    if (matches.length === 0 && /\s/.test(text)) matches = topMatches(this.index, text, { combineWith: 'OR' }, limit, accept);
    const hits: SearchHit[] = [];
    for (const match of matches) hits.push(toHit(this.getDoc(match.id)!, match));
    return hits;
  }

  toJSON(): string {
    return JSON.stringify(this.index);
  }
}

function toFields(doc: DocModel): IndexedFields {
  return {
    id: doc.path,
    title: doc.title,
    alerts: doc.meta.alerts.join(' '),
    headings: doc.headings.map((h) => h.text).join('\n'),
    tags: [...doc.meta.tags, ...doc.meta.services, doc.meta.owner ?? '', doc.meta.team ?? '', doc.path].join(' '),
    body: doc.sections.map((s) => s.text).join('\n'),
  };
}

function toHit(doc: DocModel, result: RankedMatch): SearchHit {
  const terms = result.terms;
  const section = bestSection(doc, terms, result.match);
  return {
    path: doc.path,
    title: doc.title,
    kind: doc.kind,
    ...(section ? { heading: section.text } : {}),
    line: section?.line ?? 1,
    score: Math.round(result.score * 1000) / 1000,
    terms,
  };
}

/**
 * The heading whose section matched: a heading containing a matched term wins over body text,
 * and more distinct terms win over fewer. A match only in the title or alerts opens at the top.
 */
function bestSection(doc: DocModel, terms: string[], match: Record<string, string[]>): DocModel['headings'][number] | undefined {
  const inSections = Object.entries(match).some(([, fields]) => fields.includes('headings') || fields.includes('body'));
  if (!inSections || terms.length === 0) return undefined;
  let best: { index: number; score: number } | undefined;
  const sectionText = new Map(doc.sections.map((s) => [s.heading, s.text.toLowerCase()]));
  doc.headings.forEach((heading, index) => {
    if (heading.depth === 1 && doc.headings.length > 1) return;
    const headingText = heading.text.toLowerCase();
    const body = sectionText.get(index) ?? '';
    let score = 0;
    for (const term of terms) {
      if (headingText.includes(term)) score += 3;
      if (body.includes(term)) score += 1;
    }
    if (score > 0 && (!best || score > best.score)) best = { index, score };
  });
  return best ? doc.headings[best.index] : undefined;
}
