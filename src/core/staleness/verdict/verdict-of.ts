import type { Severity } from '../../findings/finding';
import type { DocEvidence, StalenessReason } from '../model/evidence';
import type { DocStaleness, StalenessLevel } from '../model/report';
import type { StalenessOptions } from '../options';
import type { DocOutcome, ItemRule, RuleContext, VerdictRules } from '../rules/rule';
import { isoTime, sinceText } from '../rules/text';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Turns a doc's evidence into its verdict by running `rules` (the registry `VERDICT_RULES`) over it. Level:
 * `broken` when a link target is missing; else `unknown` when history cannot be trusted; else
 * `stale` when the change evidence (with open incident feedback) weighs at least `staleThreshold`;
 * else `fresh`. The score adds every weighted finding, rounded to two decimals. Review overdue sets
 * `reviewDue` and adds its own reason and weight, never the level. Reasons are ordered by severity,
 * then line, then column.
 */
export function verdictOf(evidence: DocEvidence, options: StalenessOptions, rules: VerdictRules): DocStaleness {
  const noun = evidence.kind === 'runbook' ? 'runbook' : 'doc';
  const context: RuleContext = { evidence, options, noun, since: sinceText(evidence, noun) };
  const reasons: StalenessReason[] = [];
  let change = 0;
  let broken = 0;
  let other = 0;
  const items = <T>(list: readonly T[], rules: ReadonlyArray<ItemRule<T>>, add: (weight: number) => void): void => {
    for (const item of list) {
      for (const rule of rules) {
        const outcome = rule.check(item, context);
        if (!outcome) continue;
        reasons.push(outcome.reason);
        add((outcome.stale ?? 0) + (outcome.score ?? 0));
      }
    }
  };
  const whole = (outcome: DocOutcome): void => {
    reasons.push(...outcome.reasons);
    change += outcome.stale ?? 0;
    other += outcome.score ?? 0;
  };

  items(evidence.changes, rules.changes, (w) => (change += w));
  items(evidence.anchors, rules.anchors, (w) => (change += w));
  for (const rule of rules.feedback) whole(rule.check(context));
  items(evidence.broken, rules.broken, (w) => (broken += w));
  reasons.push(...evidence.problems);
  for (const rule of rules.doc) whole(rule.check(context));

  const score = change + broken + other;
  const level: StalenessLevel = evidence.broken.length > 0 ? 'broken' : evidence.unknown ? 'unknown' : change >= options.staleThreshold ? 'stale' : 'fresh';
  reasons.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.line - b.line || (a.column ?? 0) - (b.column ?? 0));

  const ref = evidence.reference;
  return {
    path: evidence.path,
    kind: evidence.kind,
    level,
    score: Math.round(score * 100) / 100,
    reviewDue: evidence.review.due,
    ...(ref && !evidence.unknown ? { referenceTime: isoTime(ref.time), referenceSource: ref.source } : {}),
    ...(ref?.commit ? { lastContentCommit: ref.commit } : {}),
    ...(evidence.owner ? { owner: evidence.owner } : {}),
    reasons,
    targets: evidence.targets,
  };
}
