import { parseDoc } from '../../../../src/core/parse-doc';
import { detectSites, type SiteContext } from '../../../../src/core/site/detect-site';
import type { SiteSettings } from '../../../../src/core/site/site-settings';
import { FileSet, resolveDocTargets, type ResolvedDoc } from '../../../../src/core/staleness/targets/resolve-targets';

/** A small repository in memory: path → text. Markdown files are the docs. */
export type Repo = Record<string, string>;

/** The sites detected in `repo`, reading its files as the files port would. */
export async function sitesOf(repo: Repo, settings?: SiteSettings): Promise<SiteContext> {
  const list = Object.keys(repo).sort();
  const docs = list.filter((p) => /\.(md|markdown)$/.test(p)).map((p) => parseDoc(p, repo[p]!));
  return detectSites({ list, read: async (p) => repo[p] }, docs, settings);
}

/** `docPath`'s links resolved with the repository's detected sites. */
export async function resolveIn(repo: Repo, docPath: string, settings?: SiteSettings): Promise<ResolvedDoc> {
  const site = await sitesOf(repo, settings);
  const files = new FileSet(Object.keys(repo));
  return resolveDocTargets(parseDoc(docPath, repo[docPath]!), { files, repos: [], refs: { branches: [], tags: [] }, codeSpans: false, trackDocLinks: false, alertRules: [], site });
}

/** Each target as `[raw link, resolved path, kind]`. */
export function targetRows(resolved: ResolvedDoc): Array<[string, string, string]> {
  return resolved.targets.map((t) => [t.raw, t.path, t.kind]);
}

/** Each problem as `[rule id, severity, message]`. */
export function problemRows(resolved: ResolvedDoc): Array<[string, string, string]> {
  return resolved.problems.map((p) => [p.ruleId, p.severity, p.message]);
}
