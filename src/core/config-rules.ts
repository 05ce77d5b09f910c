import { isAlias, isScalar, type Document, type Node, type YAMLMap } from 'yaml';
import { checkRuleSeverity, type RuleSeverity, type SeverityOverrides } from './findings/severity';

type Problem = (message: string, at: { line: number; column: number }) => void;
type Locate = (node: Node | null | undefined) => { line: number; column: number };

/**
 * The `rules:` section of a config file: rule id → `error`, `warning`, `info` or `off`. An unknown
 * rule id (with the closest one suggested), a key that is not a name or a value that is not a
 * severity is a problem on its line (see `checkRuleSeverity`), and that entry is left out.
 */
export function parseRulesSection(doc: Document, section: YAMLMap, problem: Problem, locate: Locate): SeverityOverrides {
  const rules: Record<string, RuleSeverity> = {};
  for (const item of section.items) {
    const key = isScalar(item.key) && typeof item.key.value === 'string' ? item.key.value : undefined;
    if (key === undefined) {
      problem('Keys of `rules` must be rule ids (e.g. `link.anchor-drifted`).', locate(item.key as Node));
      continue;
    }
    const node = isAlias(item.value) ? (item.value.resolve(doc) as Node | undefined) : (item.value as Node | null);
    const checked = checkRuleSeverity(key, node && 'toJSON' in node ? (node.toJSON() as unknown) : null, 'rules.');
    if ('problem' in checked) problem(checked.problem, locate(!node || checked.problem.includes('is not a rule id') || checked.problem.includes('has no value') ? (item.key as Node) : node));
    else rules[key] = checked.severity;
  }
  return rules;
}
