import { parseArgs } from 'node:util';

/** A usage mistake: printed with a hint to `--help`, exit code 2. */
export class UsageError extends Error {}

export type OutputFormat = 'text' | 'json';

/** Parsed command line. */
export interface CliArgs {
  command: string | undefined;
  positionals: string[];
  root: string;
  format: OutputFormat;
  limit: number;
  cache: boolean;
  help: boolean;
  version: boolean;
}

/** Parses argv (without node and script); throws `UsageError` for unknown or malformed options. */
export function parseCliArgs(argv: string[], cwd: string): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        root: { type: 'string' },
        format: { type: 'string' },
        limit: { type: 'string' },
        'no-cache': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a whole number above 0, not "${values.limit}"`);
  return {
    command: positionals[0],
    positionals: positionals.slice(1),
    root: values.root ?? cwd,
    format,
    limit,
    cache: !values['no-cache'],
    help: values.help ?? false,
    version: values.version ?? false,
  };
}
