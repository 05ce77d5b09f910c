/**
 * Wall-clock time in an IANA time zone with `Intl.DateTimeFormat` only (no time-zone library).
 *
 * DST edges follow Temporal's `disambiguation: 'compatible'` (and `java.time`, and what people
 * expect): a wall time that occurs twice (the hour repeated when clocks go back) means the earlier
 * of the two instants; a wall time that does not exist (skipped when clocks go forward) is moved
 * forward by the length of the gap (02:30 on a day Europe/Berlin jumps from 02:00 to 03:00 means 03:30 CEST).
 */

/** A calendar date and time of day as read on a clock. Months are 1-based. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The IANA zone of the host (`Intl`'s default), e.g. `Europe/Berlin`; `UTC` when the host has none. */
export function hostTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** What a clock in `timeZone` shows at `instant`. Throws a RangeError for an unknown zone. */
export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

function wallAsUtcMs(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** The zone's offset from UTC at `ms`, in milliseconds (east positive). */
function offsetAt(ms: number, timeZone: string): number {
  const wallMs = wallAsUtcMs(wallTimeAt(new Date(ms), timeZone));
  return wallMs - Math.floor(ms / 1000) * 1000;
}

const DAY_MS = 86_400_000;

/**
 * The instant a clock in `timeZone` shows `wall`. Out-of-range fields roll over as in `Date.UTC`
 * (day 0 is the last day of the previous month). DST gaps and repeats: see the module comment.
 */
export function instantOfWallTime(wall: WallTime, timeZone: string): Date {
  const local = wallAsUtcMs(wall);
  // Offsets a day either side cover any single transition near this wall time.
  const before = offsetAt(local - DAY_MS, timeZone);
  const after = offsetAt(local + DAY_MS, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => local - offset)
    .filter((ms) => local - offsetAt(ms, timeZone) === ms)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return new Date(candidates[0]!);
  // In a gap: read the wall time with the offset in force before the jump, which lands after it.
  return new Date(local - before);
}

/** `2026-11-22T14:05:00Z`: ISO 8601 UTC to the second. */
export function utcStamp(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `15:05`: the time of day in `timeZone`, 24-hour. */
export function clockTime(instant: Date, timeZone: string): string {
  const wall = wallTimeAt(instant, timeZone);
  return `${pad(wall.hour)}:${pad(wall.minute)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
