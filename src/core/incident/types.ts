/** Incident severity as written in front matter (`SEV1`…, `critical`, …): free text, shown as is. */
export type IncidentStatus = 'active' | 'resolved';

/** The front matter of an incident file, as the extension reads it. */
export interface IncidentMeta {
  id: string;
  title: string;
  severity: string;
  status: IncidentStatus;
  /** ISO 8601 UTC. */
  started: string;
  /** ISO 8601 UTC, when resolved. */
  resolved?: string;
  /** Workspace-relative paths of the runbooks used. */
  runbooks: string[];
  commander?: string;
  /** The alert that paged, when recorded (at start or later). */
  alert?: string;
  /** ISO 8601 UTC of the page, when recorded; the incident's duration counts from it. */
  paged?: string;
}

/** One parsed timeline entry. */
export interface TimelineEntry {
  /** ISO 8601 UTC of when it happened (the explicit time when one was given). */
  at: string;
  /** Who wrote it (git user.name), when known. */
  author?: string;
  /** First line of the entry's text. */
  summary: string;
  kind: 'note' | 'check' | 'feedback' | 'status';
  /** 1-based line in the incident file. */
  line: number;
  /** For feedback and check entries: the runbook (workspace-relative) and line they are about. */
  target?: { path: string; line: number };
  /** The whole text after the author: the first line and the indented lines under it, de-indented. */
  text: string;
  /** Check runs: the block's name. */
  blockName?: string;
  /** Check runs: whether the check passed. */
  passed?: boolean;
  /** The local time written next to the stamp (`15:05 local`), when there is one. */
  localTime?: string;
}

/** An incident file as read: what could be understood, and what could not. */
export interface IncidentFile {
  /** Workspace-relative path. */
  path: string;
  /** Undefined when the front matter is missing or broken (see `problems`). */
  meta?: IncidentMeta;
  timeline: TimelineEntry[];
  /** Things that could not be parsed, for a clear message; the file is never rewritten because of them. */
  problems: string[];
  /**
   * True for markdown that is not an incident file: no `type: incident` marker in its front matter,
   * no timeline entry, and no `status:` and `started:` either (a checklist or a template a
   * repository keeps in its `incidents/` folder). Such files are left alone: never listed, appended
   * to or picked as active.
   */
  foreign?: true;
}

/** What a note says and when. */
export interface NoteInput {
  text: string;
  /** When it happened, if not now: an explicit `HH:MM` already resolved to a Date by the caller or `resolveExplicitTime`. */
  at?: Date;
  author?: string;
}

/** A check run to record in the timeline (already capped and redacted by the runner). */
export interface CheckRunInput {
  runbookPath: string;
  /** Fence line of the block in the runbook (1-based). */
  line: number;
  blockName: string;
  command: string;
  cwd: string;
  exitCode: number | null;
  durationMs: number;
  passed: boolean;
  /** Why a failed run failed, in one phrase (the failing command, a refused write); shown after the result. */
  failure?: string;
  output: string;
  finishedAt: Date;
  author?: string;
}

/** Feedback on a runbook step, written during an incident. */
export interface FeedbackInput {
  runbookPath: string;
  line: number;
  text: string;
  at: Date;
  author?: string;
}

/** The text of the status entry that resolving writes. */
export const RESOLVED_STATUS = 'Incident resolved';

/** The markers that start the text of the non-note entry kinds (written by `timeline.ts`, read by `incident-parser.ts`). */
export const ENTRY_MARKERS = { check: '▶ check ', feedback: '✎ feedback on ', status: '⚑ ' } as const;
