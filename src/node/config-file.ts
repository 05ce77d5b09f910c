import * as path from 'node:path';
import { CONFIG_FILE_NAMES, parseConfigFile, type RunbooksConfig } from '../core/config-file';
import { decodeText } from '../core/decode-text';
import { RuleId } from '../core/findings';
import { readInside } from './workspace-boundary';

/** A config file is a few hundred bytes; anything past this is not one. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** A repository config file as read from disk. */
export interface LoadedConfig extends RunbooksConfig {
  /** Absolute path of the file read; undefined when there is none (then nothing is set and there are no problems). */
  file?: string;
}

/** A config file that was asked for but cannot be read (missing `--config` file, no permission, a folder). */
export class ConfigFileError extends Error {}

/**
 * Reads the repository config: `file` (absolute) when given, else the first of `.runbooks.yml` and
 * `.runbooks.yaml` in `root`. When both are in `root`, the first is read and a problem says to keep
 * one. Rejects with `ConfigFileError` when `file` is missing, or a config file exists but cannot be
 * read; a file that reads but is invalid resolves with its `problems` (see `parseConfigFile`).
 * The files in `root` are repository content: read only when they resolve inside `root` (a
 * symbolic link out of it, or to nothing, is refused alike) and are regular files of at most
 * `MAX_CONFIG_BYTES`. `file`, given by the user, may be anywhere but must be a regular file too.
 * No error message quotes a file that was refused.
 */
export async function loadConfigFile(root: string, file?: string): Promise<LoadedConfig> {
  if (file !== undefined) {
    const bytes = await readOrUndefined(path.parse(file).root, file);
    if (bytes === undefined) throw new ConfigFileError(`config file ${file} does not exist`);
    return { file, ...parse(bytes) };
  }
  const present: Array<{ file: string; bytes: Uint8Array }> = [];
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = path.join(root, name);
    const bytes = await readOrUndefined(root, candidate);
    if (bytes !== undefined) present.push({ file: candidate, bytes });
  }
  const [first, ...others] = present;
  if (!first) return { staleness: {}, problems: [] };
  const config = parse(first.bytes);
  for (const other of others) {
    const [used, ignored] = [path.basename(first.file), path.basename(other.file)];
    config.problems.unshift({
      ruleId: RuleId.configInvalid,
      severity: 'error',
      message: `Both \`${used}\` and \`${ignored}\` exist; only \`${used}\` is read. Move what \`${ignored}\` sets here and delete it.`,
      line: 1,
      column: 1,
    });
  }
  return { file: first.file, ...config };
}

function parse(bytes: Uint8Array): RunbooksConfig {
  const decoded = decodeText(bytes);
  const config = parseConfigFile(decoded.text);
  for (const finding of decoded.findings) {
    config.problems.unshift({ ruleId: RuleId.configInvalid, severity: 'error', message: 'The config file is not valid UTF-8; re-save it as UTF-8.', line: finding.line, column: 1 });
  }
  return config;
}

/** The file's bytes; undefined when it does not exist. Rejects with `ConfigFileError` when it is refused or cannot be read. */
async function readOrUndefined(root: string, file: string): Promise<Uint8Array | undefined> {
  let read;
  try {
    read = await readInside(root, file, MAX_CONFIG_BYTES);
  } catch (error) {
    throw new ConfigFileError(`cannot read config file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (read.kind === 'missing') return undefined;
  if (read.kind === 'refused') throw new ConfigFileError(read.code ? `cannot read config file ${file}: ${read.code}, it ${read.reason}` : `config file ${file} ${read.reason}`);
  return read.bytes;
}
