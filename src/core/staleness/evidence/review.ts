import type { ReviewStatus } from '../model/review-status';

export type { ReviewStatus } from '../model/review-status';

/** A review interval: calendar months plus days. */
export interface ReviewInterval {
  months: number;
  days: number;
}

const WORDS: Record<string, ReviewInterval> = {
  daily: { months: 0, days: 1 },
  weekly: { months: 0, days: 7 },
  biweekly: { months: 0, days: 14 },
  fortnightly: { months: 0, days: 14 },
  monthly: { months: 1, days: 0 },
  quarterly: { months: 3, days: 0 },
  'half-yearly': { months: 6, days: 0 },
  semiannually: { months: 6, days: 0 },
  yearly: { months: 12, days: 0 },
  annually: { months: 12, days: 0 },
  annual: { months: 12, days: 0 },
};

const UNITS: Array<[RegExp, (n: number) => ReviewInterval]> = [
  [/^d(ays?)?$/, (n) => ({ months: 0, days: n })],
  [/^w(ks?|eeks?)?$/, (n) => ({ months: 0, days: 7 * n })],
  [/^(mo|mos|mths?|months?|m)$/, (n) => ({ months: n, days: 0 })],
  [/^(q|quarters?)$/, (n) => ({ months: 3 * n, days: 0 })],
  [/^(y|yrs?|years?)$/, (n) => ({ months: 12 * n, days: 0 })],
];

/**
 * Reads a review interval as people write it: `90d`, `90 days`, `6w`, `3 months`, `3mo`, `1y`,
 * ISO 8601 `P90D` / `P3M` / `P1Y2M`, a bare number of days, or `monthly` / `quarterly` / `yearly`.
 * Undefined when it is none of these, not positive, or longer than 100 years.
 */
export function parseReviewInterval(text: string): ReviewInterval | undefined {
  const value = text.trim().toLowerCase();
  if (/^\d+$/.test(value)) return positive({ months: 0, days: Number(value) });
  if (WORDS[value]) return WORDS[value];
  const iso = /^p(?:(\d+)y)?(?:(\d+)m)?(?:(\d+)w)?(?:(\d+)d)?$/.exec(value);
  if (iso && value !== 'p') {
    const [, y, m, w, d] = iso;
    return positive({ months: 12 * Number(y ?? 0) + Number(m ?? 0), days: 7 * Number(w ?? 0) + Number(d ?? 0) });
  }
  const match = /^(\d+)\s*([a-z]+)$/.exec(value);
  if (!match) return undefined;
  const n = Number(match[1]);
  for (const [unit, make] of UNITS) if (unit.test(match[2]!)) return positive(make(n));
  return undefined;
}

/** Longest interval read: 100 years. Past it (`review_interval: 100000000`) a due date is not a date. */
const MAX_MONTHS = 1200;
const MAX_DAYS = 36_525;

function positive(interval: ReviewInterval): ReviewInterval | undefined {
  if (!Number.isSafeInteger(interval.months) || !Number.isSafeInteger(interval.days)) return undefined;
  if (interval.months > MAX_MONTHS || interval.days > MAX_DAYS || interval.months * 30.4375 + interval.days > MAX_DAYS) return undefined;
  return interval.months > 0 || interval.days > 0 ? interval : undefined;
}

/** `from` plus the interval, in UTC calendar arithmetic (Jan 31 + 1 month = Mar 3 in a short year, as `Date` does). */
export function addInterval(from: Date, interval: ReviewInterval): Date {
  const due = new Date(from.getTime());
  due.setUTCMonth(due.getUTCMonth() + interval.months);
  due.setUTCDate(due.getUTCDate() + interval.days);
  return due;
}

/**
 * Whether a doc's review is overdue: `since` (its reference time: the later of its last content
 * change and its last review) plus its interval (or `defaultInterval` when it has none) is before
 * `now`. Without an interval, or without a start date, nothing is due.
 */
export function reviewStatus(interval: string | undefined, since: Date | undefined, now: Date, defaultInterval?: string): ReviewStatus {
  const written = interval ?? defaultInterval;
  if (written === undefined) return { due: false };
  const parsed = parseReviewInterval(written);
  if (!parsed) return { due: false, interval: written, invalidInterval: written };
  if (!since) return { due: false, interval: written };
  const dueAt = addInterval(since, parsed);
  return { due: now.getTime() > dueAt.getTime(), dueDate: dueAt.toISOString().slice(0, 10), interval: written };
}
