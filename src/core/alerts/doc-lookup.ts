import { normalizeAlertName } from '../alert-name';
import { compareCodeUnits } from '../compare';
import type { AlertMatchSource, DocModel } from '../doc-model';

/** A doc that documents an alert, found from the doc's side. */
export interface DocSideMatch {
  path: string;
  source: AlertMatchSource;
  /** 1-based line: the heading named after the alert, else 1. */
  line: number;
}

const SOURCE_RANK: Record<AlertMatchSource, number> = { 'front-matter': 0, heading: 1, 'file-name': 2 };
const INDEX_STEMS = new Set(['index', '_index', 'readme']);

/**
 * The docs of a repository indexed once for alert matching, both ways: by the names they declare
 * (`alerts:`, a heading, the file name: the rules of Open Runbook for Alert, `findDocsForAlert`)
 * and by their path, for `runbook_url` values on a docs site (`…/runbooks/<area>/<alertname>/`).
 */
export class DocLookup {
  private readonly byName = new Map<string, Array<DocSideMatch & { runbook: boolean }>>();
  private readonly bySegment = new Map<string, string[]>();
  readonly docs: ReadonlyMap<string, DocModel>;

  constructor(docs: Iterable<DocModel>) {
    const map = new Map<string, DocModel>();
    for (const doc of docs) {
      map.set(doc.path, doc);
      const runbook = doc.kind === 'runbook';
      const seen = new Set<string>();
      const add = (name: string, source: AlertMatchSource, line: number) => {
        const key = normalizeAlertName(name);
        if (!key || seen.has(key)) return;
        seen.add(key);
        const list = this.byName.get(key) ?? [];
        list.push({ path: doc.path, source, line, runbook });
        this.byName.set(key, list);
      };
      const headingLine = new Map<string, number>();
      for (const h of doc.headings) if (!headingLine.has(normalizeAlertName(h.text))) headingLine.set(normalizeAlertName(h.text), h.line);
      for (const alert of doc.meta.alerts) add(alert, 'front-matter', headingLine.get(normalizeAlertName(alert)) ?? 1);
      for (const h of doc.headings) add(h.text, 'heading', h.line);
      const fileStem = stem(doc.path);
      const parts = doc.path.split('/');
      add(INDEX_STEMS.has(fileStem.toLowerCase()) && parts.length > 1 ? parts[parts.length - 2]! : fileStem, 'file-name', 1);
      for (const key of pathKeys(doc.path)) {
        const list = this.bySegment.get(key.last) ?? [];
        list.push(doc.path);
        this.bySegment.set(key.last, list);
      }
    }
    this.docs = map;
  }

  /** Docs for an alert name, best first (front matter, heading, file name; runbooks first; then path). Empty when none. */
  forAlert(name: string): DocSideMatch[] {
    const list = this.byName.get(normalizeAlertName(name)) ?? [];
    return [...list]
      .sort((a, b) => SOURCE_RANK[a.source] - SOURCE_RANK[b.source] || Number(b.runbook) - Number(a.runbook) || compareCodeUnits(a.path, b.path))
      .map(({ runbook: _runbook, ...m }) => m);
  }

  /**
   * The doc a URL path names on a docs site: the doc whose path, without its extension (and
   * without a trailing `index`/`_index`/`README`), ends with the most of the URL's last segments,
   * when exactly one doc does best. Segments compare without case. Undefined when none matches.
   */
  bySuffix(pathname: string): string | undefined {
    const wanted = stripExtension(pathname.replace(/\/+$/, '')).split('/').filter(Boolean).map((s) => s.toLowerCase());
    if (wanted.length === 0) return undefined;
    const candidates = this.bySegment.get(wanted[wanted.length - 1]!) ?? [];
    let best: string | undefined;
    let bestScore = 0;
    let tie = false;
    for (const path of candidates) {
      for (const { parts } of pathKeys(path)) {
        let score = 0;
        while (score < parts.length && score < wanted.length && parts[parts.length - 1 - score] === wanted[wanted.length - 1 - score]) score++;
        if (score > bestScore) {
          best = path;
          bestScore = score;
          tie = false;
        } else if (score === bestScore && best !== path) tie = true;
      }
    }
    return best && !tie ? best : undefined;
  }
}

/** The path segments a doc is known by: its path without extension, and its folder when it is an index page. */
function pathKeys(path: string): Array<{ parts: string[]; last: string }> {
  const parts = stripExtension(path).split('/').map((s) => s.toLowerCase());
  const keys = [{ parts, last: parts[parts.length - 1]! }];
  if (parts.length > 1 && INDEX_STEMS.has(parts[parts.length - 1]!)) keys.push({ parts: parts.slice(0, -1), last: parts[parts.length - 2]! });
  return keys;
}

function stripExtension(path: string): string {
  return path.replace(/\.(md|markdown|mdx|html?)$/i, '');
}

function stem(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
}
