import picomatch from 'picomatch';
import { TARGET_KEYS, TARGET_LABELS, type CommandTarget, type DeclaredTarget, type DeclaredValue, type Resolved, type TargetKey } from './types';

/** One command that would act somewhere its runbook or block does not allow, or where that is unknown. */
export interface TargetIssue {
  key: TargetKey;
  declared: DeclaredValue;
  command: string;
  /** Where it would act; undefined when that is unknown (`reason` says why). */
  actual?: string;
  /** What decided `actual` (`--context`, `current-context of …`), or why it is unknown. */
  reason: string;
  /** For people: `this runbook targets kube context \`prod-eu-*\`, \`kubectl get pods\` would run in \`staging-us\` (…)`. */
  message: string;
}

/**
 * True when `value` (or one of its other names) matches a declared pattern: a glob where `*` also
 * matches `/` and `:` (kube context names such as EKS ARNs hold both), compared case-sensitively;
 * an Azure subscription id is compared without case.
 */
export function matchesDeclared(key: TargetKey, pattern: string, resolved: { value: string; also?: string[] }): boolean {
  const names = [resolved.value, ...(resolved.also ?? [])];
  if (key === 'azure-subscription') return names.some((name) => name.toLowerCase() === pattern.toLowerCase() || picomatch.isMatch(name, pattern, { bash: true, dot: true }));
  // `-A` acts in every namespace: only a declared `*` allows it.
  if (key === 'namespace' && resolved.value === '*') return pattern === '*';
  return names.some((name) => picomatch.isMatch(name, pattern, { bash: true, dot: true }));
}

/**
 * The commands that would act outside the declared target, dimension by dimension: each declared
 * dimension is checked against every command that has a value for it (a kube context is checked
 * against kubectl/oc/helm commands, an AWS profile against aws commands…). An unknown value is an
 * issue too: unknown means no. Empty when every command matches or no command acts in a declared dimension.
 */
export function checkTargets(declared: DeclaredTarget, targets: readonly CommandTarget[]): TargetIssue[] {
  const issues: TargetIssue[] = [];
  for (const target of targets) {
    for (const key of TARGET_KEYS) {
      const wanted = declared.values[key];
      const resolved = target.values[key];
      if (!wanted || !resolved) continue;
      if ('value' in resolved && matchesDeclared(key, wanted.pattern, resolved)) continue;
      issues.push(issueOf(key, wanted, target.command, resolved));
    }
  }
  return issues;
}

function issueOf(key: TargetKey, declared: DeclaredValue, command: string, resolved: Resolved): TargetIssue {
  const targets = `this ${declared.from} targets ${TARGET_LABELS[key]} \`${declared.pattern}\``;
  if ('unknown' in resolved) {
    return { key, declared, command, reason: resolved.unknown, message: `${targets}, but the ${TARGET_LABELS[key]} \`${command}\` would use is unknown: ${resolved.unknown}. Unknown counts as a mismatch.` };
  }
  const where = resolved.value === '*' && key === 'namespace' ? 'all namespaces' : `\`${resolved.value}\``;
  return { key, declared, command, actual: resolved.value, reason: resolved.from, message: `${targets}, \`${command}\` would run in ${where} (${resolved.from}).` };
}

/**
 * The name a person types to run despite the issues (`--context-override NAME`, or "Run anyway" in
 * the editor): where the first command would really act; when that is unknown, the declared target.
 */
export function overrideName(issues: readonly TargetIssue[]): string {
  const known = issues.find((issue) => issue.actual !== undefined);
  return known ? known.actual! : issues[0]!.declared.pattern;
}

/**
 * Where a block's commands would act, for people: `prod-eu-1/payments` for kube (context/namespace),
 * `aws:ops (123456789012)`, `gcp:my-project`, `az:Production`; `?` for what is unknown, distinct
 * places joined with `, `. Undefined when no command acts in any of them.
 */
export function describeWhere(targets: readonly CommandTarget[]): string | undefined {
  const places: string[] = [];
  const text = (resolved: Resolved | undefined) => (resolved && 'value' in resolved ? (resolved.value === '*' ? 'all namespaces' : resolved.value) : '?');
  for (const target of targets) {
    const v = target.values;
    if (v['kube-context']) places.push(`${text(v['kube-context'])}/${text(v.namespace)}`);
    else if (v['aws-profile']) places.push(`aws:${text(v['aws-profile'])}${v['aws-account'] && 'value' in v['aws-account'] ? ` (${v['aws-account'].value})` : ''}`);
    else if (v['gcp-project']) places.push(`gcp:${text(v['gcp-project'])}`);
    else if (v['azure-subscription']) places.push(`az:${text(v['azure-subscription'])}`);
  }
  const distinct = [...new Set(places)];
  return distinct.length ? distinct.join(', ') : undefined;
}

/**
 * The name a person types to confirm a production change: the first known kube context, AWS
 * profile, GCP project or Azure subscription its commands would act in, else the environment label.
 */
export function confirmationName(declared: DeclaredTarget, targets: readonly CommandTarget[]): string {
  for (const key of ['kube-context', 'aws-profile', 'gcp-project', 'azure-subscription'] as const) {
    for (const target of targets) {
      const resolved = target.values[key];
      if (resolved && 'value' in resolved) return resolved.value;
    }
  }
  return declared.environment ?? 'production';
}
