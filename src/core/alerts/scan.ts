import type { DocModel } from '../doc-model';
import type { GitRefs, GitRemote, WorkspaceFiles } from '../repo/repo-ports';
import { remoteLocations } from '../repo/repo-urls';
import { computeCoverage, type CoverageReport } from './coverage';
import { parseRuleFile } from './parse-rules';
import { alertEntryLines, isRuleFileText, ruleFileCandidates, type RuleFileSettings } from './rule-files';
import { MAX_RULE_FILE_BYTES, type RuleFileResult } from './types';

export { MAX_RULE_FILE_BYTES } from './types';

/** A rule file and what it holds. */
export interface ReadRuleFile {
  path: string;
  result: RuleFileResult;
}

/**
 * Finds and parses the alert rule files of a workspace: the YAML files the globs match, and (with
 * detection by content) every other YAML file that mentions `alert` (one `git grep` when the
 * files port can search). Files over `maxBytes` or unreadable are left out. Sorted by path.
 */
export async function readRuleFiles(
  files: WorkspaceFiles,
  settings: RuleFileSettings,
  options: { list?: string[]; maxBytes?: number; signal?: AbortSignal } = {},
): Promise<{ list: string[]; ruleFiles: ReadRuleFile[] }> {
  const list = options.list ?? (await files.list(options.signal));
  const candidate = ruleFileCandidates(settings);
  const mentioning = settings.detectByContent ? await files.filesContaining?.('alert', ['.yml', '.yaml', '.YML', '.YAML'], options.signal).catch(() => undefined) : undefined;
  const admitted = mentioning ? new Set(mentioning) : undefined;
  const queue: Array<{ path: string; by: 'glob' | 'content' }> = [];
  for (const path of list) {
    const by = candidate(path);
    if (by === 'glob' || (by === 'content' && (!admitted || admitted.has(path)))) queue.push({ path, by });
  }
  const found: ReadRuleFile[] = [];
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      options.signal?.throwIfAborted();
      const { path, by } = queue[next++]!;
      const text = await files.read(path, options.maxBytes ?? MAX_RULE_FILE_BYTES);
      if (text === undefined || !isRuleFileText(text, by)) continue;
      found.push({ path, result: parseRuleFile(text, path) });
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, queue.length) }, worker));
  found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { list, ruleFiles: found };
}

/** What `scanCoverage` needs besides the docs. */
export interface CoverageSources {
  files: WorkspaceFiles;
  /** The repository's remotes and refs, for blob URLs into it; empty outside a repository. */
  remotes: GitRemote[];
  refs: GitRefs;
  settings: RuleFileSettings;
  signal?: AbortSignal;
}

/**
 * The coverage of a workspace: reads its rule files, places every `alerts:` entry of the docs on
 * its line (reading the docs that declare alerts), and matches alerts and runbooks both ways.
 */
export async function scanCoverage(docs: DocModel[], sources: CoverageSources): Promise<CoverageReport> {
  const { list, ruleFiles } = await readRuleFiles(sources.files, sources.settings, sources.signal ? { signal: sources.signal } : {});
  const alertLines = new Map<string, Map<string, number>>();
  await Promise.all(
    docs
      .filter((d) => d.meta.alerts.length > 0 && d.frontMatterLines)
      .map(async (doc) => {
        const text = await sources.files.read(doc.path);
        if (text !== undefined) alertLines.set(doc.path, alertEntryLines(text, doc));
      }),
  );
  return computeCoverage({ ruleFiles, docs, files: list, repos: remoteLocations(sources.remotes), refs: sources.refs, alertLines });
}
