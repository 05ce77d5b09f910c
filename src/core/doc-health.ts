import { RuleId, type Finding } from './findings';
import type { StalenessLevel } from './staleness/model/report';

/** What is known about one doc's health: the index's findings and, once scored, the staleness verdict. */
export interface HealthInput {
  /** Findings of the index (front matter, encoding, blocks…), with their configured severities. */
  findings: ReadonlyArray<Pick<Finding, 'ruleId' | 'severity'>>;
  /** The staleness verdict; undefined before the history has been read. */
  verdict?: {
    level: StalenessLevel;
    reviewDue: boolean;
    reasons: ReadonlyArray<Pick<Finding, 'ruleId' | 'severity'>>;
  };
}

const BROKEN_LINK_RULES: ReadonlySet<string> = new Set([RuleId.linkMissingTarget, RuleId.linkRenamedTarget]);
const SAID_BY_LEVEL: ReadonlySet<string> = new Set([RuleId.staleLinkedCodeChanged, RuleId.staleAnchoredRangeChanged, RuleId.staleIncidentFeedback, RuleId.reviewOverdue, RuleId.stalenessUnknown]);

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * What is wrong with a doc in a few words, worst first, for the Runbooks view: e.g.
 * `2 broken links, stale, review overdue, 1 other finding`. Broken links are `link.missing-target`
 * and `link.renamed-target` reasons; `stale` is the verdict; other findings count only at warning
 * or error (after severities are applied). Returns undefined when nothing is wrong (or nothing is
 * known yet); an `unknown` verdict says nothing here, as it is said once for the whole workspace.
 */
export function healthSummary(input: HealthInput): string | undefined {
  const reasons = input.verdict?.reasons ?? [];
  const parts: string[] = [];
  const broken = reasons.filter((r) => BROKEN_LINK_RULES.has(r.ruleId)).length;
  if (broken > 0) parts.push(plural(broken, 'broken link'));
  if (input.verdict?.level === 'stale') parts.push('stale');
  if (input.verdict?.reviewDue) parts.push('review overdue');
  const others = [...reasons.filter((r) => !BROKEN_LINK_RULES.has(r.ruleId) && !SAID_BY_LEVEL.has(r.ruleId)), ...input.findings].filter((f) => f.severity !== 'info').length;
  if (others > 0) parts.push(plural(others, broken > 0 || parts.length > 0 ? 'other finding' : 'finding', broken > 0 || parts.length > 0 ? 'other findings' : 'findings'));
  return parts.length > 0 ? parts.join(', ') : undefined;
}
