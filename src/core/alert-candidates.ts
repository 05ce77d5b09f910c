import { normalizeAlertName } from './alert-lookup';
import { compareForDisplay } from './compare';
import type { DocModel } from './doc-model';
import { isTemplatePath } from './tree-sections';

/** An alert name the alert picker offers, and where it was seen. */
export interface AlertCandidate {
  alert: string;
  /** Where the name comes from, for the picker's description (a runbook title, a rule file, a path). */
  detail: string;
  source: 'front-matter' | 'rule' | 'file-name' | 'heading';
}

/** What the picker's names are gathered from. */
export interface AlertCandidateInput {
  /** Alerts declared in front matter `alerts:`, with the titles of the docs declaring them. */
  declared: ReadonlyArray<{ alert: string; titles: readonly string[] }>;
  /** Alerting rules read from the repository's rule files. */
  rules: ReadonlyArray<{ name: string; file: string }>;
  docs: Iterable<DocModel>;
}

// CamelCase with two or more words (KubePodCrashLooping, SidekiqQueueTooLarge, etcdNoLeader, KubeAPIDown),
// unlike README, CONTRIBUTING, Overview or Mitigation.
const ALERT_LIKE = /^[A-Za-z][A-Za-z0-9]*$/;

/** True when a file stem or heading reads like an alert name: one CamelCase token of at least two words. */
export function looksLikeAlertName(text: string): boolean {
  if (text.length < 6 || !ALERT_LIKE.test(text) || !/[a-z]/.test(text)) return false;
  return (text.slice(1).match(/[A-Z]/g) ?? []).length >= 1 && /[a-z][A-Z]|[A-Z][A-Z][a-z]/.test(text);
}

/**
 * The alert names to offer when asking for an alert, one per name (compared as
 * `normalizeAlertName` does), sorted for display: those runbooks declare in front matter, those
 * the rule files define, and the file names and H1/H2 headings of runbooks and architecture docs
 * (not templates) that read like alert names (see `looksLikeAlertName`). A name seen several ways keeps
 * the first source in that order. A file named after an alert with an `Alert` suffix
 * (`NorthboundStaleAlert.md`) offers the alert's own name when a rule, front matter or heading
 * names it (`NorthboundStale`), not the file's.
 */
export function alertCandidates(input: AlertCandidateInput): AlertCandidate[] {
  const byName = new Map<string, AlertCandidate>();
  const add = (alert: string, detail: string, source: AlertCandidate['source']) => {
    const key = normalizeAlertName(alert);
    if (key && !byName.has(key)) byName.set(key, { alert, detail, source });
  };
  for (const a of input.declared) add(a.alert, a.titles.length > 1 ? `${a.titles.length} runbooks` : (a.titles[0] ?? ''), 'front-matter');
  for (const r of input.rules) add(r.name, `rule in ${r.file}`, 'rule');
  const docs = [...input.docs].filter((d) => d.kind !== 'other' && !isTemplatePath(d.path));
  // H1 (a page's title) and H2 (a section per alert); deeper headings are topics within a section.
  const headings = docs.map((doc) => ({ doc, names: doc.headings.filter((h) => h.depth <= 2 && looksLikeAlertName(h.text)).map((h) => h.text) }));
  const named = new Set([...byName.keys(), ...headings.flatMap((h) => h.names.map(normalizeAlertName))]);
  for (const doc of docs) {
    const stem = doc.path.slice(doc.path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
    const bare = stem.replace(/Alert$/, '');
    if (bare !== stem && looksLikeAlertName(bare) && named.has(normalizeAlertName(bare))) add(bare, doc.path, 'file-name');
    else if (looksLikeAlertName(stem)) add(stem, doc.path, 'file-name');
  }
  for (const { doc, names } of headings) for (const name of names) add(name, `heading in ${doc.path}`, 'heading');
  return [...byName.values()].sort((a, b) => compareForDisplay(a.alert, b.alert));
}
