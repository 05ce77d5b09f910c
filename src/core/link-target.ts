import type { DocLink, LinkKind } from './doc-link';
import { lineRange } from './line-fragment';

export { lineRange } from './line-fragment';

type LinkTarget = Pick<DocLink, 'kind' | 'path' | 'anchor' | 'lines'>;

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Classifies a link target as written in markdown: an in-page anchor (`#impact`), a URL with a
 * scheme, a path from the repository root (`/deploy/x.yaml`), or a relative path. Fragments that
 * name lines (`#L10`, `#L10-L20`, `#L10-20`) become `lines`.
 */
export function classifyLinkTarget(raw: string): LinkTarget {
  const target = raw.trim();
  const hashAt = target.indexOf('#');
  const anchor = hashAt >= 0 ? safeDecode(target.slice(hashAt + 1)) : undefined;
  const lines = anchor !== undefined ? lineRange(anchor) : undefined;
  const withFragment = (kind: LinkKind, path?: string): LinkTarget => ({
    kind,
    ...(path !== undefined ? { path } : {}),
    ...(anchor ? { anchor } : {}),
    ...(lines ? { lines } : {}),
  });
  if (hashAt === 0) return withFragment('anchor');
  if (SCHEME.test(target) || target.startsWith('//')) return withFragment('url');
  const pathPart = safeDecode((hashAt >= 0 ? target.slice(0, hashAt) : target).replace(/\?.*$/, ''));
  return withFragment(pathPart.startsWith('/') ? 'absolute-path' : 'relative', pathPart);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
