import { loggedRunEntry, runsToAttach } from './attach-runs';
import type { RunLogRecord } from '../audit/run-log';
import type { RunRecord } from '../runner/types';
import { failureReason } from '../runner/run-failure';
import { pickActiveIncident } from './incident-parser';
import { pagedStatus } from './incident-template';
import { utcStamp } from './zoned-time';
import { formatCheckRun, formatFeedback, formatNote, formatStatus, resolveExplicitTime, type EntryOptions } from './timeline';
import { RESOLVED_STATUS, type IncidentFile, type IncidentMeta } from './types';

export { RESOLVED_STATUS } from './types';

/** The incidents folder, relative to the workspace root, when no setting or flag names another. */
export const DEFAULT_INCIDENTS_FOLDER = 'incidents';

/**
 * The incidents folder as configured (`runbooks.incidents.folder`, `--incidents-dir`), relative to
 * the root, without leading `./` or `/` and trailing slashes; {@link DEFAULT_INCIDENTS_FOLDER}
 * when empty or unset.
 */
export function incidentsFolder(configured: string | undefined): string {
  return (configured || DEFAULT_INCIDENTS_FOLDER).replace(/^\.?\/+|\/+$/g, '') || DEFAULT_INCIDENTS_FOLDER;
}

/** True when the last timeline entry is the "Incident resolved" status: a resolve wrote it. */
export function endsResolved(incident: IncidentFile): boolean {
  const last = incident.timeline[incident.timeline.length - 1];
  return last?.kind === 'status' && last.summary === RESOLVED_STATUS;
}

/**
 * True when an incident takes no more notes: its front matter says `status: resolved`, or, when the
 * front matter cannot be read, its timeline ends with "Incident resolved".
 */
export function isClosed(incident: IncidentFile): boolean {
  return incident.meta ? incident.meta.status === 'resolved' : endsResolved(incident);
}

/** A note, run or feedback refused because the incident was resolved after the caller picked it. */
export class IncidentClosedError extends Error {
  constructor(readonly incidentPath: string) {
    super(`${incidentPath} was resolved; the note was not added. Start a new incident, or set \`status: active\` in it to reopen it.`);
    this.name = 'IncidentClosedError';
  }
}

/** How to append. */
export interface AppendOptions {
  /** Refuse (with {@link IncidentClosedError}) when the incident is resolved, checked under the file's lock. */
  onlyIfActive?: boolean;
}

/** What resolving an incident did. */
export interface ResolveResult {
  /** Workspace-relative path of the postmortem draft that was written. */
  postmortemPath: string;
  /** True when the front matter now says `status: resolved`. */
  frontMatterUpdated: boolean;
  /** Why the front matter was left as it was (a "resolved" entry was still appended); absent when it was updated. */
  problem?: string;
  /** The incident as read after resolving. */
  incident: IncidentFile;
}

/**
 * The incident files of one folder. Implemented in `src/node` (`IncidentStore`: created with
 * O_EXCL, appended under a per-file lock, fsync); the editor wraps it so a file with unsaved edits
 * is appended through the editor, under the same lock.
 */
export interface IncidentFiles {
  /** Every incident file of the folder, parsed; empty when the folder does not exist. */
  list(): Promise<IncidentFile[]>;
  /** Creates a new incident file from the template (never overwriting one); returns its workspace-relative path. */
  create(meta: IncidentMeta): Promise<string>;
  /** Appends a formatted timeline entry to an existing incident file. */
  append(incidentPath: string, block: string, options?: AppendOptions): Promise<void>;
  /** Appends the "resolved" entry, marks the front matter resolved and writes the postmortem draft. */
  resolve(incidentPath: string, at: Date, author?: string): Promise<ResolveResult>;
  /**
   * Sets top-level front matter fields with a minimal edit (see `setFrontMatterFields`), under the
   * file's lock; resolves `{ updated: false, problem }` and leaves the file alone when the front
   * matter cannot be edited safely.
   */
  setFields(incidentPath: string, fields: Record<string, string>): Promise<{ updated: boolean; problem?: string }>;
}

/** Entries meant for the active incident are refused once it is resolved (checked under the lock). */
const ACTIVE_ONLY: AppendOptions = { onlyIfActive: true };

/** Options of {@link IncidentLog}. */
export interface IncidentLogOptions extends EntryOptions {
  /** Who writes (git user.name), asked lazily; none when absent or undefined. */
  author?: () => Promise<string | undefined>;
  /** The clock (default: the system's). */
  now?: () => Date;
}

/** What to start an incident with. */
export interface StartIncident {
  title: string;
  severity: string;
  /** Workspace-relative paths of the runbooks in use. */
  runbooks: string[];
  /** The alert that paged, when known. */
  alert?: string;
  /** When the page came, when known (before the start, usually): the incident's duration counts from it. */
  paged?: Date;
}

/** The page of an incident, set after the start: either or both. */
export interface PageDetails {
  alert?: string;
  paged?: Date;
}

/**
 * The incident log, for both faces: start an incident, add notes, record check runs and feedback,
 * resolve. Entries go to the active incident (see `pickActiveIncident`), read afresh from the files
 * each time, and are refused ({@link IncidentClosedError}) if it was resolved in between. Methods
 * that need an active incident resolve undefined when there is none.
 */
export class IncidentLog {
  private readonly now: () => Date;

  constructor(
    readonly files: IncidentFiles,
    private readonly options: IncidentLogOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** The active incident, or undefined. */
  async active(): Promise<IncidentFile | undefined> {
    return pickActiveIncident(await this.files.list());
  }

  /**
   * Starts an incident (status active, started now, the author as commander when known).
   * Returns the new file's path, and the incident that was active before, if any (notes now go to the new one).
   */
  async start(input: StartIncident): Promise<{ path: string; previous?: IncidentFile }> {
    const previous = await this.active();
    const commander = await this.author();
    const path = await this.files.create({
      id: '',
      title: input.title,
      severity: input.severity,
      status: 'active',
      started: this.now().toISOString(),
      runbooks: input.runbooks,
      ...(commander ? { commander } : {}),
      ...(input.alert?.trim() ? { alert: input.alert.trim() } : {}),
      ...(input.paged ? { paged: input.paged.toISOString() } : {}),
    });
    return { path, ...(previous ? { previous } : {}) };
  }

  /**
   * Appends a note to the active incident. Its time is `at` when given, else an explicit leading
   * `HH:MM` in the text (taken out of the text), else now. Resolves the incident and the time the
   * note stands at, or undefined when no incident is active.
   */
  async note(text: string, at?: Date): Promise<{ incident: IncidentFile; at: Date } | undefined> {
    const incident = await this.active();
    if (!incident) return undefined;
    const written = this.now();
    const explicit = at ? { at, text } : resolveExplicitTime(text, written, this.options.timeZone);
    const block = formatNote({ text: explicit?.text ?? text, ...(explicit ? { at: explicit.at } : {}), author: await this.author() }, written, this.entryOptions());
    await this.files.append(incident.path, block, ACTIVE_ONLY);
    return { incident, at: explicit?.at ?? written };
  }

  /**
   * Records the alert and/or the page time of the active incident after its start: sets `alert:` and
   * `paged:` in its front matter and adds a "⚑ Paged: ALERT" entry at the page time (placed in time
   * order). Undefined when no incident is active; `problem` when the front matter could not be
   * edited safely (the entry is still added, so the page is on record).
   */
  async setPage(details: PageDetails): Promise<{ incident: IncidentFile; problem?: string } | undefined> {
    const incident = await this.active();
    if (!incident) return undefined;
    const fields: Record<string, string> = {};
    const alert = details.alert?.trim() || undefined;
    if (alert) fields.alert = alert;
    if (details.paged) fields.paged = utcStamp(details.paged);
    const edit = await this.files.setFields(incident.path, fields);
    const at = details.paged ?? (incident.meta?.paged ? new Date(incident.meta.paged) : undefined);
    const name = alert ?? incident.meta?.alert;
    const text = at ? pagedStatus(name) : `Alert: ${name ?? ''}`.trim();
    await this.files.append(incident.path, formatStatus(text, at ?? this.now(), await this.author(), this.entryOptions()), ACTIVE_ONLY);
    return { incident, ...(edit.problem ? { problem: edit.problem } : {}) };
  }

  /** Records a check run in the active incident; undefined (nothing written) when none is active. */
  async recordRun(record: RunRecord): Promise<IncidentFile | undefined> {
    const incident = await this.active();
    if (!incident) return undefined;
    const failure = failureReason(record.result);
    const block = formatCheckRun(
      {
        runbookPath: record.docPath,
        line: record.line,
        blockName: record.blockName,
        command: record.command,
        cwd: record.cwd,
        exitCode: record.result.exitCode,
        durationMs: record.result.durationMs,
        passed: record.result.passed,
        ...(failure ? { failure } : {}),
        output: record.result.output,
        finishedAt: record.finishedAt,
        author: await this.author(),
      },
      incident.path,
      this.entryOptions(),
    );
    await this.files.append(incident.path, block, ACTIVE_ONLY);
    return incident;
  }

  /**
   * Attaches to the active incident the runs of the run log since it started, of runbooks inside
   * `root`, that its timeline does not have yet (see `runsToAttach`): CLI runs, other windows'.
   * Resolves how many were attached, or undefined when no incident is active.
   */
  async attachRuns(records: readonly RunLogRecord[], root: string): Promise<{ incident: IncidentFile; attached: number } | undefined> {
    const incident = await this.active();
    if (!incident) return undefined;
    const runs = runsToAttach(incident, records, root);
    for (const run of runs) await this.files.append(incident.path, loggedRunEntry(run, root, incident.path, this.entryOptions()), ACTIVE_ONLY);
    return { incident, attached: runs.length };
  }

  /** Records feedback on a runbook line in the active incident; undefined when none is active. */
  async feedback(runbookPath: string, line: number, text: string): Promise<IncidentFile | undefined> {
    const incident = await this.active();
    if (!incident) return undefined;
    await this.files.append(incident.path, formatFeedback({ runbookPath, line, text, at: this.now(), author: await this.author() }, incident.path, this.entryOptions()), ACTIVE_ONLY);
    return incident;
  }

  /** Appends a status line to an incident, active or not (e.g. that a piece of feedback was resolved). */
  async status(incidentPath: string, text: string): Promise<void> {
    await this.files.append(incidentPath, formatStatus(text, this.now(), await this.author(), this.entryOptions()));
  }

  /** Resolves the active incident and writes its postmortem draft; undefined when none is active. */
  async resolve(): Promise<ResolveResult | undefined> {
    const incident = await this.active();
    if (!incident) return undefined;
    return this.files.resolve(incident.path, this.now(), await this.author());
  }

  private author(): Promise<string | undefined> {
    return this.options.author ? this.options.author() : Promise.resolve(undefined);
  }

  private entryOptions(): EntryOptions {
    const { timeZone, redactionPatterns } = this.options;
    return { ...(timeZone ? { timeZone } : {}), ...(redactionPatterns ? { redactionPatterns } : {}) };
  }
}
