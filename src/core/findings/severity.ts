import { closest, describe, listWords } from '../config-words';
import { type Finding, type Severity } from './finding';
import { RULES, ruleInfo } from './rule-table';

/** A configured rule severity; `off` drops the rule's findings. */
export type RuleSeverity = Severity | 'off';

/** Rule id → configured severity, from `.runbooks.yml` `rules:` and the `runbooks.rules.severity` setting. */
export type SeverityOverrides = Readonly<Record<string, RuleSeverity>>;

/** The values a rule severity may have, in the order the messages list them. */
export const RULE_SEVERITIES: readonly RuleSeverity[] = Object.freeze(['error', 'warning', 'info', 'off']);

/** Every rule id a severity may be set for. */
export const CONFIGURABLE_RULE_IDS: readonly string[] = Object.freeze(RULES.map((r) => r.id));

/**
 * The severity a finding of `ruleId` is reported with: the override for the rule when there is
 * one, else `severity` (the finding's own). Undefined when the rule is `off`.
 */
export function severityFor(ruleId: string, severity: Severity, overrides: SeverityOverrides | undefined): Severity | undefined {
  const set = overrides && Object.prototype.hasOwnProperty.call(overrides, ruleId) ? overrides[ruleId] : undefined;
  if (set === undefined) return severity;
  return set === 'off' ? undefined : set;
}

/**
 * The findings with their configured severities, in the same order; findings of rules that are
 * `off` are left out. Returns `findings` itself when nothing is overridden.
 */
export function applySeverities<F extends Finding>(findings: readonly F[], overrides: SeverityOverrides | undefined): F[] {
  if (!overrides || Object.keys(overrides).length === 0) return findings as F[];
  const out: F[] = [];
  for (const f of findings) {
    const severity = severityFor(f.ruleId, f.severity, overrides);
    if (severity !== undefined) out.push(severity === f.severity ? f : { ...f, severity });
  }
  return out;
}

/**
 * Overrides merged: `over` wins rule by rule (the editor setting over `.runbooks.yml`).
 */
export function mergeSeverityOverrides(base: SeverityOverrides | undefined, over: SeverityOverrides | undefined): SeverityOverrides {
  return { ...base, ...over };
}

/**
 * Checks one entry of a severity table (`.runbooks.yml` `rules:`, `runbooks.rules.severity`):
 * the severity, or what is wrong, as a sentence about `` `${prefix}${id}` `` (an unknown rule id
 * with the closest one suggested; a value that is not `error`, `warning`, `info` or `off`).
 */
export function checkRuleSeverity(id: string, value: unknown, prefix = ''): { severity: RuleSeverity } | { problem: string } {
  const rule = ruleInfo(id);
  if (!rule) {
    const near = closest(id, CONFIGURABLE_RULE_IDS);
    return { problem: `\`${prefix}${id}\` is not a rule id; ${near ? `did you mean \`${near}\`?` : 'the rule ids are listed in the README (Rules), e.g. `link.anchor-drifted`.'}` };
  }
  const choices = listWords(RULE_SEVERITIES, 'or');
  const defaults = `the default is \`${rule.defaultSeverity}\``;
  if (value === null || value === undefined) return { problem: `\`${prefix}${id}\` has no value; set ${choices}, or remove it (${defaults}).` };
  if (typeof value !== 'string' || !(RULE_SEVERITIES as readonly string[]).includes(value)) return { problem: `\`${prefix}${id}\` must be ${choices}, not ${describe(value)} (${defaults}).` };
  return { severity: value as RuleSeverity };
}
