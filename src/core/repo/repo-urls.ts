import { lineRange } from '../line-fragment';
import type { GitRefs, GitRemote, RepoLocation } from './repo-ports';

export type { RepoLocation } from './repo-ports';


/** What a forge URL into this repository points at. */
export interface RepoUrlTarget {
  /** Root-relative path ('' for the repository root). */
  path: string;
  /** `tree` URLs name folders; every other view names a file (the resolver still checks). */
  kind: 'file' | 'directory';
  /** The ref as written in the URL. */
  ref: string;
  /** Set when the URL names a commit or a tag: such links are history on purpose, never stale. */
  pinned?: 'commit' | 'tag';
  lines?: { start: number; end: number };
}

const HEX_SHA = /^[0-9a-f]{7,40}$/i;

/**
 * Reads a git remote URL (`git@github.com:acme/platform.git`, `https://github.com/acme/platform`,
 * `ssh://git@host:7999/proj/repo.git`, Bitbucket Server's `…/scm/proj/repo.git`). Undefined for
 * local paths and anything that is not a URL.
 */
export function parseRemoteUrl(url: string): RepoLocation | undefined {
  const text = url.trim();
  let host: string;
  let path: string;
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(text);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    host = scp[1]!;
    path = scp[2]!;
  } else {
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      return undefined;
    }
    if (parsed.protocol === 'file:' || !parsed.hostname) return undefined;
    host = parsed.hostname;
    path = safeDecode(parsed.pathname);
  }
  path = path.replace(/^\/+|\/+$/g, '').replace(/\.git$/i, '');
  if (/^scm\//i.test(path)) path = path.slice(4);
  if (!path) return undefined;
  return { host: normalizeHost(host), path: path.toLowerCase() };
}

/** The forge locations of the remotes that could be parsed, without duplicates. */
export function remoteLocations(remotes: GitRemote[]): RepoLocation[] {
  const seen = new Set<string>();
  const out: RepoLocation[] = [];
  for (const remote of remotes) {
    const location = parseRemoteUrl(remote.url);
    if (!location || seen.has(`${location.host}/${location.path}`)) continue;
    seen.add(`${location.host}/${location.path}`);
    out.push(location);
  }
  return out;
}

/**
 * Resolves a GitHub, GitLab or Bitbucket URL that points into one of `repos` (blob, tree, raw,
 * blame and src views, `raw.githubusercontent.com`, Bitbucket Server `browse?at=`) to a path in this
 * repository. Line fragments in every forge's style become `lines`. The ref is split from the path
 * with the known branch and tag names (refs may contain slashes). Undefined for any other URL.
 */
export function resolveRepoUrl(url: string, repos: RepoLocation[], refs: GitRefs): RepoUrlTarget | undefined {
  if (repos.length === 0) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  let host = normalizeHost(parsed.hostname);
  let segments = parsed.pathname.split('/').filter(Boolean).map(safeDecode);
  let rawHost = false;
  if (host === 'raw.githubusercontent.com') {
    host = 'github.com';
    rawHost = true;
  }
  const lines = forgeLines(safeDecode(parsed.hash.replace(/^#/, '')));

  const server = /^projects$/i.test(segments[0] ?? '') && /^repos$/i.test(segments[2] ?? '') ? segments : undefined;
  if (server) {
    const repoPath = `${server[1]}/${server[3]}`.toLowerCase();
    if (!repos.some((r) => r.host === host && r.path === repoPath)) return undefined;
    const view = server[4]?.toLowerCase();
    if (view !== 'browse' && view !== 'raw') return undefined;
    const path = server.slice(5).join('/');
    const at = parsed.searchParams.get('at') ?? undefined;
    const ref = at ? at.replace(/^refs\/(heads|tags)\//, '') : '';
    return withPin({ path, kind: parsed.pathname.endsWith('/') ? 'directory' : 'file', ref, ...(lines ? { lines } : {}) }, at, refs);
  }

  const lower = segments.map((s) => s.toLowerCase());
  const repo = repos.find((r) => {
    if (r.host !== host) return false;
    const parts = r.path.split('/');
    return parts.length <= lower.length && parts.every((p, i) => lower[i] === p);
  });
  if (!repo) return undefined;
  segments = segments.slice(repo.path.split('/').length);
  let view: string;
  if (rawHost) view = 'raw';
  else {
    if (segments[0] === '-') segments = segments.slice(1);
    view = (segments.shift() ?? '').toLowerCase();
  }
  if (!['blob', 'tree', 'raw', 'blame', 'src', 'edit', 'commits', 'history'].includes(view)) return undefined;
  if (segments.length === 0) return undefined;
  const { ref, rest } = splitRef(segments, refs);
  const path = rest.join('/');
  const kind = view === 'tree' || parsed.pathname.endsWith('/') ? 'directory' : 'file';
  return withPin({ path, kind, ref, ...(lines ? { lines } : {}) }, ref, refs);
}

/** Splits `<ref>/<path…>`: the longest leading run of segments that is a known branch or tag, else the first segment. */
function splitRef(segments: string[], refs: GitRefs): { ref: string; rest: string[] } {
  const known = new Set([...refs.branches, ...refs.tags]);
  for (let n = segments.length; n >= 1; n--) {
    const candidate = segments.slice(0, n).join('/');
    if (known.has(candidate)) return { ref: candidate, rest: segments.slice(n) };
  }
  return { ref: segments[0]!, rest: segments.slice(1) };
}

function withPin(target: RepoUrlTarget, ref: string | undefined, refs: GitRefs): RepoUrlTarget {
  if (!ref) return target;
  if (refs.tags.includes(ref) || /^refs\/tags\//.test(ref)) return { ...target, pinned: 'tag' };
  if (HEX_SHA.test(ref) && !refs.branches.includes(ref)) return { ...target, pinned: 'commit' };
  return target;
}

/** Line fragments: GitHub `L10-L20`, GitLab `L10-20`, Bitbucket Cloud `lines-10:20`, Bitbucket Server `10-20`. */
export function forgeLines(fragment: string): { start: number; end: number } | undefined {
  const github = lineRange(fragment);
  if (github) return github;
  const match = /^(?:lines-)?(\d+)(?:[:-](\d+))?$/i.exec(fragment);
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = match[2] !== undefined ? Number(match[2]) : start;
  return start >= 1 && end >= start ? { start, end } : undefined;
}

function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/^www\./, '');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
