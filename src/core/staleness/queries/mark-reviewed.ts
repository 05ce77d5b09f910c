/** The review-date fields we update in place, in the order we prefer them. */
const REVIEW_FIELDS = ['reviewed', 'last_reviewed', 'last_reviewed_on', 'lastReviewed'];

/**
 * Records a review in a doc's front matter by editing lines, never by re-writing the YAML: sets the
 * first existing review field (`reviewed`, `last_reviewed`, …) to `date` (YYYY-MM-DD), else adds
 * `reviewed: date` before the closing `---`, else adds a front matter block with it. Keeps the
 * file's line endings. Returns `{ error }` when the front matter is not closed.
 */
export function markReviewed(text: string, date: string): { text: string } | { error: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return { text: `---${eol}reviewed: ${date}${eol}---${eol}${text}` };
  const close = lines.findIndex((line, i) => i > 0 && (line.trim() === '---' || line.trim() === '...'));
  if (close < 0) return { error: 'the front matter has no closing `---`; fix it before marking the doc reviewed' };
  for (const field of REVIEW_FIELDS) {
    const at = lines.findIndex((line, i) => i > 0 && i < close && new RegExp(`^${field}\\s*:`).test(line));
    if (at >= 0) {
      const comment = /\s+#.*$/.exec(lines[at]!)?.[0] ?? '';
      lines[at] = `${field}: ${date}${comment}`;
      return { text: lines.join(eol) };
    }
  }
  lines.splice(close, 0, `reviewed: ${date}`);
  return { text: lines.join(eol) };
}
