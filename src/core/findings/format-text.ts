import { escapeControl } from '../terminal-text';
import type { PlacedFinding } from './finding';

/**
 * One finding as a line, in the compiler style editors and problem matchers read:
 * `path:line:column severity message [rule-id]` (`path:line` when the column is unknown). Control
 * characters in the path and message are escaped (`escapeControl`), so a finding is always one line.
 */
export function formatFindingLine(f: PlacedFinding): string {
  return `${escapeControl(f.path)}:${f.line}${f.column !== undefined ? `:${f.column}` : ''} ${f.severity} ${escapeControl(f.message)} [${f.ruleId}]`;
}

/**
 * One finding as a line of the CLI's text reports (`index`, `report`, `check`), which put the
 * severity first: `severity path:line message [rule-id]`.
 */
export function formatReportLine(f: PlacedFinding): string {
  return `${f.severity} ${escapeControl(f.path)}:${f.line} ${escapeControl(f.message)} [${f.ruleId}]`;
}

/** Findings as text, one `formatFindingLine` per finding, in the given order; '' for none. */
export function formatText(findings: readonly PlacedFinding[]): string {
  return findings.map(formatFindingLine).join('\n');
}
