/** The forms `parseDuration` accepts, for messages. */
export const DURATION_FORMS = '`90` (seconds), `2s`, `1500ms`, `5m`, `1h30m`';

/** The longest duration accepted: a day. Anything longer is almost surely a typo. */
export const MAX_DURATION_SECONDS = 24 * 60 * 60;

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
const NUMBER = String.raw`\d+(?:\.\d+)?`;
const WHOLE = new RegExp(String.raw`^(?:${NUMBER}(?:ms|h|m|s))+$`);
const PART = new RegExp(String.raw`(${NUMBER})(ms|h|m|s)`, 'g');

/**
 * Reads a duration of clock time as runbooks write it: a bare number of seconds (`90`, `2.5`), or
 * numbers with units `ms`, `s`, `m`, `h`, alone or together, largest first (`1500ms`, `2s`, `5m`,
 * `1h30m`, `1m30s`). Case and surrounding spaces do not matter; a number (from YAML or JSON
 * attributes) is seconds.
 *
 * @returns `{ seconds }` for a duration above 0 and at most `MAX_DURATION_SECONDS`, else `{ error }`
 *   saying what is wrong and which forms are accepted. (Review intervals are calendar time, read
 *   by `parseReviewInterval`.)
 */
export function parseDuration(value: string | number): { seconds: number } | { error: string } {
  const seconds = typeof value === 'number' ? value : secondsOf(value.trim().toLowerCase());
  if (seconds === undefined || !Number.isFinite(seconds)) {
    return { error: `\`${String(value)}\` is not a duration; use ${DURATION_FORMS}` };
  }
  if (seconds <= 0) return { error: `\`${String(value)}\` is not above zero; use ${DURATION_FORMS}` };
  if (seconds > MAX_DURATION_SECONDS) return { error: `\`${String(value)}\` is longer than 24h` };
  return { seconds };
}

function secondsOf(text: string): number | undefined {
  if (new RegExp(`^${NUMBER}$`).test(text)) return Number(text);
  if (!WHOLE.test(text)) return undefined;
  const parts = [...text.matchAll(PART)].map(([, n, unit]) => ({ n: Number(n), unit: unit! }));
  // Each unit once, largest first: `5m1h` and `1m1m` are more likely mistakes than intent.
  const order = parts.map((p) => ['h', 'm', 's', 'ms'].indexOf(p.unit));
  if (order.some((o, i) => i > 0 && o <= order[i - 1]!)) return undefined;
  return parts.reduce((sum, p) => sum + p.n * UNIT_SECONDS[p.unit]!, 0);
}
