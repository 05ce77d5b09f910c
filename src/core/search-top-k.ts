import type MiniSearch from 'minisearch';
import type { SearchOptions as MiniSearchOptions } from 'minisearch';

/** A ranked match: the document id, its score, the indexed terms that matched, and where. */
export interface RankedMatch {
  id: string;
  score: number;
  terms: string[];
  match: Record<string, string[]>;
}

interface RawResult {
  score: number;
  terms: string[];
  match: Record<string, string[]>;
}

/** The parts of MiniSearch 7 that `search()` itself is built from. */
interface MiniSearchInternals {
  executeQuery?: (query: string, options: MiniSearchOptions) => Map<number, RawResult>;
  _documentIds?: Map<number, string>;
}

/**
 * The best `limit` matches of a query, in MiniSearch's own order (score × number of matched query
 * terms, ties in index order), building result objects for those few only. `MiniSearch.search`
 * builds and sorts one object per matching document, which is most of the time when a common word
 * matches thousands of documents. Falls back to `search()` if MiniSearch's internals change shape;
 * a unit test pins the results to `search()`'s.
 */
export function topMatches(
  index: MiniSearch,
  query: string,
  options: MiniSearchOptions,
  limit: number,
  accept: (id: string) => boolean,
): RankedMatch[] {
  const internals = index as unknown as MiniSearchInternals;
  if (typeof internals.executeQuery !== 'function' || !(internals._documentIds instanceof Map)) {
    const results = index.search(query, options).filter((r) => accept(r.id as string)).slice(0, limit);
    return results.map((r) => ({ id: r.id as string, score: r.score, terms: r.terms, match: r.match }));
  }
  const raw = internals.executeQuery.call(index, query, options);
  const best: Array<{ id: string; score: number; raw: RawResult }> = [];
  for (const [shortId, result] of raw) {
    const score = result.score * (result.terms.length || 1);
    if (best.length === limit && score <= best[best.length - 1]!.score) continue;
    const id = internals._documentIds.get(shortId);
    if (id === undefined || !accept(id)) continue;
    // Insert after every entry with a score >= this one: equal scores keep index order, as a stable sort would.
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (best[mid]!.score >= score) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, { id, score, raw: result });
    if (best.length > limit) best.pop();
  }
  return best.map(({ id, score, raw: r }) => ({ id, score, terms: Object.keys(r.match), match: r.match }));
}
