import { RuleId } from '../../findings/finding';
import type { DocRule } from './rule';
import { isoDay } from './text';

/**
 * `review.overdue`: a review interval has passed since the doc was last changed or reviewed.
 * Weighs `reviewOverdue`, which orders docs but never makes one stale.
 */
export const reviewOverdue: DocRule = {
  id: RuleId.reviewOverdue,
  weight: { weights: ['reviewOverdue'], counts: 'score' },
  check({ evidence, options, noun }) {
    if (!evidence.review.due) return { reasons: [] };
    const last = evidence.reference ? isoDay(evidence.reference.time) : undefined;
    const owner = evidence.owner ? ` Owner: ${evidence.owner}.` : '';
    return {
      score: options.weights.reviewOverdue,
      reasons: [
        {
          ruleId: RuleId.reviewOverdue,
          severity: 'warning',
          line: evidence.reviewLine ?? 1,
          message: `Review overdue since ${evidence.review.dueDate} (review every ${evidence.review.interval}${last ? `; last changed or reviewed ${last}` : ''}).${owner} Review this ${noun}, then set \`reviewed: ${isoDay(options.now().getTime() / 1000)}\` in its front matter.`,
          commits: [],
        },
      ],
    };
  },
};
