import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseRunLog, serializeRunLogRecord, type ParsedRunLog, type RunLog, type RunLogRecord } from '../core/audit/run-log';
import { withFileLock } from './incident-lock';

/** The run log's file name inside the state folder. */
export const RUN_LOG_FILE = 'runs.jsonl';

/**
 * Where the run log lives, one place for the CLI and every editor window of a user:
 * `$XDG_STATE_HOME/living-runbooks/runs.jsonl`, else `~/.local/state/living-runbooks/runs.jsonl`
 * (the XDG default, used on macOS too so a terminal and the editor agree), on Windows
 * `%LOCALAPPDATA%\living-runbooks\runs.jsonl`. `env` is passed explicitly. Undefined when none of
 * these can be named (no HOME): then nothing is logged, and the caller says so.
 */
export function runLogPath(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform): string | undefined {
  if (env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME)) return path.join(env.XDG_STATE_HOME, 'living-runbooks', RUN_LOG_FILE);
  if (platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'living-runbooks', RUN_LOG_FILE);
  const home = env.HOME ?? env.USERPROFILE;
  return home ? path.join(home, '.local', 'state', 'living-runbooks', RUN_LOG_FILE) : undefined;
}

/** `sha256:<hex>` of a run's (redacted) output. */
export function outputDigest(output: string): string {
  return `sha256:${createHash('sha256').update(output, 'utf8').digest('hex')}`;
}

/** The user a run is recorded for: the OS account, else `USER`/`USERNAME` from `env`, else `unknown`. */
export function runUser(env: Readonly<Record<string, string | undefined>>): string {
  try {
    return os.userInfo().username;
  } catch {
    return env.USER ?? env.USERNAME ?? 'unknown';
  }
}

/**
 * The run log as a JSON Lines file, private to the user (folder 0700, file 0600). Each append
 * takes the same lock file the incident files use (`runs.jsonl.lock`, see `withFileLock`), so editor
 * windows and CLI runs appending at once never interleave or tear lines, and is flushed to disk
 * before the lock is let go. Nothing is ever rewritten: the file only grows.
 */
export class FileRunLog implements RunLog {
  constructor(readonly location: string) {}

  async append(record: RunLogRecord): Promise<void> {
    await fs.mkdir(path.dirname(this.location), { recursive: true, mode: 0o700 });
    const line = serializeRunLogRecord(record);
    await withFileLock(this.location, async () => {
      const handle = await fs.open(this.location, 'a', 0o600);
      try {
        await handle.appendFile(line, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
  }

  async read(): Promise<ParsedRunLog> {
    let text: string;
    try {
      text = await fs.readFile(this.location, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], problems: [] };
      throw error;
    }
    return parseRunLog(text);
  }
}
