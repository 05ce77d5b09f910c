import { type Finding, type Severity } from './finding';
import { RULES } from './rule-table';

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
