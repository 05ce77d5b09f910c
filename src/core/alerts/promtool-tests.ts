/**
 * Whether a YAML text is a promtool unit-test file (top-level `rule_files:` and `tests:`): its
 * `exp_annotations` repeat the rules' `runbook_url`, but it is a test of the rules, not a rule file.
 */
export function isPromtoolTestFile(text: string): boolean {
  return /^rule_files\s*:/m.test(text) && /^tests\s*:/m.test(text);
}
