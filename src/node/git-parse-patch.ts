import type { FileHunks, Hunk } from '../core/staleness/ports';
import { RECORD, type PathMapper } from './git-parse';

/**
 * Parses zero-context patches (`-p -U0 --src-prefix=a/ --dst-prefix=b/`), from `git log` (with
 * `RECORD%H` commit headers) or `git diff` (without). Hunk bodies are skipped by their line counts,
 * so file content can never be mistaken for a header.
 */
export function parsePatch(text: string, map: PathMapper = (p) => p): FileHunks[] {
  const files: FileHunks[] = [];
  const lines = text.split('\n');
  let sha: string | undefined;
  let file: (FileHunks & { top?: string }) | undefined;
  const flush = () => {
    if (file?.top !== undefined) {
      const path = map(file.top);
      if (path !== undefined) files.push({ ...(file.sha ? { sha: file.sha } : {}), path, hunks: file.hunks, added: file.added, deleted: file.deleted, ...(file.binary ? { binary: true } : {}) });
    }
    file = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line.startsWith(RECORD)) {
      flush();
      sha = line.slice(1).trim();
      continue;
    }
    if (line.startsWith('diff --git ')) {
      flush();
      file = { ...(sha ? { sha } : {}), path: '', hunks: [], added: 0, deleted: 0 };
      const both = gitDiffHeaderPath(line.slice('diff --git '.length));
      if (both !== undefined) file.top = both;
      continue;
    }
    if (!file) continue;
    if (line.startsWith('+++ ')) {
      const path = headerPath(line.slice(4), 'b/');
      if (path !== undefined) file.top = path;
    } else if (line.startsWith('--- ')) {
      const path = headerPath(line.slice(4), 'a/');
      if (path !== undefined && file.top === undefined) file.top = path;
    } else if (line.startsWith('rename to ') || line.startsWith('copy to ')) {
      file.top = unquote(line.slice(line.indexOf(' to ') + 4));
    } else if (line.startsWith('Binary files ')) {
      file.binary = true;
    } else if (line.startsWith('@@ ')) {
      const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m) continue;
      const hunk: Hunk = { oldStart: Number(m[1]), oldLines: m[2] === undefined ? 1 : Number(m[2]), newStart: Number(m[3]), newLines: m[4] === undefined ? 1 : Number(m[4]) };
      file.hunks.push(hunk);
      file.added += hunk.newLines;
      file.deleted += hunk.oldLines;
      // Skip the body: exactly oldLines '-' lines and newLines '+' lines, plus "\ No newline" markers.
      let body = hunk.oldLines + hunk.newLines;
      while (body > 0 && i + 1 < lines.length) {
        i++;
        if (!lines[i]!.startsWith('\\')) body--;
      }
      while (i + 1 < lines.length && lines[i + 1]!.startsWith('\\')) i++;
    }
  }
  flush();
  return files;
}

/** The path of `a/X b/X` (no rename): unambiguous even with spaces because both halves are equal. */
function gitDiffHeaderPath(rest: string): string | undefined {
  if (rest.startsWith('"')) {
    const first = readQuoted(rest);
    if (!first) return undefined;
    const second = rest.slice(first.length + 1);
    const target = second.startsWith('"') ? unquote(second) : second;
    return target.startsWith('b/') ? target.slice(2) : undefined;
  }
  if ((rest.length - 5) % 2 !== 0) return undefined;
  const half = (rest.length - 5) / 2;
  const a = rest.slice(2, 2 + half);
  const b = rest.slice(half + 5);
  return rest.startsWith('a/') && rest.slice(2 + half, half + 5) === ' b/' && a === b ? a : undefined;
}

function headerPath(raw: string, prefix: string): string | undefined {
  if (raw === '/dev/null') return undefined;
  const text = raw.startsWith('"') ? unquote(raw) : raw.replace(/\t$/, '');
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}

function readQuoted(text: string): string | undefined {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return text.slice(0, i + 1);
  }
  return undefined;
}

/** Reverses git's C-style quoting of paths (`"sp\303\251cial\ttab.txt"`), octal escapes as UTF-8 bytes. */
export function unquote(text: string): string {
  const quoted = text.startsWith('"') ? readQuoted(text) : undefined;
  if (!quoted) return text.replace(/\t$/, '');
  const body = quoted.slice(1, -1);
  const bytes: number[] = [];
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '\\': 92, '"': 34 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
