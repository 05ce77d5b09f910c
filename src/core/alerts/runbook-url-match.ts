import { posix } from 'node:path';
import type { GitRefs, RepoLocation } from '../repo/repo-ports';
import { resolveRepoUrl } from '../repo/repo-urls';

/**
 * The doc an annotation points at, or undefined. Tried in order: a forge URL into this repository;
 * a path relative to the rule file, then to the root; a URL on a docs site whose path ends with a
 * doc's path without its extension (`https://runbooks.acme.io/db/postgres-down` matches
 * `runbooks/db/postgres-down.md`), when exactly one doc matches best.
 */
export function matchRunbookValue(
  value: string,
  ruleFile: string,
  docPaths: ReadonlySet<string>,
  repos: RepoLocation[],
  refs: GitRefs,
): string | undefined {
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
  if (isUrl) {
    const target = resolveRepoUrl(value, repos, refs);
    if (target) return docPaths.has(target.path) ? target.path : undefined;
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(value).pathname);
    } catch {
      return undefined;
    }
    return bySuffix(pathname, docPaths);
  }
  const clean = value.replace(/[#?].*$/, '');
  if (!clean) return undefined;
  const candidates = clean.startsWith('/')
    ? [posix.normalize(clean.slice(1))]
    : [posix.normalize(posix.join(posix.dirname(ruleFile), clean)), posix.normalize(clean)];
  return candidates.find((c) => !c.startsWith('..') && docPaths.has(c));
}

/** What `runbookDocOf` matches against: the docs of a run (by path), the repository's remotes and refs. */
export interface RunbookWorkspace {
  docs: ReadonlyMap<string, unknown>;
  repos: RepoLocation[];
  refs: GitRefs;
}

const docOfs = new WeakMap<RunbookWorkspace, (value: string, ruleFile: string) => string | undefined>();

/**
 * The doc a runbook value in `ruleFile` points at (`matchRunbookValue`) among the docs of
 * `workspace`: one function per workspace, whose doc paths are a set built at its first call.
 */
export function runbookDocOf(workspace: RunbookWorkspace): (value: string, ruleFile: string) => string | undefined {
  let docOf = docOfs.get(workspace);
  if (!docOf) {
    let docPaths: ReadonlySet<string> | undefined;
    docOf = (value, ruleFile) => matchRunbookValue(value, ruleFile, (docPaths ??= new Set(workspace.docs.keys())), workspace.repos, workspace.refs);
    docOfs.set(workspace, docOf);
  }
  return docOf;
}

function bySuffix(pathname: string, docPaths: ReadonlySet<string>): string | undefined {
  const wanted = stripExtension(pathname.replace(/\/+$/, '')).split('/').filter(Boolean).map((s) => s.toLowerCase());
  if (wanted.length === 0) return undefined;
  let best: string | undefined;
  let bestScore = 0;
  let tie = false;
  for (const doc of docPaths) {
    const parts = stripExtension(doc).split('/').map((s) => s.toLowerCase());
    let score = 0;
    while (score < parts.length && score < wanted.length && parts[parts.length - 1 - score] === wanted[wanted.length - 1 - score]) score++;
    if (score === 0) continue;
    if (score > bestScore) {
      best = doc;
      bestScore = score;
      tie = false;
    } else if (score === bestScore) tie = true;
  }
  return best && !tie ? best : undefined;
}

function stripExtension(path: string): string {
  return path.replace(/\.(md|markdown|mdx|html?)$/i, '');
}
