import type { Hunk } from '../model/line-ranges';
import type { MinorKind } from '../model/minor-kind';
import { factsOf, rawLines, type Text, type TextFacts } from './text-facts';

export type { MinorKind } from '../model/minor-kind';

/** The kind of each hunk of a diff (undefined for a real change) and the versions the version-only hunks removed. */
export interface MinorHunks {
  kinds: Array<MinorKind | undefined>;
  /** Version tokens of the removed lines of version-only hunks, in order, without repeats. */
  oldVersions: string[];
}

/**
 * Content digests (`sha256:0430…`), the tag of an image reference with a registry or namespace
 * path (`registry.k8s.io/x/runner:v20250112-a188f4eb`, `quay.io/org/app:build-4f2a91c`: letters
 * and digits), image tags with a dotted version (`go:dev-1.26-bookworm`), dotted versions (`1.22`,
 * `go1.26.6`, `v0.3.1-rc.1`) and `v` numbers (`@v4`). A plain number (`size: 10`, a port `:8080`)
 * or a duration (`1.5s`) is a setting, not a version.
 */
const VERSION =
  /sha(?:256|512):[0-9a-f]{32,}|(?<=[\w.-]\/[\w./-]*:)(?=[\w.-]*\d)(?=[\w.-]*[A-Za-z])\w[\w.-]*|(?<=[\w/-]:)[\w.-]*\d+\.\d+[\w.-]*|(?<![\d.])v?\d+\.\d+(?:\.\d+)*(?:-(?:rc|alpha|beta|pre)[\w.]*)?(?![\w.%])|(?<![\w.])v\d+(?![\w.])/g;

/** Lines that are only a comment in the usual languages of code and config (`#`, `//`, `/*`, `*`, `--`, `;`, `<!--`). */
const COMMENT = /^\s*(?:#(?!!)|\/\/|\/\*|\*|--|;|<!--)/;

/** The version tokens of a text, in order; of an image tag, the version in it (`1.26` of `dev-1.26-bookworm`). */
export function versionTokens(text: string): string[] {
  return (text.match(VERSION) ?? []).map((t) => (t.startsWith('sha') ? t : (t.match(/v?\d+\.\d+(?:\.\d+)*(?:-(?:rc|alpha|beta|pre)[\w.]*)?/)?.[0] ?? t)));
}

const squeeze = (line: string) => line.replace(/\s+/g, '');

/**
 * Files a package manager writes to pin resolved dependency versions. Every change to one is a
 * change of versions, whatever its hunks look like: a go.sum line's hash changes with its version,
 * and a bump adds or drops lines of transitive modules.
 */
const LOCK_FILE = /(?:^|\/)(?:go\.(?:work\.)?sum|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|Cargo\.lock|Gemfile\.lock|poetry\.lock|Pipfile\.lock|uv\.lock|composer\.lock|mix\.lock|flake\.lock|pubspec\.lock|Podfile\.lock|packages\.lock\.json|gradle\.lockfile|\.terraform\.lock\.hcl)$/;

/**
 * The versions a lock file's line pins, each with the name it pins (`github.com/miekg/dns v1.1.62`
 * of a go.sum line, `rails 7.0.1` of a Gemfile.lock line): a doc quotes a pinned version only next
 * to its name, since a lock file holds the same version number for many unrelated packages. A line
 * without the name before its version (`version = "1.0.1"`, `"version": "1.0.0"`) pins none.
 */
function pinnedVersions(line: string): string[] {
  const name = line.trim().split(/\s+/)[0] ?? '';
  if (!/^[\w@][\w@./+-]*$/.test(name) || /^v?\d/.test(name) || /^(?:version|resolved|integrity|checksum|source|name)$/.test(name)) return [];
  return versionTokens(line.slice(line.indexOf(name) + name.length)).map((v) => `${name} ${v}`);
}

/** Whether `path` is a dependency lock file (see `LOCK_FILE`). */
export function isLockFile(path: string): boolean {
  return LOCK_FILE.test(path);
}

/**
 * Classifies each hunk of the diff from `before` to `after` of the file at `path` (hunks as
 * `diffIgnoringWhitespace` gives them). Every hunk of a lock file is `versions`. A hunk is `versions` when it replaces lines one for one and each pair differs only
 * in version tokens, `comments` when every non-blank line it removes or adds is a comment (a line
 * inside a `/* … *\/` block too, see `blockCommentLines`), and
 * every hunk is `moved` when each removed line comes back as an added line somewhere (and the
 * other way round).
 */
export function minorHunks(before: Text, after: Text, hunks: Hunk[], path = ''): MinorHunks {
  const [factsA, factsB] = [factsOf(before), factsOf(after)];
  const a = factsA.of(rawLines);
  const b = factsB.of(rawLines);
  const removed = (h: Hunk) => a.slice(h.oldStart - 1, h.oldStart - 1 + h.oldLines);
  const added = (h: Hunk) => b.slice(h.newStart - 1, h.newStart - 1 + h.newLines);
  if (isLockFile(path)) return { kinds: hunks.map(() => 'versions'), oldVersions: [...new Set(hunks.flatMap(removed).flatMap(pinnedVersions))] };
  if (hunks.length > 0 && sameLines(hunks.flatMap(removed), hunks.flatMap(added))) return { kinds: hunks.map(() => 'moved'), oldVersions: [] };
  const oldVersions: string[] = [];
  const [inA, inB] = [factsA.of(blockComments), factsB.of(blockComments)];
  const commentOnly = (lines: readonly string[], start: number, inside: readonly boolean[]) => lines.every((line, i) => line.trim() === '' || COMMENT.test(line) || inside[start + i]);
  const kinds = hunks.map((h): MinorKind | undefined => {
    const out = removed(h);
    const into = added(h);
    if (commentOnly(out, h.oldStart - 1, inA) && commentOnly(into, h.newStart - 1, inB)) return 'comments';
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

/**
 * Per line, whether it lies inside a block comment opened by a line starting with `/*` (a license
 * header whose lines have no leading `*`), up to and including the line holding `*\/`. Only a `/*`
 * at the start of a line opens one, so a glob in a string (`"src/**\/*.ts"`) does not.
 */
function blockCommentLines(lines: readonly string[]): boolean[] {
  const inside: boolean[] = [];
  let open = false;
  for (const line of lines) {
    if (!open && /^\s*\/\*/.test(line)) open = !line.includes('*/', line.indexOf('/*') + 2);
    else if (open) {
      inside.push(true);
      open = !line.includes('*/');
      continue;
    }
    inside.push(false);
  }
  return inside;
}

/** The block comment lines of a text (see `blockCommentLines`). */
const blockComments = (facts: TextFacts): readonly boolean[] => blockCommentLines(facts.of(rawLines));

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
