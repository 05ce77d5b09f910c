import * as path from 'node:path';
import { describeRun, filterRuns, parseSince, type RunFilter, type RunLogRecord } from '../../core/audit/run-log';
import { escapeControl } from '../../core/terminal-text';
import { FileRunLog, runLogPath } from '../../node/run-log-file';
import { UsageError, type CliArgs } from '../args';
import type { CliIo } from '../io';

/**
 * `runbooks history [--doc PATH] [--since 2d] [--format text|json]`: the runs of the run log, newest
 * first, from every repository unless `--doc` names one runbook (by path, from the current folder).
 * Lines of the log that are not records are counted on stderr, never dropped silently. Returns 0.
 */
export async function runHistory(args: CliArgs, io: CliIo, now: Date = new Date()): Promise<number> {
  const location = runLogPath(io.env);
  if (!location) throw new UsageError('no run log: neither XDG_STATE_HOME nor HOME is set');
  const filter: RunFilter = {};
  if (args.since !== undefined) {
    const since = parseSince(args.since, now);
    if ('error' in since) throw new UsageError(since.error);
    filter.since = since;
  }
  const { records, problems } = await new FileRunLog(location).read();
  const doc = args.doc !== undefined ? path.resolve(io.cwd, args.doc) : undefined;
  const runs = filterRuns(records, filter).filter((record) => doc === undefined || absoluteDoc(record) === doc);
  if (problems.length) io.err(`Note: ${problems.length} line(s) of ${location} are not run records (first: line ${problems[0]!.line}, ${problems[0]!.message}).`);
  if (args.format === 'json') {
    io.out(JSON.stringify(runs, null, 2));
    return 0;
  }
  if (runs.length === 0) {
    io.out(`No runs${args.doc ? ` of ${escapeControl(args.doc)}` : ''}${args.since ? ` since ${escapeControl(args.since)}` : ''} in ${location}.`);
    return 0;
  }
  for (const run of runs) io.out(`${escapeControl(describeRun(run))}\n    $ ${escapeControl(run.command.split('\n').join('\n      '))}`);
  return 0;
}

function absoluteDoc(record: RunLogRecord): string {
  return path.join(record.root, ...record.doc.split('/'));
}
