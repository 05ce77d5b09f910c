import { normalizeAlertName } from '../alert-name';
import { compareCodeUnits } from '../compare';
import type { DocModel } from '../doc-model';
import type { GitRefs } from '../repo/repo-ports';
import type { RepoLocation } from '../repo/repo-ports';
import { DocLookup } from './doc-lookup';
import { nearestAlertName } from './near-name';
import { coverageFindings, type AlertFinding } from './coverage-findings';
import { resolveRunbook } from './runbook-target';
import type { AlertCoverage, MissingAlert, RuleFileResult } from './types';

export type { AlertCoverage, CoverageVia, MissingAlert } from './types';

/** Everything `runbooks coverage` and the Alerts view show. */
export interface CoverageReport {
  /** Every alert, by file then line. */
  alerts: AlertCoverage[];
  /** Root-relative paths of the rule files read, sorted. */
  ruleFiles: string[];
  missing: MissingAlert[];
  findings: AlertFinding[];
  summary: { alerts: number; withRunbook: number; without: number; missingAlerts: number };
}

/** What coverage is computed from. */
export interface CoverageInput {
  ruleFiles: Array<{ path: string; result: RuleFileResult }>;
  docs: Iterable<DocModel>;
  /** Every file of the repository (root-relative). */
  files: Iterable<string>;
  repos?: RepoLocation[];
  refs?: GitRefs;
  /** doc path → normalized alert name → line of its `alerts:` entry; see `alertEntryLines`. */
  alertLines?: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

/**
 * Matches every alert of the rule files to a runbook, both ways: the alert's `runbook_url` (see
 * `resolveRunbook`) and the docs that declare it (`alerts:`, a heading, the file name). The
 * annotation wins when it leads to a doc; a doc that declares the alert covers it otherwise. Also
 * lists the runbooks whose `alerts:` names no defined alert, and every finding.
 */
export function computeCoverage(input: CoverageInput): CoverageReport {
  const lookup = new DocLookup(input.docs);
  const files = new Set(input.files);
  const context = { lookup, files, repos: input.repos ?? [], refs: input.refs ?? { branches: [], tags: [] } };
  const alerts: AlertCoverage[] = [];
  for (const { result } of input.ruleFiles) {
    for (const alert of result.alerts) {
      const target = resolveRunbook(alert, context);
      const entry: AlertCoverage = { alert, status: 'uncovered', ...(target ? { target } : {}) };
      const docSide = lookup.forAlert(alert.name)[0];
      if (target?.kind === 'doc') entry.runbook = { path: target.path, line: target.line, via: 'runbook_url' };
      else if (docSide) entry.runbook = { path: docSide.path, line: docSide.line, via: docSide.source };
      if (entry.runbook) entry.status = 'covered';
      else if (target?.kind === 'external') {
        entry.status = 'external';
        entry.url = target.url;
      } else if (target?.kind === 'unresolved' && /^[a-z][a-z0-9+.-]*:\/\//i.test(target.value)) {
        // A templated URL (`…/{{ $labels.component }}`): the team links a runbook we cannot follow.
        entry.status = 'external';
        entry.url = target.value;
      }
      alerts.push(entry);
    }
  }
  markSiteMisses(alerts);
  alerts.sort((a, b) => compareCodeUnits(a.alert.file, b.alert.file) || a.alert.line - b.alert.line);

  const defined = new Map<string, string>();
  for (const { alert } of alerts) if (!defined.has(normalizeAlertName(alert.name))) defined.set(normalizeAlertName(alert.name), alert.name);
  const names = [...defined.values()];
  const missing: MissingAlert[] = [];
  for (const doc of lookup.docs.values()) {
    for (const name of doc.meta.alerts) {
      const key = normalizeAlertName(name);
      if (!key || defined.has(key)) continue;
      const suggestion = names.length > 0 ? nearestAlertName(name, names) : undefined;
      const line = input.alertLines?.get(doc.path)?.get(key) ?? doc.frontMatterLines?.start ?? 1;
      missing.push({ alert: name, doc: doc.path, line, ...(suggestion ? { suggestion } : {}) });
    }
  }
  missing.sort((a, b) => compareCodeUnits(a.doc, b.doc) || a.line - b.line);
  const ruleFiles = input.ruleFiles.map((r) => r.path).sort(compareCodeUnits);
  const withRunbook = alerts.filter((a) => a.status !== 'uncovered').length;
  return {
    alerts,
    ruleFiles,
    missing,
    findings: coverageFindings(input.ruleFiles, alerts, missing),
    summary: { alerts: alerts.length, withRunbook, without: alerts.length - withRunbook, missingAlerts: missing.length },
  };
}

/**
 * A docs-site URL that leads nowhere while other runbook URLs in the same folder of the same site
 * lead to docs of this repository is a broken link into this repository's docs, not an external
 * runbook (`…/runbooks/db/PostgresDown` when `…/runbooks/db/` pages are published from here).
 */
function markSiteMisses(alerts: AlertCoverage[]): void {
  const published = new Set<string>();
  for (const a of alerts) {
    const target = a.target;
    if (target?.kind === 'doc' && (target.how === 'site-url' || target.how === 'name')) {
      const folder = urlFolder(a.alert.runbook!.value);
      if (folder) published.add(folder);
    }
  }
  if (published.size === 0) return;
  for (const a of alerts) {
    if (a.target?.kind !== 'external' || a.status !== 'external') continue;
    const folder = urlFolder(a.target.url);
    if (!folder || !published.has(folder)) continue;
    const page = a.target.url.replace(/[#?].*$/, '').replace(/\/+$/, '').split('/').pop() ?? '';
    a.target = { kind: 'broken', path: a.target.url, reason: `other runbook URLs under ${folder}/ lead to docs of this repository, but none matches \`${page}\`` };
    a.status = 'uncovered';
    delete a.url;
  }
}

function urlFolder(value: string): string | undefined {
  try {
    const url = new URL(value);
    const parts = url.pathname.replace(/\/+$/, '').split('/');
    parts.pop();
    return `${url.origin}${parts.join('/')}`;
  } catch {
    return undefined;
  }
}
