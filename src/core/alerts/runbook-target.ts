import { posix } from 'node:path';
import { normalizeAlertName } from '../alert-name';
import type { DocModel } from '../doc-model';
import type { GitRefs } from '../repo/repo-ports';
import { resolveRepoUrl, type RepoLocation } from '../repo/repo-urls';
import type { DocLookup } from './doc-lookup';
import type { AlertRule, RunbookAnnotationValue, RunbookTarget } from './types';

export type { RunbookTarget } from './types';

/** What resolving runbook annotations needs. */
export interface TargetContext {
  lookup: DocLookup;
  /** Every file of the repository, for folder URLs and paths that exist but are not docs. */
  files: ReadonlySet<string>;
  repos: RepoLocation[];
  refs: GitRefs;
}

const URL_PATTERN = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Fills in the alert's own name where a runbook template asks for it (`{{ $labels.alertname }}`,
 * `{{ .Labels.alertname }}`, `{{ .CommonLabels.alertname }}`, a lone `%s`). Undefined when other
 * template parts remain.
 */
export function fillTemplate(annotation: RunbookAnnotationValue, alert: string): string | undefined {
  if (!annotation.templated) return annotation.value;
  let value = annotation.value.replace(/\{\{-?\s*(?:\$labels\.alertname|\.(?:Common|Group)?Labels\.alertname|\$labels\.alertname\s*\|\s*\w+|index\s+\$labels\s+"alertname")\s*-?\}\}/g, alert);
  if ((value.match(/%s/g) ?? []).length === 1) value = value.replace('%s', alert);
  return /\{\{|%s|%v|\$\{/.test(value) ? undefined : value;
}

/**
 * Resolves an alert's runbook annotation. In order: a forge URL into this repository (blob, tree,
 * raw; a folder leads to its README or index page); a path relative to the rule file, then to the
 * root; a docs-site URL whose path ends like a doc's path; a URL whose last segment is a doc's name
 * or an alert a doc declares (`…/runbooks/<area>/<alertname>/`). An anchor must name a heading of
 * the doc. Anything else that is a URL is external.
 */
export function resolveRunbook(alert: AlertRule, context: TargetContext): RunbookTarget | undefined {
  const annotation = alert.runbook;
  if (!annotation) return undefined;
  const value = fillTemplate(annotation, alert.name);
  if (value === undefined) return { kind: 'unresolved', value: annotation.value };
  if (URL_PATTERN.test(value)) return resolveUrl(value, context);
  return resolvePath(value, alert.file, context);
}

function resolveUrl(value: string, context: TargetContext): RunbookTarget {
  const inRepo = resolveRepoUrl(value, context.repos, context.refs);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return { kind: 'unresolved', value };
  }
  const anchor = safeDecode(parsed.hash.replace(/^#/, '')) || undefined;
  if (inRepo) {
    if (inRepo.pinned) return { kind: 'external', url: value };
    return atPath(inRepo.path, inRepo.lines ? undefined : anchor, 'repo-url', context) ?? { kind: 'broken', path: inRepo.path, reason: `\`${inRepo.path}\` does not exist in this repository` };
  }
  const pathname = safeDecode(parsed.pathname);
  const bySuffix = context.lookup.bySuffix(pathname);
  if (bySuffix) return withAnchor(bySuffix, anchor, 'site-url', context);
  const last = pathname.split('/').filter(Boolean).pop();
  const named = last ? byName(last.replace(/\.(md|markdown|mdx|html?)$/i, ''), context) : undefined;
  if (named) return withAnchor(named, anchor, 'name', context);
  return { kind: 'external', url: value };
}

function resolvePath(value: string, ruleFile: string, context: TargetContext): RunbookTarget {
  const hash = value.indexOf('#');
  const anchor = hash >= 0 ? safeDecode(value.slice(hash + 1)) || undefined : undefined;
  const clean = safeDecode(value.replace(/[#?].*$/, ''));
  if (!clean) return { kind: 'unresolved', value };
  if (!clean.includes('/') && !/\.(md|markdown|mdx)$/i.test(clean)) {
    const named = byName(clean, context);
    return named ? withAnchor(named, anchor, 'name', context) : { kind: 'unresolved', value };
  }
  const candidates = clean.startsWith('/') ? [posix.normalize(clean.slice(1))] : [posix.normalize(posix.join(posix.dirname(ruleFile), clean)), posix.normalize(clean)];
  for (const candidate of candidates) {
    if (candidate.startsWith('..')) continue;
    const found = atPath(candidate.replace(/\/+$/, ''), anchor, 'path', context);
    if (found) return found;
  }
  const tried = [...new Set(candidates.filter((c) => !c.startsWith('..')))];
  const shown = tried[tried.length - 1] ?? clean;
  const reason = tried.length > 1 ? `neither \`${tried[0]}\` (beside the rule file) nor \`${tried[1]}\` exists in this repository` : `\`${shown}\` does not exist in this repository`;
  return { kind: 'broken', path: shown, reason };
}

/** The doc at a path (or the index page of a folder), checked against the anchor; undefined when nothing is there. */
function atPath(path: string, anchor: string | undefined, how: 'path' | 'repo-url', context: TargetContext): RunbookTarget | undefined {
  if (context.lookup.docs.has(path)) return withAnchor(path, anchor, how, context);
  for (const index of ['README.md', 'readme.md', 'index.md', '_index.md']) {
    const inside = path ? `${path}/${index}` : index;
    if (context.lookup.docs.has(inside)) return withAnchor(inside, anchor, how, context);
  }
  if (context.files.has(path)) return { kind: 'external', url: path };
  return undefined;
}

function withAnchor(path: string, anchor: string | undefined, how: 'path' | 'repo-url' | 'site-url' | 'name', context: TargetContext): RunbookTarget {
  const doc = context.lookup.docs.get(path)!;
  if (!anchor || /^L\d+/.test(anchor)) return { kind: 'doc', path, line: 1, how };
  const line = headingLine(doc, anchor);
  if (line !== undefined) return { kind: 'doc', path, line, how };
  return { kind: 'doc', path, line: 1, how, missingAnchor: anchor };
}

function headingLine(doc: DocModel, anchor: string): number | undefined {
  const wanted = anchor.toLowerCase();
  const exact = doc.headings.find((h) => h.slug.toLowerCase() === wanted);
  if (exact) return exact.line;
  const loose = normalizeAlertName(anchor);
  return doc.headings.find((h) => normalizeAlertName(h.text) === loose)?.line;
}

/** The one doc named after `name` or declaring it in `alerts:` (the best by `DocLookup.forAlert`); undefined when none. */
function byName(name: string, context: TargetContext): string | undefined {
  const matches = context.lookup.forAlert(name).filter((m) => m.source !== 'heading');
  return matches[0]?.path;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
