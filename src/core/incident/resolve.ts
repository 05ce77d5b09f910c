import { readFrontMatter } from './front-matter-block';
import { utcStamp } from './zoned-time';

/**
 * Marks an incident resolved with a minimal edit: inside the front matter only, the top-level
 * `status:` line becomes `status: resolved` and the `resolved:` line is set (or added after
 * `started:`, else before the closing `---`). Everything else, comments and formatting included,
 * stays byte for byte. The edit is checked by parsing the result: if any other field would change
 * (a multi-line `status: |` value, say) nothing is edited. Returns the new text, or an error for a
 * person when the front matter is missing or cannot be parsed; then the file must be left alone.
 */
export function markResolved(text: string, resolvedAt: Date): { text: string } | { error: string } {
  const before = readFrontMatter(text);
  if (!before.ok) return { error: `Cannot mark the incident resolved: ${before.problem} (line ${before.line}). The front matter was left as it is; fix it and set \`status: resolved\` by hand.` };
  const { lines, eol, close, bom } = before.block;
  const stamp = utcStamp(resolvedAt);
  const edited = [...lines];
  const keyLine = (key: string) => edited.findIndex((line, i) => i > 0 && i < close && new RegExp(`^${key}\\s*:(?:\\s|$)`).test(line));
  const setValue = (index: number, key: string, value: string) => {
    const comment = /\s+#.*$/.exec(edited[index]!.slice(edited[index]!.indexOf(':') + 1))?.[0] ?? '';
    edited[index] = `${key}: ${value}${comment && !/["']/.test(edited[index]!) ? comment : ''}`;
  };
  let end = close;
  const status = keyLine('status');
  if (status >= 0) setValue(status, 'status', 'resolved');
  else edited.splice(end++, 0, 'status: resolved');
  const resolved = keyLine('resolved');
  if (resolved >= 0) setValue(resolved, 'resolved', stamp);
  else {
    const started = keyLine('started');
    edited.splice(started >= 0 && !/^\s/.test(edited[started + 1] ?? '') ? started + 1 : end, 0, `resolved: ${stamp}`);
  }

  const result = bom + edited.join(eol);
  const after = readFrontMatter(result);
  const expected = { ...before.data, status: 'resolved', resolved: stamp };
  if (!after.ok || canonical(after.data) !== canonical(expected)) {
    return { error: 'Cannot mark the incident resolved: its `status:` or `resolved:` lines are not simple `key: value` lines, so a line edit could change other fields. Set `status: resolved` by hand.' };
  }
  return { text: result };
}

/** JSON with sorted keys and dates as ISO text, to compare two parsed front matters. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}
