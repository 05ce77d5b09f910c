import type { PlacedFinding, Severity } from './finding';

/** GitHub shows at most 10 warning (and 10 error) annotations per step; we stay within 10 in all. */
export const GITHUB_ANNOTATION_LIMIT = 10;

/** Options of `formatGithub`. */
export interface GithubOptions {
  /** Prefix of the root below the repository's top level (`ops/`): annotation paths are repository-relative. Default ''. */
  repoPrefix?: string;
  /** Most warning/error annotations. Default `GITHUB_ANNOTATION_LIMIT`. */
  limit?: number;
  /** The command to suggest running for the findings not annotated. Default `check`. */
  command?: string;
}

/**
 * GitHub workflow commands (`::warning file=…,line=…::…`), one line each. At most `limit`
 * warning/error annotations: past that, findings of the same rule in the same file merge into one
 * (on the first line, counting the others), errors come first, and whatever still does not fit is
 * summarised in one `::notice`.
 */
export function formatGithub(findings: readonly PlacedFinding[], options: GithubOptions = {}): string[] {
  const repoPrefix = options.repoPrefix ?? '';
  const limit = options.limit ?? GITHUB_ANNOTATION_LIMIT;
  let items = findings.map((f) => ({ finding: f, more: 0 }));
  if (items.length > limit) {
    const groups = new Map<string, { finding: PlacedFinding; more: number }>();
    for (const item of items) {
      const key = `${item.finding.path}\u0000${item.finding.ruleId}`;
      const group = groups.get(key);
      if (group) group.more++;
      else groups.set(key, { ...item });
    }
    items = [...groups.values()];
  }
  const rank = (s: Severity) => (s === 'error' ? 0 : s === 'warning' ? 1 : 2);
  items.sort((a, b) => rank(a.finding.severity) - rank(b.finding.severity) || (a.finding.path < b.finding.path ? -1 : a.finding.path > b.finding.path ? 1 : a.finding.line - b.finding.line));
  const shown = items.length > limit ? items.slice(0, limit - 1) : items;
  const rest = items.slice(shown.length);
  const lines = shown.map(({ finding: f, more }) => {
    const props = [
      `file=${prop(repoPrefix + f.path)}`,
      `line=${f.line}`,
      ...(f.endLine !== undefined ? [`endLine=${f.endLine}`] : []),
      ...(f.column !== undefined ? [`col=${f.column}`] : []),
      ...(f.endColumn !== undefined ? [`endColumn=${f.endColumn}`] : []),
      `title=${prop(`Runbooks: ${f.ruleId}`)}`,
    ];
    const extra = more ? ` (and ${more} more place${more === 1 ? '' : 's'} in this file)` : '';
    return `::${f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice'} ${props.join(',')}::${data(f.message + extra)}`;
  });
  if (rest.length > 0) {
    const count = rest.reduce((n, r) => n + 1 + r.more, 0);
    const places = rest.slice(0, 20).map((r) => `${repoPrefix}${r.finding.path}:${r.finding.line}`);
    const tail = rest.length > 20 ? `, and ${rest.length - 20} more files` : '';
    lines.push(
      `::notice title=${prop('Runbooks: more findings')}::${data(`${count} more finding${count === 1 ? '' : 's'} not annotated (GitHub shows at most ${limit} per step): ${places.join(', ')}${tail}. Run runbooks ${options.command ?? 'check'} locally or use --format sarif for all of them.`)}`,
    );
  }
  return lines;
}

/** Escapes the message part of a workflow command. */
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value of a workflow command. */
function prop(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
