import type { AlertMatchSource, DocModel } from './doc-model';
import { compareCodeUnits, compareForDisplay } from './compare';
import { normalizeAlertName } from './alert-name';

export { normalizeAlertName } from './alert-name';

export type { AlertMatchSource } from './doc-model';

/** A document that documents an alert, and where in it to open. */
export interface AlertMatch {
  path: string;
  title: string;
  source: AlertMatchSource;
  /** 1-based line to open at: the heading named after the alert, else 1. */
  line: number;
}

// A page named after the alert is dedicated to it; a heading may be one section of a general page.
const SOURCE_RANK: Record<AlertMatchSource, number> = { 'front-matter': 0, 'file-name': 1, heading: 2 };

/**
 * Finds the documents for an alert: those listing it in front matter `alerts:`, those whose file
 * name is the alert name (a dedicated `SidekiqQueueTooLarge.md`), and those with a heading equal to
 * the alert name (often a section of a general page). Ranked by that order, runbooks before other
 * kinds, then by path; opened at the heading named after the alert when there is one. Empty when
 * nothing matches.
 */
export function findDocsForAlert(docs: Iterable<DocModel>, alert: string): AlertMatch[] {
  const wanted = normalizeAlertName(alert);
  if (!wanted) return [];
  const matches: Array<AlertMatch & { runbook: boolean }> = [];
  for (const doc of docs) {
    const heading = doc.headings.find((h) => normalizeAlertName(h.text) === wanted);
    let source: AlertMatchSource | undefined;
    if (doc.meta.alerts.some((a) => normalizeAlertName(a) === wanted)) source = 'front-matter';
    else if (normalizeAlertName(stem(doc.path)) === wanted) source = 'file-name';
    else if (heading) source = 'heading';
    if (!source) continue;
    matches.push({ path: doc.path, title: doc.title, source, line: heading?.line ?? 1, runbook: doc.kind === 'runbook' });
  }
  matches.sort(
    (a, b) => SOURCE_RANK[a.source] - SOURCE_RANK[b.source] || Number(b.runbook) - Number(a.runbook) || compareCodeUnits(a.path, b.path),
  );
  return matches.map(({ runbook: _runbook, ...match }) => match);
}

/** Every alert name declared in front matter, with the documents that declare it, sorted by name. */
export function knownAlerts(docs: Iterable<DocModel>): Array<{ alert: string; paths: string[] }> {
  const byName = new Map<string, { alert: string; paths: string[] }>();
  for (const doc of docs) {
    for (const alert of doc.meta.alerts) {
      const key = normalizeAlertName(alert);
      const entry = byName.get(key) ?? { alert, paths: [] };
      entry.paths.push(doc.path);
      byName.set(key, entry);
    }
  }
  return [...byName.values()].sort((a, b) => compareForDisplay(a.alert, b.alert));
}

function stem(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
}
