/**
 * The redaction engine: applies one rule to a text, replacing each accepted secret with
 * `[REDACTED:<kind>]`. The rules themselves live beside this file.
 */

/** The marker every redaction starts with; text that already starts with it is never redacted again. */
export const MARKER_PREFIX = '[REDACTED:';

/** One redaction rule. `kind` is one of `RedactionKind` (kept a string here so the rule files stay free of the facade). */
export interface Rule {
  kind: string;
  /** Must have the `g` and `d` flags. */
  pattern: RegExp;
  /** Capture groups that may hold the secret; the first that took part is redacted. None: the whole match. */
  groups?: number[];
  /** When given, a candidate secret is redacted only if this returns true. */
  accept?: (secret: string, match: RegExpExecArray, text: string) => boolean;
  /** User patterns: redact group 1 when the pattern has groups and group 1 took part, else the whole match. */
  firstGroupIfAny?: boolean;
  /** A cheap test (no `g` flag) the text must pass for the rule to run at all: most text has no cookie, no `mysql`. */
  hint?: RegExp;
}

/** What applying rules returns: the redacted text and how many secrets were replaced. */
export interface RuleResult {
  text: string;
  count: number;
}

/** Applies one rule over the whole text. */
export function applyRule(text: string, rule: Rule): RuleResult {
  const { pattern } = rule;
  if (rule.hint && !rule.hint.test(text)) return { text, count: 0 };
  pattern.lastIndex = 0;
  const parts: string[] = [];
  let last = 0;
  let count = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    if (match[0] === '') {
      pattern.lastIndex++; // a zero-length match (user patterns) would loop forever
      continue;
    }
    const span = secretSpan(match, rule);
    if (!span) continue;
    const [start, end] = span;
    const secret = text.slice(start, end);
    if (secret === '' || secret.startsWith(MARKER_PREFIX) || start < last) continue;
    if (rule.accept && !rule.accept(secret, match, text)) continue;
    parts.push(text.slice(last, start), `${MARKER_PREFIX}${rule.kind}]`);
    last = end;
    count++;
  }
  if (count === 0) return { text, count };
  parts.push(text.slice(last));
  return { text: parts.join(''), count };
}

function secretSpan(match: RegExpExecArray, rule: Rule): [number, number] | undefined {
  const indices = match.indices;
  if (!indices) return undefined;
  if (rule.firstGroupIfAny) return match.length > 1 && indices[1] ? indices[1] : indices[0];
  if (!rule.groups) return indices[0];
  for (const group of rule.groups) {
    const span = indices[group];
    if (span) return span;
  }
  return undefined;
}

/** User patterns as rules of kind `custom`: RegExp objects recompiled with `gd`, strings already compiled. */
export function userRules(patterns: readonly RegExp[]): Rule[] {
  return patterns.map((p) => ({ kind: 'custom', pattern: new RegExp(p.source, `${p.flags.replace(/[gyd]/g, '')}gd`), firstGroupIfAny: true }));
}
