import { leadsProblems } from '../../doc-priority';
import type { DocStaleness, StalenessLevel } from './report';

/** What `--only` may name: a staleness level, or `review` for docs whose review is overdue. */
export type ReportFilter = StalenessLevel | 'review';

/** The values `--only` accepts, in the order messages list them. */
export const REPORT_FILTERS: readonly ReportFilter[] = Object.freeze(['broken', 'stale', 'unknown', 'fresh', 'review']);

const LEVEL_RANK: Record<StalenessLevel, number> = { broken: 0, stale: 1, unknown: 2, fresh: 3 };

/**
 * The docs of a report worst first: broken, stale, unknown, then fresh; within a level, runbooks
 * and architecture docs before other docs and templates (see `leadsProblems`), overdue reviews
 * first, higher scores first, then by path. A new array; `docs` is not changed.
 */
export function worstFirst(docs: readonly DocStaleness[]): DocStaleness[] {
  return [...docs].sort(
    (a, b) =>
      LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
      Number(leadsProblems(b)) - Number(leadsProblems(a)) ||
      Number(b.reviewDue) - Number(a.reviewDue) ||
      b.score - a.score ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
}

/**
 * The docs to list: those matching any of `only` (a level, or `review` for an overdue review;
 * empty or undefined: all), and with `quiet`, not fresh docs that have no reason and no overdue
 * review. Keeps the order of `docs`.
 */
export function selectDocs(docs: readonly DocStaleness[], options: { only?: readonly ReportFilter[]; quiet?: boolean }): DocStaleness[] {
  const only = options.only ?? [];
  return docs.filter((doc) => {
    if (only.length > 0 && !only.some((f) => (f === 'review' ? doc.reviewDue : doc.level === f))) return false;
    return !(options.quiet && doc.level === 'fresh' && doc.reasons.length === 0 && !doc.reviewDue);
  });
}
