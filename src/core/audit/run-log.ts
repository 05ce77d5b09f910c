import { redactSecrets } from '../redact';
import type { Confirmation, RunRecord } from '../runner/types';

/** One line of the run log (JSON Lines): a block that ran, in the editor or the CLI. */
export interface RunLogRecord {
  /** Format version of the line. */
  v: 1;
  /** When the run finished (ISO 8601, UTC). */
  time: string;
  /** When it started (ISO 8601, UTC). */
  startedAt: string;
  /** The OS user who ran it. */
  user: string;
  /** `editor` or `cli`. */
  source: 'editor' | 'cli';
  /** Absolute path of the workspace root (the repository) the runbook is in. */
  root: string;
  /** Workspace-relative posix path of the runbook. */
  doc: string;
  block: string;
  blockIndex: number;
  /** Fence line (1-based) when it ran. */
  line: number;
  /** The resolved command, secrets redacted. */
  command: string;
  /** Working directory, workspace-relative (`.` is the root). */
  cwd: string;
  /** Where its commands acted (`prod-eu-1/payments`); absent when no command acts in a kube context or cloud. */
  context?: string;
  kind: 'check' | 'change';
  /** `captured` (output kept) or `terminal` (sent to a terminal: no exit code, no output). */
  mode: 'captured' | 'terminal';
  confirmation: Confirmation;
  /** Null when killed by a signal, or for terminal runs. */
  exitCode: number | null;
  passed: boolean | null;
  timedOut?: boolean;
  cancelled?: boolean;
  durationMs: number;
  /** `sha256:<hex>` of the redacted output, to tell runs apart without keeping output; absent for terminal runs. */
  outputDigest?: string;
}

/** Where run log lines are appended and read back. Implemented in `src/node` (one file, appended under a lock). */
export interface RunLog {
  /** The log's location, for messages. */
  readonly location: string;
  /** Appends one record as one line; rejects when it cannot (the caller reports it, the run stands). */
  append(record: RunLogRecord): Promise<void>;
  /** Every record, oldest first, and the lines that could not be read. Empty when there is no log yet. */
  read(): Promise<ParsedRunLog>;
}

/** What the log's text holds. */
export interface ParsedRunLog {
  records: RunLogRecord[];
  /** Lines that are not records (a hand edit, a torn write), by 1-based line number. */
  problems: Array<{ line: number; message: string }>;
}

/** What a face knows about a run beyond its record. */
export interface RunLogContext {
  user: string;
  source: 'editor' | 'cli';
  root: string;
  context?: string;
  confirmation: Confirmation;
  /** `sha256:<hex>` of the output (computed by the caller: core has no hashing). */
  outputDigest?: string;
  mode?: 'captured' | 'terminal';
  /** Extra redaction patterns (from settings). */
  redactPatterns?: RegExp[];
}

/** The log line of a finished run; the command is redacted again (a token typed into the block itself). */
export function runLogRecord(run: RunRecord, context: RunLogContext): RunLogRecord {
  const { result } = run;
  const started = new Date(run.finishedAt.getTime() - Math.round(result.durationMs));
  const record: RunLogRecord = {
    v: 1,
    time: run.finishedAt.toISOString(),
    startedAt: started.toISOString(),
    user: context.user,
    source: context.source,
    root: context.root,
    doc: run.docPath,
    block: run.blockName,
    blockIndex: run.blockIndex,
    line: run.line,
    command: redactSecrets(run.command, context.redactPatterns).text,
    cwd: run.cwd,
    ...(context.context ? { context: context.context } : {}),
    kind: run.kind,
    mode: context.mode ?? 'captured',
    confirmation: context.confirmation,
    exitCode: result.exitCode,
    passed: context.mode === 'terminal' ? null : result.passed,
    durationMs: Math.round(result.durationMs),
  };
  if (result.timedOut) record.timedOut = true;
  if (result.cancelled) record.cancelled = true;
  if (context.outputDigest) record.outputDigest = context.outputDigest;
  return record;
}

/** One record as one line of JSON, newline included. */
export function serializeRunLogRecord(record: RunLogRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/**
 * Reads the log's text: one JSON object a line. A line that is not a record is listed in
 * `problems` (never dropped silently) and the rest still count; blank lines are skipped.
 */
export function parseRunLog(text: string): ParsedRunLog {
  const parsed: ParsedRunLog = { records: [], problems: [] };
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    try {
      const value = JSON.parse(line) as Partial<RunLogRecord>;
      if (!value || typeof value !== 'object' || value.v !== 1 || typeof value.time !== 'string' || typeof value.doc !== 'string' || typeof value.block !== 'string') {
        parsed.problems.push({ line: index + 1, message: 'not a run record' });
        return;
      }
      parsed.records.push(value as RunLogRecord);
    } catch (error) {
      parsed.problems.push({ line: index + 1, message: `not JSON (${(error as Error).message})` });
    }
  });
  return parsed;
}

/** Which runs to show. */
export interface RunFilter {
  /** Only runs of this runbook (workspace-relative posix path). */
  doc?: string;
  /** Only runs in this workspace root (absolute). */
  root?: string;
  /** Only runs that finished at or after this time. */
  since?: Date;
}

/** The records that pass the filter, newest first. */
export function filterRuns(records: readonly RunLogRecord[], filter: RunFilter): RunLogRecord[] {
  const since = filter.since?.getTime();
  return records
    .filter((r) => (filter.doc === undefined || r.doc === filter.doc) && (filter.root === undefined || r.root === filter.root) && (since === undefined || Date.parse(r.time) >= since))
    .sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
}

/**
 * Reads `--since`: a duration back from `now` (`90m`, `12h`, `2d`, `1w`) or a date/time
 * (`2026-12-01`, `2026-12-01T10:00Z`). Returns `{ error }` naming the accepted forms otherwise.
 */
export function parseSince(text: string, now: Date): Date | { error: string } {
  const value = text.trim();
  const relative = /^(\d+)\s*(m|min|h|d|w)$/i.exec(value);
  if (relative) {
    const unit = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[relative[2]!.toLowerCase() as 'm' | 'min' | 'h' | 'd' | 'w'];
    return new Date(now.getTime() - Number(relative[1]) * unit);
  }
  if (/^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    const parsed = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
    if (!Number.isNaN(parsed)) return new Date(parsed);
  }
  return { error: `--since must be a duration (30m, 12h, 2d, 1w) or a date (2026-12-01), not "${text}"` };
}

/** One line for a run: `2026-12-07 09:14:03Z ✓ exit 0  0.4 s  check  runbooks/db.md#pool-config  staging-us/web  alice (cli, button)`. */
export function describeRun(record: RunLogRecord): string {
  const mark = record.passed === null ? '▷' : record.passed ? '✓' : '✗';
  const exit = record.mode === 'terminal' ? 'terminal' : record.timedOut ? 'timed out' : record.cancelled ? 'cancelled' : record.exitCode === null ? 'killed' : `exit ${record.exitCode}`;
  const time = `${record.time.slice(0, 10)} ${record.time.slice(11, 19)}Z`;
  const where = record.context ? `  ${record.context}` : '';
  return `${time} ${mark} ${exit}  ${(record.durationMs / 1000).toFixed(1)} s  ${record.kind}  ${record.doc}#${record.block}${where}  ${record.user} (${record.source}, ${record.confirmation})`;
}
