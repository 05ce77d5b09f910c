import { readFrontMatter } from './front-matter-block';

/**
 * Sets top-level front matter fields with a minimal edit (as `markResolved` does): an existing
 * `key:` line is replaced, a missing key is added before the closing `---`; everything else stays
 * byte for byte. The result is parsed again and refused if any other field would change. Values
 * are written as YAML double-quoted strings. Returns the new text, or an error for a person when
 * the front matter is missing or cannot be parsed: then the file must be left alone.
 */
export function setFrontMatterFields(text: string, fields: Record<string, string>): { text: string } | { error: string } {
  const before = readFrontMatter(text);
  if (!before.ok) return { error: `Cannot set ${Object.keys(fields).map((k) => `\`${k}\``).join(' and ')}: ${before.problem} (line ${before.line}). The file was left as it is.` };
  const { lines, eol, close, bom } = before.block;
  const edited = [...lines];
  let end = close;
  for (const [key, value] of Object.entries(fields)) {
    const line = `${key}: ${JSON.stringify(value)}`;
    const index = edited.findIndex((l, i) => i > 0 && i < end && new RegExp(`^${key}\\s*:(?:\\s|$)`).test(l));
    if (index >= 0) edited[index] = line;
    else edited.splice(end++, 0, line);
  }
  const result = bom + edited.join(eol);
  const after = readFrontMatter(result);
  const expected = { ...before.data, ...fields };
  if (!after.ok || JSON.stringify(sorted(after.data)) !== JSON.stringify(sorted(expected))) {
    return { error: `Cannot set ${Object.keys(fields).map((k) => `\`${k}\``).join(' and ')}: the front matter's lines for them are not simple \`key: value\` lines, so a line edit could change other fields. Set them by hand.` };
  }
  return { text: result };
}

function sorted(value: Record<string, unknown>): unknown {
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
    ),
  );
}
