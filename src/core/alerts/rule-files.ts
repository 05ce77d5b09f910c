import { boundedMatcher } from '../bounded-glob';
import { normalizeAlertName } from '../alert-name';
import type { DocModel } from '../doc-model';

/** Where alert rule files are looked for unless `.runbooks.yml` `alerts.ruleFiles` or `runbooks.alerts.ruleFiles` say otherwise. */
export const DEFAULT_RULE_FILE_GLOBS: readonly string[] = Object.freeze(['**/*rules*.y?(a)ml', '**/alerts*.y?(a)ml', '**/prometheus*/**/*.y?(a)ml']);

/**
 * Rule files that are never deployed: test data and fixtures (Thanos' `cmd/thanos/testdata/`, the
 * cluster-monitoring-operator's `test/…/testdata/`). Their alerts have no runbook on purpose.
 */
export const DEFAULT_RULE_FILE_EXCLUDE: readonly string[] = Object.freeze(['**/{testdata,test,tests,fixtures,__fixtures__,__tests__,node_modules,vendor}/**']);

/** Which files are alert rule files. */
export interface RuleFileSettings {
  /** Globs of rule files (root-relative); files they match are rule files when they hold `groups:` or an `alert:`. */
  globs: readonly string[];
  /** Also take any other YAML file that holds an `- alert:` rule. Default true. */
  detectByContent: boolean;
  /** Globs of files that are never rule files, even when a glob or their content says so. Default `DEFAULT_RULE_FILE_EXCLUDE`. */
  exclude?: readonly string[];
}

/** The default settings: the default globs, detection by content, test data left out. */
export const DEFAULT_RULE_FILE_SETTINGS: RuleFileSettings = Object.freeze({ globs: DEFAULT_RULE_FILE_GLOBS, detectByContent: true, exclude: DEFAULT_RULE_FILE_EXCLUDE });

const YAML_FILE = /\.ya?ml$/i;
const ALERT_KEY = /^\s*(?:-\s+)?["']?alert["']?\s*:\s*\S/m;
const GROUPS_KEY = /^\s*["']?groups["']?\s*:/m;

/** A predicate for the paths worth reading: YAML files the globs match, and with detection by content any YAML file. */
export function ruleFileCandidates(settings: RuleFileSettings): (path: string) => 'glob' | 'content' | undefined {
  const glob = settings.globs.length > 0 ? boundedMatcher(settings.globs, { nocase: true }) : () => false;
  const exclude = (settings.exclude ?? DEFAULT_RULE_FILE_EXCLUDE).length > 0 ? boundedMatcher(settings.exclude ?? DEFAULT_RULE_FILE_EXCLUDE) : () => false;
  return (path) => {
    if (exclude(path)) return undefined;
    if (glob(path)) return 'glob';
    return settings.detectByContent && YAML_FILE.test(path) ? 'content' : undefined;
  };
}

/**
 * Whether a file read as a candidate is a rule file: one that holds an `alert:` key; or, matched by
 * a glob, one that holds `groups:` (recording rules only, or an alert file that no longer parses).
 */
export function isRuleFileText(text: string, matchedBy: 'glob' | 'content'): boolean {
  if (ALERT_KEY.test(text)) return /\bexpr\s*:/.test(text) || matchedBy === 'glob';
  return matchedBy === 'glob' && GROUPS_KEY.test(text) && /\b(?:record|expr)\s*:/.test(text);
}

/**
 * The line of each `alerts:` entry in a doc's front matter, by normalized alert name: the first
 * front matter line after the `alerts:` (or `alert:`) key that names the alert, else the key's
 * line. Empty when the doc has no front matter.
 */
export function alertEntryLines(text: string, doc: DocModel): Map<string, number> {
  const out = new Map<string, number>();
  const range = doc.frontMatterLines;
  if (!range || doc.meta.alerts.length === 0) return out;
  const lines = text.split(/\r\n|\n|\r/).slice(range.start - 1, range.end);
  const keyIndex = lines.findIndex((l) => /^\s*["']?alerts?["']?\s*:/.test(l));
  const keyLine = keyIndex >= 0 ? range.start + keyIndex : range.start;
  for (const alert of doc.meta.alerts) {
    const key = normalizeAlertName(alert);
    const escaped = alert.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`(^|[^\\w-])${escaped}($|[^\\w-])`);
    let line = keyLine;
    for (let i = Math.max(keyIndex, 0); i < lines.length; i++) {
      if (pattern.test(lines[i]!)) {
        line = range.start + i;
        break;
      }
    }
    if (!out.has(key)) out.set(key, line);
  }
  return out;
}
