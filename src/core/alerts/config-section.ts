import { isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { compileBoundedGlob, isGlobRefusal, type GlobRefusal } from '../bounded-glob';
import type { RuleFileSettings } from './rule-files';

/** The `alerts:` section of `.runbooks.yml`: which files are alert rule files. Unset keys keep their defaults. */
export type AlertsConfig = Partial<Pick<RuleFileSettings, 'globs' | 'exclude' | 'detectByContent'>>;

type Problem = (message: string, at: { line: number; column: number }) => void;
type Locate = (node: Node | null | undefined) => { line: number; column: number };

const KEYS: Record<string, keyof AlertsConfig> = { ruleFiles: 'globs', exclude: 'exclude', detectByContent: 'detectByContent' };

/**
 * Reads the `alerts:` section (`ruleFiles`: globs of rule files, `exclude`: globs of files that are
 * never rule files, `detectByContent`: also take YAML files that hold alert rules). A glob may be
 * written as one string. Each problem is reported on its line and the key keeps its default.
 */
export function readAlertsSection(section: YAMLMap, problem: Problem, locate: Locate): AlertsConfig {
  const config: AlertsConfig = {};
  for (const pair of section.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const target = name !== undefined && Object.prototype.hasOwnProperty.call(KEYS, name) ? KEYS[name] : undefined;
    if (!target) {
      problem(`\`alerts.${name ?? '?'}\` is not a setting; the settings are \`ruleFiles\`, \`exclude\` and \`detectByContent\`.`, locate(pair.key as Node));
      continue;
    }
    const node = pair.value as Node | null;
    if (target === 'detectByContent') {
      if (isScalar(node) && typeof node.value === 'boolean') config.detectByContent = node.value;
      else problem('`alerts.detectByContent` must be true or false.', locate(node ?? (pair.key as Node)));
      continue;
    }
    const items = isScalar(node) && typeof node.value === 'string' ? [node] : isSeq(node) ? (node.items as Node[]) : undefined;
    const bad = items?.find((item) => !isScalar(item) || typeof item.value !== 'string' || item.value.trim() === '');
    if (!items || bad) {
      problem(`\`alerts.${name}\` must be a list of globs (e.g. \`[monitoring/**/*.yml]\`).`, locate(bad ?? node ?? (pair.key as Node)));
      continue;
    }
    const refused = items.find((item) => isGlobRefusal(compileBoundedGlob(String((item as { value: unknown }).value))));
    if (refused) {
      const refusal = compileBoundedGlob(String((refused as { value: unknown }).value)) as GlobRefusal;
      problem(`\`alerts.${name}\` holds a glob that is refused because ${refusal.reason}; the key keeps its default.`, locate(refused));
      continue;
    }
    config[target] = items.map((item) => String((item as { value: unknown }).value));
  }
  return config;
}
