import { RuleId } from '../../findings/finding';
import type { DocRule } from './rule';

/** `review.invalid-interval`: the doc's review interval is not a duration. Adds no weight. */
export const reviewInvalidInterval: DocRule = {
  id: RuleId.reviewInvalidInterval,
  weight: undefined,
  check({ evidence }) {
    if (evidence.review.invalidInterval === undefined) return { reasons: [] };
    return {
      reasons: [
        {
          ruleId: RuleId.reviewInvalidInterval,
          severity: 'warning',
          line: evidence.reviewLine ?? 1,
          message: `Review interval \`${evidence.review.invalidInterval}\` is not a duration; write e.g. \`90d\`, \`3 months\`, \`P90D\` or \`quarterly\`.`,
          commits: [],
        },
      ],
    };
  },
};
