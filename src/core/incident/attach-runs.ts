import * as path from 'node:path';
import { formatCheckRun, type EntryOptions } from './timeline';
import type { IncidentFile } from './types';
import type { RunLogRecord } from '../audit/run-log';

/** Two stamps this close (ms) are the same run: the timeline keeps seconds, the log milliseconds. */
const SAME_RUN_MS = 1500;

/**
 * The runs of the log to attach to an incident: those that finished at or after it started, of a
 * runbook inside `root` (the workspace root, absolute), that its timeline does not have yet (the
 * editor records its own runs as they happen; the CLI's and other windows' are missing). Oldest first.
 * Empty when the incident's front matter cannot be read (no start time).
 */
export function runsToAttach(incident: IncidentFile, records: readonly RunLogRecord[], root: string): RunLogRecord[] {
  const started = incident.meta ? Date.parse(incident.meta.started) : NaN;
  if (Number.isNaN(started)) return [];
  const inRoot = (record: RunLogRecord) => {
    const relative = path.relative(root, path.join(record.root, ...record.doc.split('/')));
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  };
  const recorded = incident.timeline.filter((entry) => entry.kind === 'check');
  const already = (record: RunLogRecord) =>
    recorded.some((entry) => entry.blockName === record.block && Math.abs(Date.parse(entry.at) - Date.parse(record.time)) <= SAME_RUN_MS);
  return records
    .filter((record) => Date.parse(record.time) >= started && inRoot(record) && !already(record))
    .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
}

/**
 * A logged run as an incident timeline entry, in the form of the runs the editor records (so it is
 * read back as a check entry), linked from `incidentPath`. The log keeps no output, so the entry
 * says where it came from (who, from where, the context) and the output's digest instead.
 */
export function loggedRunEntry(record: RunLogRecord, root: string, incidentPath: string, options: EntryOptions = {}): string {
  const docPath = path.relative(root, path.join(record.root, ...record.doc.split('/'))).split(path.sep).join('/');
  const origin = [`from the run log: ${record.source}`, record.context ? `in ${record.context}` : undefined, record.confirmation !== 'none' ? `confirmed: ${record.confirmation}` : undefined]
    .filter(Boolean)
    .join(', ');
  return formatCheckRun(
    {
      runbookPath: docPath,
      line: record.line,
      blockName: record.block,
      command: record.command,
      cwd: record.cwd,
      exitCode: record.exitCode,
      durationMs: record.durationMs,
      passed: record.passed === true,
      ...(record.passed === null ? { failure: 'sent to a terminal, result unknown' } : {}),
      output: `(${origin}; the output is not kept${record.outputDigest ? `, its digest is ${record.outputDigest}` : ''})`,
      finishedAt: new Date(record.time),
      author: record.user,
    },
    incidentPath,
    options,
  );
}
