/**
 * The text a VS Code snippet inserts when every field keeps its default: `${1:default}` → default,
 * `${2|a,b|}` → a, `$1`/`$0` → nothing, `$CURRENT_YEAR`-style date variables from `now` (local
 * time, as VS Code fills them), `\$`, `\}` and `\\` unescaped. For inserting a template where the
 * snippet machinery is not available; nested placeholders keep their inner defaults.
 */
export function snippetText(body: string, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const variables: Record<string, string> = {
    CURRENT_YEAR: String(now.getFullYear()),
    CURRENT_MONTH: pad(now.getMonth() + 1),
    CURRENT_DATE: pad(now.getDate()),
    CURRENT_HOUR: pad(now.getHours()),
    CURRENT_MINUTE: pad(now.getMinutes()),
    CURRENT_SECOND: pad(now.getSeconds()),
  };
  let out = '';
  let i = 0;
  while (i < body.length) {
    const ch = body[i]!;
    if (ch === '\\' && i + 1 < body.length && '$}\\'.includes(body[i + 1]!)) {
      out += body[i + 1];
      i += 2;
      continue;
    }
    if (ch !== '$') {
      out += ch;
      i++;
      continue;
    }
    const rest = body.slice(i + 1);
    const bare = /^(\d+|[A-Z_]+)/.exec(rest);
    if (bare) {
      out += /^\d/.test(bare[1]!) ? '' : (variables[bare[1]!] ?? '');
      i += 1 + bare[1]!.length;
      continue;
    }
    const choice = /^\{\d+\|((?:[^|\\]|\\.)*?)[,|]/.exec(rest);
    if (choice) {
      out += choice[1]!.replace(/\\(.)/g, '$1');
      i += 1 + rest.indexOf('|}') + 2;
      continue;
    }
    const open = /^\{(\d+|[A-Z_]+)(:?)/.exec(rest);
    if (open) {
      // `${1:default}` with a default that may hold escapes and nested fields: find its closing brace.
      const end = closingBrace(body, i + 2 + open[0].length - 1);
      const inner = open[2] ? body.slice(i + 1 + open[0].length, end) : '';
      const isVariable = !/^\d/.test(open[1]!);
      out += isVariable && variables[open[1]!] !== undefined ? variables[open[1]!] : snippetText(inner, now);
      i = end + 1;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** The index of the `}` that closes the field whose `{` is at `start`, skipping escapes and nested fields. */
function closingBrace(body: string, start: number): number {
  let depth = 0;
  for (let i = start; i < body.length; i++) {
    if (body[i] === '\\') {
      i++;
    } else if (body[i] === '{' && body[i - 1] === '$') {
      depth++;
    } else if (body[i] === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return body.length;
}
