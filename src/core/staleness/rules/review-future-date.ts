import { RuleId } from '../../findings/finding';
import type { DocRule } from './rule';
import { isoDay } from './text';

/**
 * `review.future-date`: the doc's review date is in the future. Taken at its word it would keep the
 * doc fresh until then, so it is ignored (the doc's last change counts) and reported. Adds no weight.
 */
export const reviewFutureDate: DocRule = {
  id: RuleId.reviewFutureDate,
  weight: undefined,
  check({ evidence, options }) {
    const { futureDate, futureField } = evidence.review;
    if (futureDate === undefined) return { reasons: [] };
    return {
      reasons: [
        {
          ruleId: RuleId.reviewFutureDate,
          severity: 'warning',
          line: evidence.reviewLine ?? 1,
          message: `Review date \`${futureField ?? 'reviewed'}: ${futureDate}\` is in the future, so it was ignored. Set it to the day of the review (today is ${isoDay(options.now().getTime() / 1000)}).`,
          commits: [],
        },
      ],
    };
  },
};
