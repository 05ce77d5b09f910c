import * as path from 'node:path';
import { escapeControl } from '../../core/terminal-text';
import type { AlertsConfig } from '../../core/alerts/config-section';
import type { SeverityOverrides } from '../../core/findings/severity';
import type { StalenessOptionsInput } from '../../core/staleness/engine';
import { ConfigFileError, loadConfigFile } from '../../node/config-file';
import type { CliArgs } from '../args';
import type { CliIo } from '../io';

/** What the CLI takes from the repository config file. */
export interface CliSettings {
  staleness: StalenessOptionsInput;
  /** `rules:`: the severity of each rule (see `severityFor`). */
  rules: SeverityOverrides;
  /** `alerts:`: which files are alert rule files (unset keys keep their defaults). */
  alerts: AlertsConfig;
}

/**
 * The settings of `--config FILE` (relative to the current directory), else of `.runbooks.yml` /
 * `.runbooks.yaml` in the root (none: every default). Problems are printed on stderr, one
 * `file:line:column` line each. `report`, `check`, `coverage` (`strict`): undefined when the file cannot be
 * read or is invalid, so the command exits 2 rather than run with settings the team did not mean.
 * `index` (not `strict`, it reads only `rules:`): the valid settings despite the problems, undefined
 * only when a `--config` file cannot be read.
 */
export async function loadSettings(root: string, args: CliArgs, io: CliIo, strict = true): Promise<CliSettings | undefined> {
  let config;
  try {
    config = await loadConfigFile(root, args.config !== undefined ? path.resolve(io.cwd, args.config) : undefined);
  } catch (error) {
    if (!(error instanceof ConfigFileError)) throw error;
    io.err(`runbooks: ${error.message}`);
    return undefined;
  }
  if (config.problems.length === 0) return { staleness: config.staleness, rules: config.rules ?? {}, alerts: config.alerts ?? {} };
  const shown = path.relative(io.cwd, config.file!) || config.file!;
  for (const p of config.problems) io.err(`runbooks: ${escapeControl(shown)}:${p.line}:${p.column ?? 1}: ${escapeControl(p.message)} [${p.ruleId}]`);
  return strict ? undefined : { staleness: config.staleness, rules: config.rules ?? {}, alerts: config.alerts ?? {} };
}
