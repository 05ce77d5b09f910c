import * as path from 'node:path';
import { escapeControl } from '../../core/terminal-text';
import type { StalenessOptionsInput } from '../../core/staleness/engine';
import { ConfigFileError, loadConfigFile } from '../../node/config-file';
import type { CliArgs } from '../args';
import type { CliIo } from '../io';

/**
 * `report`, `check`: the staleness settings of `--config FILE` (relative to the current directory),
 * else of `.runbooks.yml` / `.runbooks.yaml` in the root (none: every default). Undefined when the
 * file cannot be read or is invalid, after printing why on stderr, one `file:line:column` line per
 * problem: the command then exits 2 rather than run with settings the team did not mean.
 */
export async function loadStalenessSettings(root: string, args: CliArgs, io: CliIo): Promise<StalenessOptionsInput | undefined> {
  let config;
  try {
    config = await loadConfigFile(root, args.config !== undefined ? path.resolve(io.cwd, args.config) : undefined);
  } catch (error) {
    if (!(error instanceof ConfigFileError)) throw error;
    io.err(`runbooks: ${error.message}`);
    return undefined;
  }
  if (config.problems.length === 0) return config.staleness;
  const shown = path.relative(io.cwd, config.file!) || config.file!;
  for (const p of config.problems) io.err(`runbooks: ${escapeControl(shown)}:${p.line}:${p.column ?? 1}: ${escapeControl(p.message)} [${p.ruleId}]`);
  return undefined;
}
