// Brace expansion for bounded globs (`bounded-glob.ts`): every alternative spelled out, or
// undefined as soon as there would be more than the bound allows.

/** Expands `{a,b}`, `{1..3}`, `@(a|b)` and `?(a|b)` (as `{,a,b}`); undefined past the bound. */
export function expandBraces(pattern: string, maxAlternatives: number): string[] | undefined {
  const normalised = pattern.replace(/(^|[^\\])@\(([^()]*)\)/g, (_, pre: string, body: string) => `${pre}{${body.split('|').join(',')}}`)
    .replace(/(^|[^\\])\?\(([^()]*)\)/g, (_, pre: string, body: string) => `${pre}{,${body.split('|').join(',')}}`);
  const out: string[] = [];
  const queue = [normalised];
  while (queue.length > 0) {
    const current = queue.pop()!;
    const brace = innermostBrace(current);
    if (!brace) {
      out.push(current);
      if (out.length > maxAlternatives) return undefined;
      continue;
    }
    const body = current.slice(brace.open + 1, brace.close);
    const range = /^(-?\d+)\.\.(-?\d+)$/.exec(body);
    let options: string[];
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (Math.abs(to - from) + 1 > maxAlternatives) return undefined;
      const step = from <= to ? 1 : -1;
      options = [];
      for (let n = from; n !== to + step; n += step) options.push(String(n));
    } else options = splitTopLevel(body);
    if (options.length === 1 && !range) {
      // `{a}` is literal in bash and picomatch
      queue.push(`${current.slice(0, brace.open)}\\{${body}\\}${current.slice(brace.close + 1)}`);
      continue;
    }
    if (out.length + queue.length + options.length > maxAlternatives) return undefined;
    for (const option of options) queue.push(current.slice(0, brace.open) + option + current.slice(brace.close + 1));
  }
  return out;
}

/** The first `{…}` with no unescaped brace inside it. */
function innermostBrace(text: string): { open: number; close: number } | undefined {
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') i++;
    else if (c === '{') open = i;
    else if (c === '}' && open >= 0) return { open, close: i };
  }
  return undefined;
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') i++;
    else if (body[i] === ',') {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}
