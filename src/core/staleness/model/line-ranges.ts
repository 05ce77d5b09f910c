/** One `@@ -oldStart,oldLines +newStart,newLines @@` hunk of a zero-context diff. */
export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
}

/** A 1-based, inclusive line range. */
export interface LineRange {
  start: number;
  end: number;
}

/** Where a range went through one diff. */
export interface MappedRange {
  /** The range on the other side; undefined when every line of it was removed. */
  range: LineRange | undefined;
  /** True when a changed, removed or inserted line falls inside the range. */
  touched: boolean;
}

/**
 * Follows a range of the old side of a zero-context diff to the new side. Lines added or removed
 * above it shift it; a hunk that removes a line of it, or inserts between two of its lines, touches
 * it. Insertions right after its last line do not. When touched, the new range is an estimate
 * (same start shift, end shifted by everything up to the end of the range).
 */
export function mapRangeForward(range: LineRange, hunks: Hunk[]): MappedRange {
  let before = 0;
  let through = 0;
  let touched = false;
  let removedInside = 0;
  for (const h of [...hunks].sort((a, b) => a.oldStart - b.oldStart)) {
    const delta = h.newLines - h.oldLines;
    if (h.oldLines === 0) {
      // Pure insertion after old line `oldStart`.
      if (h.oldStart < range.start) before += delta;
      else if (h.oldStart < range.end) {
        touched = true;
        through += delta;
      }
      continue;
    }
    const first = h.oldStart;
    const last = h.oldStart + h.oldLines - 1;
    if (last < range.start) before += delta;
    else if (first <= range.end) {
      touched = true;
      through += delta;
      removedInside += Math.min(last, range.end) - Math.max(first, range.start) + 1;
    }
  }
  const start = range.start + before;
  const end = range.end + before + through;
  const length = range.end - range.start + 1;
  if (touched && removedInside >= length && end < start) return { range: undefined, touched };
  return { range: { start, end: Math.max(start, end) }, touched };
}

/** Follows a range of the new side of a diff back to the old side (the mirror of `mapRangeForward`). */
export function mapRangeBackward(range: LineRange, hunks: Hunk[]): MappedRange {
  return mapRangeForward(
    range,
    hunks.map((h) => ({ oldStart: h.newStart, oldLines: h.newLines, newStart: h.oldStart, newLines: h.oldLines })),
  );
}

/** The hunks that touch `range` (old-side coordinates), in order. */
export function hunksTouching(range: LineRange, hunks: Hunk[]): Hunk[] {
  return hunks.filter((h) => mapRangeForward(range, [h]).touched);
}

/** Formats a range as people write it: `12` or `12–20`. */
export function formatRange(range: LineRange): string {
  return range.start === range.end ? `${range.start}` : `${range.start}–${range.end}`;
}

/** The `#L…` fragment for a range, GitHub style. */
export function rangeFragment(range: LineRange): string {
  return range.start === range.end ? `#L${range.start}` : `#L${range.start}-L${range.end}`;
}
