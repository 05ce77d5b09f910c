import type * as vscode from 'vscode';
import { runLogRecord, type RunLog } from '../../../core/audit/run-log';
import { FileRunLog, outputDigest, runLogPath, runUser } from '../../../node/run-log-file';
import type { Logger } from '../../logger';
import type { RunRecord } from './block-run-service';

/**
 * The run log the editor appends to: the same file as the CLI's (see `runLogPath`), from the
 * extension host's environment, so `runbooks history` and Run History show every run. Undefined
 * when it cannot be named (no HOME); the caller says so once.
 */
export function editorRunLog(): RunLog | undefined {
  const location = runLogPath(process.env);
  return location ? new FileRunLog(location) : undefined;
}

/** Appends one editor run; a failure is logged and shown, and never undoes the run. */
export async function logEditorRun(log: RunLog | undefined, record: RunRecord, folder: vscode.WorkspaceFolder, logger: Logger, redactPatterns: RegExp[], mode: 'captured' | 'terminal' = 'captured'): Promise<string | undefined> {
  if (!log) return 'the run log is not written: neither XDG_STATE_HOME nor HOME is set';
  const entry = runLogRecord(record, {
    user: runUser(process.env),
    source: 'editor',
    root: folder.uri.fsPath,
    ...(record.where ? { context: record.where } : {}),
    confirmation: record.confirmation ?? 'none',
    mode,
    redactPatterns,
    ...(mode === 'captured' ? { outputDigest: outputDigest(record.result.output) } : {}),
  });
  try {
    await log.append(entry);
    return undefined;
  } catch (error) {
    logger.error(`Appending to the run log ${log.location}`, error);
    return `the run was not written to the run log ${log.location}: ${(error as Error).message}`;
  }
}
