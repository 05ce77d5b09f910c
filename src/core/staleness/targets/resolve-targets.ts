import { compileBoundedGlob, isGlobRefusal } from '../../bounded-glob';
import { watchesUnsafePatternReason } from '../rules/watches-unsafe-pattern';
import { posix } from 'node:path';
import picomatch from 'picomatch';
import type { DocModel } from '../../doc-model';
import { RuleId } from '../../findings/finding';
import { lineRange } from '../../line-fragment';
import { isReleaseSnapshot } from '../../release-snapshot';
import type { AlertRuleLink } from '../../alerts/types';
import type { LineRange } from '../model/line-ranges';
import type { CommandLinkSource, GitRefs } from '../ports';
import type { RepoLocation } from '../../repo/repo-ports';
import { resolveRepoUrl } from '../../repo/repo-urls';
import type { LinkedTarget, ResolvedDoc, StalenessReason, TargetVia } from '../model/evidence';
import { outsideRepoReason } from '../rules/link-outside-repo';
import { notPublishedReason } from '../rules/link-not-published';
import type { SiteContext } from '../../site/site-model';
import { isFixturePath, isTemplatePath, siteOutcome } from './site-targets';
import { FileSet } from './file-set';
import { isPastRecord } from '../../past-records';

export { FileSet } from './file-set';
export type { ResolvedDoc } from '../model/evidence';

/** What resolution needs besides the doc. */
export interface ResolveContext {
  files: FileSet;
  /** Forge locations of the git remotes, for URLs into this repository. */
  repos: RepoLocation[];
  refs: GitRefs;
  /** Count inline code spans that name existing paths (on by default for runbooks). */
  codeSpans: boolean;
  /** Track edits of linked markdown docs too (off by default: docs link each other freely). */
  trackDocLinks: boolean;
  /** Alert rule files whose `runbook_url` points at this doc. */
  alertRules: AlertRuleLink[];
  /** What the doc's commands call; none: commands link nothing. */
  commandLinks?: CommandLinkSource;
  /** The docs sites detected, to resolve links the way the published site does; undefined: plain repository paths. */
  site?: SiteContext;
}


const DOC_EXTENSION = /\.(md|markdown|mdx)$/i;
/**
 * Two folders above the root lies the repository's own page on the forge (`github.com/o/r/blob/main/`
 * → `github.com/o/r/`): `../../graphs/contributors` from a root README is a forge route that works
 * there, not a path of the repository.
 */
const FORGE_ROUTE = /^\.\.\/\.\.\/(graphs|issues|pulls?|wiki|releases|actions|discussions|security|network|compare|commits?|milestones|labels|projects|tags|branches|pulse|stargazers|forks|merge_requests|-)(\/|\?|#|$)/;

/** `../tree/HEAD/README.md`: a forge route relative to a pull request's page, written in comment templates (check-spelling's `advice.md`). */
const FORGE_HEAD_ROUTE = /^(\.\.\/)+(tree|blob)\/HEAD\//;

/** `$BRANCH_URL`, `${VERSION}`: a placeholder a template or a bot fills in, not a path. */
const PLACEHOLDER = /\$\{?[A-Z_][A-Z0-9_]*\}?/;
const LINE_SUFFIX = /^(.*?)(?::(\d+)(?:-(\d+))?|#(L\d+(?:-L?\d+)?))$/;

/**
 * Resolves what a doc depends on: relative and root-absolute links (with `#L10-L20` ranges),
 * forge URLs into this repository (pinned ones marked), front matter `watches:` paths and globs,
 * inline code spans that name existing paths, the files its commands call (`ctx.commandLinks`),
 * and alert rule files that point at the doc. Never
 * resolves above the root: such links become `link.outside-repo` problems. Targets named several
 * times are listed once with every occurrence.
 */
export function resolveDocTargets(doc: DocModel, ctx: ResolveContext): ResolvedDoc {
  // Test fixtures are indexed for search only (their links are often broken on purpose), and site templates are not pages.
  if (isFixturePath(doc.path) || isTemplatePath(ctx.site, doc.path)) return { targets: [], problems: [] };
  const targets = new Map<string, LinkedTarget>();
  const problems: StalenessReason[] = [];
  const docDir = posix.dirname(doc.path) === '.' ? '' : posix.dirname(doc.path);
  const frontMatterLine = doc.frontMatterLines?.start ?? 1;

  // A release's frozen copy of the docs describes that release, and minutes or a changelog the past: what their links point at moves on without them.
  const snapshot = isReleaseSnapshot(doc.path) || isPastRecord(doc.path);
  const tracks = (target: Omit<LinkedTarget, 'occurrences' | 'tracked'>): boolean => !snapshot && isTracked(target, ctx.trackDocLinks);
  const add = (target: Omit<LinkedTarget, 'occurrences' | 'tracked'>): void => {
    const key = `${target.path}\u0000${target.lines ? `${target.lines.start}-${target.lines.end}` : ''}\u0000${target.pinned?.ref ?? ''}`;
    const existing = targets.get(key);
    const occurrence = { line: target.line, ...(target.column !== undefined ? { column: target.column } : {}), raw: target.raw };
    if (existing) {
      existing.occurrences.push(occurrence);
      // A folder both linked and watched is watched.
      if (!existing.tracked && tracks(target)) existing.tracked = true;
      return;
    }
    targets.set(key, { ...target, tracked: tracks(target), occurrences: [occurrence] });
  };

  const outside = (raw: string, line: number, column: number | undefined): void => {
    problems.push(outsideRepoReason(raw, line, column));
  };

  for (const link of doc.links) {
    let path: string | undefined;
    let lines: LineRange | undefined = link.lines;
    let pinned: LinkedTarget['pinned'];
    let via: TargetVia = 'link';
    let preferDir = false;
    if (link.kind === 'anchor') continue;
    if (link.kind === 'url') {
      const target = resolveRepoUrl(link.raw, ctx.repos, ctx.refs);
      if (!target) continue;
      via = 'url';
      path = target.path;
      lines = target.lines;
      preferDir = target.kind === 'directory';
      if (target.pinned) pinned = { ref: target.ref, kind: target.pinned };
      else {
        const branch = otherBranch(target.ref, ctx.refs);
        // A branch the clone does not have cannot be judged: nothing is said about the link.
        if (branch === 'unknown') continue;
        if (branch) pinned = { ref: target.ref, kind: 'branch' };
      }
    } else {
      const written = link.path ?? '';
      // A template expression (a Hugo shortcode) is not a path: only a detected site reads it.
      if (!written || (/\{\{|\{%/.test(written) && !ctx.site?.sites.length) || PLACEHOLDER.test(written) || FORGE_HEAD_ROUTE.test(written)) continue;
      preferDir = written.endsWith('/');
      const joined = link.kind === 'absolute-path' ? written.replace(/^\/+/, '') : posix.join(docDir, written);
      const normalized = posix.normalize(joined || '.');
      if (normalized === '..' || normalized.startsWith('../')) {
        if (link.kind === 'relative' && FORGE_ROUTE.test(normalized)) continue;
        outside(link.raw, link.line, link.column);
        continue;
      }
      path = normalized === '.' ? '' : normalized.replace(/\/+$/, '');
    }
    path = path.replace(/\/+$/, '');
    if (path === doc.path || (path === '' && !pinned)) continue;
    lines ??= linesInTexts(link.useTexts ?? [link.text], path);
    let kind: LinkedTarget['kind'] = pinned ? (preferDir ? 'directory' : 'file') : existence(ctx.files, path, preferDir);
    let site: LinkedTarget['site'];
    if (ctx.site && (link.kind === 'relative' || link.kind === 'absolute-path')) {
      const outcome = siteOutcome(link, doc.path, path, kind, ctx.site, ctx.files);
      if (outcome.problem) problems.push(outcome.problem);
      if (outcome.kind === 'keep' && outcome.unpublished) problems.push(notPublishedReason(link.raw, outcome.path, outcome.unpublished, link.line, link.column));
      if (outcome.kind === 'drop') continue;
      ({ path, targetKind: kind, site } = outcome);
      if (path === doc.path) continue;
    }
    add({
      path,
      kind,
      ...(site ? { site } : {}),
      via,
      ...(lines ? { lines } : {}),
      ...(pinned ? { pinned } : {}),
      line: link.line,
      column: link.column,
      raw: link.raw,
    });
  }

  const watches = doc.frontMatter?.watches ?? doc.frontMatter?.watch;
  if (watches !== undefined && watches !== null) {
    const patterns = typeof watches === 'string' ? [watches] : Array.isArray(watches) && watches.every((w) => typeof w === 'string') ? (watches as string[]) : undefined;
    if (!patterns) {
      problems.push({
        ruleId: RuleId.frontMatterFieldType,
        severity: 'warning',
        line: frontMatterLine,
        message: 'Front matter `watches` should be a path, a glob or a list of them (e.g. `watches: [deploy/db/**]`); it was ignored.',
        commits: [],
      });
    }
    for (const written of patterns ?? []) {
      const pattern = written.trim().replace(/^\.?\/+/, '');
      if (!pattern) continue;
      if (pattern === '..' || pattern.startsWith('../')) {
        outside(written, frontMatterLine, undefined);
        continue;
      }
      if (picomatch.scan(pattern).isGlob) {
        const compiled = compileBoundedGlob(pattern);
        if (isGlobRefusal(compiled)) problems.push(watchesUnsafePatternReason(compiled, written, frontMatterLine));
        else add({ path: pattern, kind: 'glob', via: 'watches', line: frontMatterLine, raw: written });
      }
      else {
        const path = posix.normalize(pattern).replace(/\/+$/, '');
        add({ path, kind: existence(ctx.files, path, pattern.endsWith('/')), via: 'watches', line: frontMatterLine, raw: written });
      }
    }
  }

  if (ctx.codeSpans) {
    for (const span of doc.codeSpans ?? []) {
      const match = LINE_SUFFIX.exec(span.text);
      const written = match ? match[1]! : span.text;
      const lines = match ? (match[4] ? lineRange(match[4]) : { start: Number(match[2]), end: Number(match[3] ?? match[2]) }) : undefined;
      const bare = written.replace(/^\.\//, '').replace(/^\/+/, '').replace(/\/+$/, '');
      // A bare well-known name (`.gitlab-ci.yml`, `Makefile`) in a doc below the root names a kind of file, not the root's.
      const generic = !written.includes('/') && docDir !== '' && COMMON_FILE_NAME.test(written);
      const candidates = generic ? [posix.join(docDir, written)] : [posix.normalize(bare), posix.normalize(posix.join(docDir, written))];
      const path = candidates.find((c) => !c.startsWith('..') && c !== '.' && (ctx.files.hasFile(c) || ctx.files.hasDir(c)));
      if (!path || path === doc.path || DOC_EXTENSION.test(path)) continue;
      const validLines = lines && lines.start >= 1 && lines.end >= lines.start ? lines : undefined;
      add({
        path,
        kind: ctx.files.hasFile(path) ? 'file' : 'directory',
        via: 'code-span',
        ...(validLines ? { lines: validLines } : {}),
        line: span.line,
        column: span.column,
        raw: span.text,
      });
    }
  }

  for (const link of ctx.commandLinks?.(doc, ctx.files) ?? []) add({ path: link.path, kind: 'file', via: 'command', line: link.line, raw: link.raw });

  for (const rule of ctx.alertRules) {
    add({ path: rule.ruleFile, kind: existence(ctx.files, rule.ruleFile, false), via: 'alert-rule', line: frontMatterLine, raw: rule.value, ruleLine: rule.line });
  }

  return { targets: [...targets.values()], problems };
}

/**
 * File names every project of a kind has (`.gitlab-ci.yml`, `Makefile`, `go.mod`, `package.json`):
 * written bare in prose they name that kind of file (the users' CI files), not this repository's.
 */
const COMMON_FILE_NAME =
  /^(?:\.gitlab-ci\.ya?ml|\.travis\.ya?ml|\.gitignore|\.gitattributes|\.dockerignore|\.editorconfig|\.env|\.pre-commit-config\.ya?ml|\.golangci\.ya?ml|[Mm]akefile|GNUmakefile|Dockerfile|Containerfile|Jenkinsfile|Vagrantfile|Rakefile|Procfile|Gemfile(?:\.lock)?|Taskfile\.ya?ml|[Jj]ustfile|package(?:-lock)?\.json|yarn\.lock|pnpm-lock\.yaml|tsconfig\.json|go\.(?:mod|sum|work)|Cargo\.(?:toml|lock)|pyproject\.toml|requirements\.txt|setup\.(?:py|cfg)|pom\.xml|build\.gradle(?:\.kts)?|BUILD(?:\.bazel)?|WORKSPACE(?:\.bazel)?|MODULE\.bazel|Chart\.(?:yaml|lock)|values\.ya?ml|kustomization\.ya?ml|docker-compose\.ya?ml|compose\.ya?ml|CODEOWNERS|OWNERS|(?:main|variables|outputs|versions|providers)\.tf|terraform\.tfvars|config\.ya?ml|config\.json)$/;

/** Branch names a forge redirects to the default branch after a rename (`master` → `main`). */
const DEFAULT_NAMES = new Set(['HEAD', 'master', 'main']);

/**
 * Whether a forge URL's ref is another line of history than the one checked out: `true` for a
 * branch of the clone other than the checked-out one or the remote's default (`release-1.7`:
 * judged on that branch), `'unknown'` for a branch the clone lacks, `false` for the checked-out
 * line (and for any ref when the checked-out branch is unknown: followed as before).
 */
function otherBranch(ref: string, refs: ResolveContext['refs']): boolean | 'unknown' {
  if (!refs.current?.length || refs.current.includes(ref)) return false;
  if (refs.branches.includes(ref)) return true;
  return DEFAULT_NAMES.has(ref) ? false : 'unknown';
}

/** `flags.go:86-89`, `` `pool.yaml:7` ``: a file name with a line or a range, as link text. */
const NAME_WITH_LINES = /^`?(?:[^\s`:]*\/)?([^\s`/:]+):(\d+)(?:-(\d+))?`?$/;

/**
 * The lines a link's text names after the target's own file name (`[flags.go:86-89](…/flags.go)`):
 * the doc describes those lines, as with a `#L86-L89` anchor. Undefined when the text names
 * another file, no lines, or an empty range.
 */
function linesInText(text: string, path: string): LineRange | undefined {
  const match = NAME_WITH_LINES.exec(text.trim());
  if (!match || match[1] !== posix.basename(path)) return undefined;
  const start = Number(match[2]);
  const end = Number(match[3] ?? match[2]);
  return start >= 1 && end >= start ? { start, end } : undefined;
}

/** The lines every one of `texts` names (see `linesInText`): a reference used once with lines and once without keeps the whole file. */
function linesInTexts(texts: string[], path: string): LineRange | undefined {
  const ranges = texts.map((t) => linesInText(t, path));
  const [first] = ranges;
  return first && ranges.every((r) => r && r.start === first.start && r.end === first.end) ? first : undefined;
}

/** Figures a doc shows: their edits are made for the doc, never against it. */
const FIGURE_EXTENSION = /\.(png|jpe?g|gif|svg|webp|bmp|ico|pdf)$/i;

/**
 * Prose that is not markdown: license and notice texts, changelogs, reStructuredText and AsciiDoc
 * pages. A doc that links them is pointing to another text, not describing code (a filled-in
 * copyright line does not make a README wrong).
 */
const PROSE_FILE = /(?:^|\/)(?:LICEN[CS]E|[Ll]icen[cs]e|COPYING|NOTICE|AUTHORS|CONTRIBUTORS|CHANGELOG|CHANGES|HISTORY)(?:[-_.][A-Z0-9.-]*)?(?:\.(?:txt|rst|adoc))?$|\.(?:rst|adoc|asciidoc)$/;

/**
 * Whether a target's edits can age the doc. A folder named in the text (a link, a URL, a code
 * span) is a pointer, "the tests live here": what changes inside it is not what the doc says,
 * so only `watches:` folders and globs count their contents. Other docs and prose files (unless
 * `trackDocLinks`) and figures never count. Untracked targets are still checked for existence.
 */
function isTracked(target: Omit<LinkedTarget, 'occurrences' | 'tracked'>, trackDocLinks: boolean): boolean {
  if (target.kind === 'glob') return true;
  if (target.kind === 'directory' && target.via !== 'watches') return false;
  if (FIGURE_EXTENSION.test(target.path)) return false;
  return !(DOC_EXTENSION.test(target.path) || PROSE_FILE.test(target.path)) || trackDocLinks;
}

function existence(files: FileSet, path: string, preferDir: boolean): LinkedTarget['kind'] {
  if (preferDir && files.hasDir(path)) return 'directory';
  if (files.hasFile(path)) return 'file';
  if (files.hasDir(path)) return 'directory';
  return 'missing';
}
