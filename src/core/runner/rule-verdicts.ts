/**
 * The vocabulary of the command rules: what a rule returns (`Verdict`), what it can call back
 * into (`RuleContext`), and the small constructors every rule file uses to build verdicts.
 */

/** What the classifier thinks of one command: read-only (with labels for the reason) or not (with why). */
export type Verdict = { readOnly: true; labels: string[] } | { readOnly: false; reason: string };

/** What a rule can call back into: classify another argv (`sudo CMD`) or a whole script (`sh -c '…'`). */
export interface RuleContext {
  /** The command's base name (`kubectl` for `/usr/local/bin/kubectl`). */
  name: string;
  argv(argv: string[]): Verdict;
  script(text: string): Verdict;
}

/** Decides about one command from its arguments (the words after the command name). */
export type Rule = (args: string[], ctx: RuleContext) => Verdict;

/** A read-only verdict labelled `label` (shown in the block's reason). */
export function ok(label: string, more: string[] = []): Verdict {
  return { readOnly: true, labels: [label, ...more] };
}

/** "`label` changes state". */
export function changes(label: string): Verdict {
  return { readOnly: false, reason: `\`${label}\` changes state` };
}

/** "`label` is not known to be read-only". */
export function unknown(label: string): Verdict {
  return { readOnly: false, reason: `\`${label}\` is not known to be read-only` };
}

/** A change verdict with its own reason. */
export function because(reason: string): Verdict {
  return { readOnly: false, reason };
}

/** Output targets that are not files: writing there changes nothing. */
export function isDeviceTarget(target: string): boolean {
  return /^\/dev\/(?:null|stdout|stderr|tty|fd\/\d+)$/.test(target);
}

/** `verdict` with `label` put first among its labels when it is read-only (`sudo kubectl get` reads as `kubectl exec`, …). */
export function withLabel(verdict: Verdict, label: string): Verdict {
  return verdict.readOnly ? { readOnly: true, labels: [label, ...verdict.labels] } : verdict;
}
