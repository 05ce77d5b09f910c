import { boundedMatcher } from '../../bounded-glob';
import { turnTaker } from '../../next-turn';
import { ownString } from '../../own-string';
import type { DocModel } from '../../doc-model';
import { findRunbookAnnotations } from '../../alerts/runbook-annotations';
import { matchRunbookValue } from '../../alerts/runbook-url-match';
import { isPromtoolTestFile } from '../../alerts/promtool-tests';
import type { AlertRuleLink } from '../../alerts/types';
import type { CommandLinkSource, GitHistory, GitRefs, RepoState, WorkspaceFiles } from '../ports';
import type { RepoLocation } from '../../repo/repo-ports';
import { remoteLocations } from '../../repo/repo-urls';
import type { ResolvedDoc } from '../model/evidence';
import type { WorkspaceContext } from '../model/report-run';
import { FileSet } from '../targets/file-set';
import { resolveDocTargets } from '../targets/resolve-targets';
import type { StalenessOptions } from '../options';
import { detectSites, type SiteContext } from '../../site/detect-site';

export type { WorkspaceContext } from '../model/report-run';


/**
 * Lists the workspace, reads the remotes and refs (when there is a repository with a HEAD), scans
 * alert rule files for `runbook_url` annotations, and resolves every doc's targets.
 */
export async function loadContext(
  docs: DocModel[],
  git: GitHistory,
  files: WorkspaceFiles,
  state: RepoState,
  options: StalenessOptions,
  signal?: AbortSignal,
  previous?: WorkspaceContext,
  /** Paths that may have changed since `previous` was loaded; undefined: anything may have. */
  changedSince?: Promise<Set<string> | undefined>,
  /** What the docs' commands call (see `StalenessDeps.commandLinks`). */
  commandLinks?: CommandLinkSource,
  /** The workspace's files when the caller has them (see the engine's kept listing); default `files.list()`. */
  listing?: Promise<string[]>,
  /** The branch and tag names cannot have changed since `previous` was loaded (see `WatchedChanges.refs`): its are kept. */
  sameRefs = false,
): Promise<WorkspaceContext> {
  const withHistory = state.kind === 'git' && state.head !== undefined;
  const [list, remotes, refs] = await Promise.all([
    listing ?? files.list(signal),
    withHistory ? git.remotes(signal).catch(() => []) : Promise.resolve([]),
    withHistory && sameRefs && previous ? Promise.resolve(previous.refs) : withHistory ? git.refs(signal).catch(() => ({ branches: [], tags: [] })) : Promise.resolve({ branches: [], tags: [] }),
  ]);
  signal?.throwIfAborted();
  // The same files as last time (a kept listing is the same array): the same lookups.
  const sameList = previous !== undefined && (previous.list === list || (previous.list.length === list.length && previous.list.every((p, i) => p === list[i])));
  const fileSet = sameList ? previous.files : new FileSet(list);
  const repos = remoteLocations(remotes);
  const kept = await keptAlertRules(previous, list, repos, refs, docs, options, changedSince);
  const alertRules = kept
    ? kept.changed.length === 0
      ? kept.rules
      : await rescanAlertRules(kept.rules, kept.changed, { list, docs, files, repos, refs, options, signal })
    : await scanAlertRules({ list, docs, files, repos, refs, options, signal }, await searchRuleFiles(files, options, signal));
  const { site, siteReads } = (await keptSites(previous, sameList, docs, fileSet, changedSince)) ?? (await readSites(list, docs, files, options));
  signal?.throwIfAborted();
  const key = JSON.stringify([repos, refs, [...alertRules].sort((a, b) => (a[0] < b[0] ? -1 : 1)), siteKey(site)]);
  // The same inputs and the same doc: the same resolution (the same object, which lets the
  // engine reuse what it concluded from it). Otherwise resolve, keeping the old object when the
  // result is equal anyway.
  const reuse = sameList && previous.key === key ? previous : undefined;
  const resolved = new Map<string, ResolvedDoc>();
  const docMap = new Map<string, DocModel>();
  // Resolving hundreds of docs takes seconds on a cold run, beside the history pass on this
  // thread: a turn every few ms lets git's output be read meanwhile (git stalls on a full pipe).
  const turn = turnTaker(RESOLVE_SLICE_MS);
  for (const doc of docs) {
    const waiting = turn();
    if (waiting) {
      await waiting;
      signal?.throwIfAborted();
    }
    docMap.set(doc.path, doc);
    const before = previous?.resolved.get(doc.path);
    if (reuse && before && reuse.docs.get(doc.path) === doc) {
      resolved.set(doc.path, before);
      continue;
    }
    const codeSpans = options.codeSpans === 'all' || (options.codeSpans === 'runbooks' && doc.kind === 'runbook');
    const result = resolveDocTargets(doc, { files: fileSet, repos, refs, codeSpans, trackDocLinks: options.trackDocLinks, alertRules: alertRules.get(doc.path) ?? [], site, ...(commandLinks ? { commandLinks } : {}) });
    resolved.set(doc.path, before && JSON.stringify(before) === JSON.stringify(result) ? before : result);
  }
  return { files: fileSet, list, repos, refs, alertRules, resolved, docs: docMap, site, siteReads, key };
}

/** The docs sites detected from `list`, and the paths read to detect them. */
async function readSites(list: string[], docs: DocModel[], files: WorkspaceFiles, options: StalenessOptions): Promise<{ site: SiteContext; siteReads: string[] }> {
  const reads = new Set<string>();
  const read = (path: string) => {
    reads.add(path);
    return files.read(path, MAX_SITE_FILE_BYTES);
  };
  const site = await detectSites({ list, read }, docs, options.site);
  return { site, siteReads: [...reads] };
}

/**
 * The sites detected last time, when what they were detected from is the same: the same files
 * listed, the same doc objects (front matter adds routes), and no file read for them changed since
 * (`changedSince`: new commits' changes and uncommitted changes then and now). A file read that is
 * not listed (an ignored one, whose edits git does not report) makes them be detected again.
 * Undefined: detect again. (The settings are the engine's, the same for every run.)
 */
async function keptSites(
  previous: WorkspaceContext | undefined,
  sameList: boolean,
  docs: DocModel[],
  files: FileSet,
  changedSince: Promise<Set<string> | undefined> | undefined,
): Promise<{ site: SiteContext; siteReads: string[] } | undefined> {
  if (!previous || !sameList || !changedSince || previous.docs.size !== docs.length) return undefined;
  if (docs.some((d) => previous.docs.get(d.path) !== d)) return undefined;
  if (previous.siteReads.some((p) => !files.hasFile(p))) return undefined;
  const changed = await changedSince;
  if (!changed || previous.siteReads.some((p) => changed.has(p))) return undefined;
  return { site: previous.site, siteReads: previous.siteReads };
}

/** Longest stretch of link resolution without a turn of the event loop. */
const RESOLVE_SLICE_MS = 5;

/** Site config and data files larger than this are not read. */
const MAX_SITE_FILE_BYTES = 4 * 1024 * 1024;

/** What link resolution takes from the detected sites, as plain data (for the context's key). */
function siteKey(site: SiteContext): unknown {
  return [site.sites.map((s) => ({ ...s, redirects: [...s.redirects], generated: s.generated.map((g) => [g.prefix, g.dataFile, [...g.names]]) })), [...site.permalinks], [...site.moved]];
}

/**
 * The previous scan of alert rule files and the rule files changed since, when the rest of it still
 * holds: the same files, remotes, refs (which `runbook_url` links resolve against) and docs.
 * Undefined: scan everything again.
 */
async function keptAlertRules(
  previous: WorkspaceContext | undefined,
  list: string[],
  repos: RepoLocation[],
  refs: GitRefs,
  docs: DocModel[],
  options: StalenessOptions,
  changedSince: Promise<Set<string> | undefined> | undefined,
): Promise<{ rules: Map<string, AlertRuleLink[]>; changed: string[] } | undefined> {
  if (!previous || !changedSince || previous.list.length !== list.length || previous.docs.size !== docs.length) return undefined;
  if (docs.some((d) => !previous.docs.has(d.path)) || list.some((p, i) => previous.list[i] !== p)) return undefined;
  if (JSON.stringify([repos, refs]) !== JSON.stringify([previous.repos, previous.refs])) return undefined;
  const changed = await changedSince;
  if (!changed) return undefined;
  if (options.alertRuleFiles.length === 0 || docs.length === 0) return { rules: previous.alertRules, changed: [] };
  const isRuleFile = boundedMatcher(options.alertRuleFiles);
  const rules = [...changed].filter((path) => isRuleFile(path)).sort();
  return rules.length > MAX_RESCANNED ? undefined : { rules: previous.alertRules, changed: rules };
}

/** More changed rule files than this: they are all scanned again (one `git grep` picks the candidates). */
const MAX_RESCANNED = 64;

/**
 * `rules` (a previous scan) with the links of the rule files in `changed` found again: the same
 * result as scanning every file, for files that did not change are read the same.
 */
async function rescanAlertRules(rules: Map<string, AlertRuleLink[]>, changed: string[], scan: RuleScan): Promise<Map<string, AlertRuleLink[]>> {
  const again = new Set(changed);
  const byDoc = new Map<string, AlertRuleLink[]>();
  for (const [doc, links] of rules) {
    const kept = links.filter((l) => !again.has(l.ruleFile));
    if (kept.length > 0) byDoc.set(doc, kept);
  }
  // As `git grep -I` picks the candidates of a full scan: listed files that mention "runbook" (the
  // scan checks that) and are not binary (no NUL in their first 8,000 bytes).
  const scanned = await scanAlertRules({ ...scan, list: scan.list.filter((p) => again.has(p)) }, undefined, (text) => !text.slice(0, 8000).includes('\0'));
  for (const [doc, links] of scanned) byDoc.set(doc, [...(byDoc.get(doc) ?? []), ...links]);
  for (const list of byDoc.values()) list.sort(byRuleFile);
  return byDoc;
}

const byRuleFile = (a: AlertRuleLink, b: AlertRuleLink): number => (a.ruleFile < b.ruleFile ? -1 : a.ruleFile > b.ruleFile ? 1 : 0);

/** The rule files that mention `runbook` (`git grep`), or undefined when the files port cannot search. */
function searchRuleFiles(files: WorkspaceFiles, options: StalenessOptions, signal?: AbortSignal): Promise<string[] | undefined> {
  // `**/*.yml`-style globs become extensions, so git grep only opens those files.
  const extensions = options.alertRuleFiles.map((g) => /^\*\*\/\*(\.[\w-]+)$/.exec(g)?.[1]);
  return (files.filesContaining?.('runbook', extensions.every((e) => e !== undefined) ? (extensions as string[]) : undefined, signal) ?? Promise.resolve(undefined)).catch(() => undefined);
}

/** What a scan of alert rule files reads: the listed files, the docs their runbook values may name, and how to match them. */
interface RuleScan {
  list: string[];
  docs: DocModel[];
  files: WorkspaceFiles;
  repos: RepoLocation[];
  refs: GitRefs;
  options: StalenessOptions;
  signal?: AbortSignal;
}

async function scanAlertRules(
  { list, docs, files, repos, refs, options, signal }: RuleScan,
  mentioning: string[] | undefined,
  /** Whether a rule file's text is scanned (all are when not given). */
  readable: (text: string) => boolean = () => true,
): Promise<Map<string, AlertRuleLink[]>> {
  const byDoc = new Map<string, AlertRuleLink[]>();
  if (options.alertRuleFiles.length === 0 || docs.length === 0) return byDoc;
  const docPaths = new Set(docs.map((d) => d.path));
  const isRuleFile = boundedMatcher(options.alertRuleFiles);
  const admitted = mentioning ? new Set(mentioning) : undefined;
  // The files git grep found first: far fewer than those listed, and a set lookup is cheaper than a glob.
  const candidates = list.filter((p) => (!admitted || admitted.has(p)) && !docPaths.has(p) && isRuleFile(p));
  let next = 0;
  const worker = async () => {
    while (next < candidates.length) {
      signal?.throwIfAborted();
      const ruleFile = candidates[next++]!;
      const text = await files.read(ruleFile, options.maxAlertRuleFileBytes);
      // A promtool unit test repeats the rules' annotations in its expected alerts: a test, not a rule file.
      if (!text || !readable(text) || isPromtoolTestFile(text)) continue;
      for (const annotation of findRunbookAnnotations(text)) {
        const doc = matchRunbookValue(annotation.value, ruleFile, docPaths, repos, refs);
        if (!doc) continue;
        const list = byDoc.get(doc) ?? [];
        // Kept for the whole run (the rule links of every doc): on its own, not as a view into the file's text.
        if (!list.some((l) => l.ruleFile === ruleFile)) list.push({ ruleFile, line: annotation.line, value: ownString(annotation.value), doc });
        byDoc.set(doc, list);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, candidates.length) }, worker));
  for (const list of byDoc.values()) list.sort(byRuleFile);
  return byDoc;
}
