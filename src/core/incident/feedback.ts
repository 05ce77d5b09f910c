/**
 * Feedback on runbook lines, as recorded in incident timelines: which notes there are, and which
 * of them someone has since marked dealt with. Shared by the runbook threads in VS Code and the
 * staleness rules, so both agree on what is still open.
 */
import * as path from 'node:path';
import type { IncidentFile } from './types';
import type { FeedbackRecord } from './feedback-record';

export type { FeedbackRecord } from './feedback-record';

/** What the status entry that marks feedback dealt with starts with (after the `⚑` marker). */
export const RESOLVED_FEEDBACK_PREFIX = 'Resolved feedback on ';

/**
 * The text of the status entry that marks the feedback on `runbookPath` line `line` dealt with:
 * `Resolved feedback on runbooks/db.md#L12` (for `formatStatus`).
 */
export function resolvedFeedbackText(runbookPath: string, line: number): string {
  return `${RESOLVED_FEEDBACK_PREFIX}${runbookPath}#L${line}`;
}

/**
 * A runbook path as written in an incident (`./runbooks/db.md`, `/runbooks/db.md`,
 * `runbooks\db.md`) as the workspace-relative posix path the index uses (`runbooks/db.md`).
 * Undefined when it does not name a file inside the workspace (empty, `.`, or above the root).
 */
export function normaliseFeedbackPath(written: string): string | undefined {
  const posix = path.posix.normalize(written.trim().replace(/\\/g, '/')).replace(/^\/+/, '');
  if (posix === '' || posix === '.' || posix === '..' || posix.startsWith('../') || posix.endsWith('/')) return undefined;
  return posix;
}

/**
 * Every feedback entry of `incidents` that names a runbook line, in file order per incident (the
 * order of `incidents`). A feedback entry is `resolved` when the same incident has a status entry
 * {@link resolvedFeedbackText} for the same path and line further down its timeline (appends come
 * in order, so a note added again after it was resolved is open again). Entries whose path is
 * outside the workspace are left out.
 */
export function feedbackRecords(incidents: readonly IncidentFile[]): FeedbackRecord[] {
  const out: FeedbackRecord[] = [];
  for (const incident of incidents) {
    // The last line that resolves each `path#Lline`.
    const resolvedUpTo = new Map<string, number>();
    for (const entry of incident.timeline) {
      if (entry.kind !== 'status' || !entry.summary.startsWith(RESOLVED_FEEDBACK_PREFIX)) continue;
      const match = /^(.*)#L(\d+)\s*$/.exec(entry.summary.slice(RESOLVED_FEEDBACK_PREFIX.length));
      const target = match ? normaliseFeedbackPath(match[1]!) : undefined;
      if (target) resolvedUpTo.set(`${target}#L${Number(match![2])}`, entry.line);
    }
    const about = {
      path: incident.path,
      ...(incident.meta ? { id: incident.meta.id, title: incident.meta.title } : {}),
    };
    for (const entry of incident.timeline) {
      if (entry.kind !== 'feedback' || !entry.target) continue;
      const target = normaliseFeedbackPath(entry.target.path);
      if (!target) continue;
      const resolvedAt = resolvedUpTo.get(`${target}#L${entry.target.line}`);
      out.push({
        path: target,
        line: entry.target.line,
        text: entry.summary,
        at: entry.at,
        ...(entry.author ? { author: entry.author } : {}),
        incident: about,
        resolved: resolvedAt !== undefined && resolvedAt > entry.line,
      });
    }
  }
  return out;
}
