import type { Hunk } from '../model/line-ranges';
import type { MinorKind } from '../model/minor-kind';

export type { MinorKind } from '../model/minor-kind';

/** The kind of each hunk of a diff (undefined for a real change) and the versions the version-only hunks removed. */
export interface MinorHunks {
  kinds: Array<MinorKind | undefined>;
  /** Version tokens of the removed lines of version-only hunks, in order, without repeats. */
  oldVersions: string[];
}

/**
 * Image tags with a dotted version (`go:dev-1.26-bookworm`), dotted versions (`1.22`, `go1.26.6`,
 * `v0.3.1-rc.1`) and `v` numbers (`@v4`). A plain number (`size: 10`, a port `:8080`) or a
 * duration (`1.5s`) is a setting, not a version.
 */
const VERSION = /(?<=[\w/-]:)[\w.-]*\d+\.\d+[\w.-]*|(?<![\d.])v?\d+\.\d+(?:\.\d+)*(?:-(?:rc|alpha|beta|pre)[\w.]*)?(?![\w.%])|(?<![\w.])v\d+(?![\w.])/g;

/** Lines that are only a comment in the usual languages of code and config (`#`, `//`, `/*`, `*`, `--`, `;`, `<!--`). */
const COMMENT = /^\s*(?:#(?!!)|\/\/|\/\*|\*|--|;|<!--)/;

/** The version tokens of a text, in order; of an image tag, the version in it (`1.26` of `dev-1.26-bookworm`). */
export function versionTokens(text: string): string[] {
  return (text.match(VERSION) ?? []).map((t) => t.match(/v?\d+\.\d+(?:\.\d+)*(?:-(?:rc|alpha|beta|pre)[\w.]*)?/)?.[0] ?? t);
}

const squeeze = (line: string) => line.replace(/\s+/g, '');

/**
 * Classifies each hunk of the diff from `before` to `after` (hunks as `diffIgnoringWhitespace`
 * gives them). A hunk is `versions` when it replaces lines one for one and each pair differs only
 * in version tokens, `comments` when every non-blank line it removes or adds is a comment, and
 * every hunk is `moved` when each removed line comes back as an added line somewhere (and the
 * other way round).
 */
export function minorHunks(before: string, after: string, hunks: Hunk[]): MinorHunks {
  const a = before.split('\n');
  const b = after.split('\n');
  const removed = (h: Hunk) => a.slice(h.oldStart - 1, h.oldStart - 1 + h.oldLines);
  const added = (h: Hunk) => b.slice(h.newStart - 1, h.newStart - 1 + h.newLines);
  if (hunks.length > 0 && sameLines(hunks.flatMap(removed), hunks.flatMap(added))) return { kinds: hunks.map(() => 'moved'), oldVersions: [] };
  const oldVersions: string[] = [];
  const kinds = hunks.map((h): MinorKind | undefined => {
    const out = removed(h);
    const into = added(h);
    if ([...out, ...into].every((line) => line.trim() === '' || COMMENT.test(line))) return 'comments';
    if (out.length === 0 || out.length !== into.length) return undefined;
    const same = out.every((line, i) => {
      const other = into[i]!;
      return line !== other && squeeze(line.replace(VERSION, '\u0000')) === squeeze(other.replace(VERSION, '\u0000'));
    });
    if (!same) return undefined;
    for (const line of out) for (const v of versionTokens(line)) if (!oldVersions.includes(v)) oldVersions.push(v);
    return 'versions';
  });
  return { kinds, oldVersions };
}

/** Whether two lists hold the same non-blank lines (whitespace ignored), as multisets. */
function sameLines(x: string[], y: string[]): boolean {
  const count = new Map<string, number>();
  for (const line of x) if (line.trim()) count.set(squeeze(line), (count.get(squeeze(line)) ?? 0) + 1);
  for (const line of y) {
    if (!line.trim()) continue;
    const left = count.get(squeeze(line));
    if (!left) return false;
    count.set(squeeze(line), left - 1);
  }
  return [...count.values()].every((n) => n === 0);
}
