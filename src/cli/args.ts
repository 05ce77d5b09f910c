import { parseArgs } from 'node:util';
import { REPORT_FILTERS, type ReportFilter } from '../core/staleness/model/report-order';

/** A usage mistake: printed with a hint to `--help`, exit code 2. */
export class UsageError extends Error {}

export type OutputFormat = 'text' | 'json';

/** The commands that report findings (`index`, `report`, `check`, `coverage`, `blocks`) also write GitHub workflow annotations and SARIF. */
export type FindingsFormat = OutputFormat | 'github' | 'sarif';

/** The commands whose `--format` may also be `github` or `sarif`. */
export const FINDINGS_COMMANDS: readonly string[] = Object.freeze(['index', 'report', 'check', 'coverage', 'blocks']);

/** `check`, `report`: the lowest severity that makes the exit code 1. */
export type FailOn = 'none' | 'warning' | 'error';

/** Parsed command line. */
export interface CliArgs {
  command: string | undefined;
  positionals: string[];
  root: string;
  /** True when `--root` was given; `blocks` and `run` otherwise take the runbook's repository as the root. */
  rootGiven: boolean;
  format: OutputFormat;
  limit: number;
  cache: boolean;
  /** `run`: a block name or index. */
  block?: string;
  /** `run`: a heading whose blocks run. */
  section?: string;
  /** `run`: `--var KEY=VALUE` inputs. */
  vars: Record<string, string>;
  /** `run`: approve state-changing blocks without asking. */
  yes: boolean;
  /** `run`: `--context-override NAME`, where the commands would really run: lets a context-guard mismatch through, and types a production confirmation. */
  contextOverride?: string;
  /** `history`: `--doc PATH`, only the runs of this runbook. */
  doc?: string;
  /** `history`: `--since 2d` / a date, only runs since then. */
  since?: string;
  /** `incident`, `note`: the incidents folder, relative to the root (the commands default to `incidents`). */
  incidentsDir?: string;
  /** `incident start`: the severity. */
  severity?: string;
  /** `incident start`: `--runbook PATH` runbooks being followed. */
  runbooks?: string[];
  /** `note`: `--at HH:MM`, an explicit time. */
  at?: string;
  /** `incident start`, `incident page`: the alert that paged. */
  alert?: string;
  /** `incident start`, `incident page`: when the page came, `HH:MM` (today, or yesterday) or an ISO 8601 time. */
  paged?: string;
  /** `index`, `report`, `check`: `--format github` or `sarif` (`format` is then `text`); undefined for text and json. */
  findingsFormat?: 'github' | 'sarif';
  /** `check`: the ref the change set is compared against. */
  base?: string;
  /** `check`: the end of the change set (default: the working tree). */
  head?: string;
  /** `check`, `report`: `--fail-on` (undefined: the command's default). */
  failOn?: FailOn;
  /** `check`, `report`: `--config FILE`, the repository config file (undefined: `.runbooks.yml` or `.runbooks.yaml` in the root). */
  config?: string;
  /** `report`: `--only LEVEL[,LEVEL]`, the docs to list (undefined: all). */
  only?: ReportFilter[];
  /** `report`: `--quiet`, leave out fresh docs without findings. */
  quiet?: boolean;
  /** `--debug`: a tool error prints its stack trace (otherwise one line). */
  debug?: boolean;
  /** `--incidents-outside-root`: lets `--incidents-dir` name a folder outside the root (else refused). */
  incidentsOutsideRoot?: boolean;
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
        block: { type: 'string' },
        section: { type: 'string' },
        var: { type: 'string', multiple: true },
        yes: { type: 'boolean', short: 'y' },
        'context-override': { type: 'string' },
        doc: { type: 'string' },
        since: { type: 'string' },
        'incidents-dir': { type: 'string' },
        severity: { type: 'string' },
        runbook: { type: 'string', multiple: true },
        at: { type: 'string' },
        alert: { type: 'string' },
        paged: { type: 'string' },
        base: { type: 'string' },
        head: { type: 'string' },
        'fail-on': { type: 'string' },
        config: { type: 'string' },
        debug: { type: 'boolean' },
        only: { type: 'string', multiple: true },
        quiet: { type: 'boolean', short: 'q' },
        'incidents-outside-root': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const given = values.format ?? 'text';
  const findingsCommand = positionals[0] !== undefined && FINDINGS_COMMANDS.includes(positionals[0]);
  const findingsFormat = findingsCommand && (given === 'github' || given === 'sarif') ? given : undefined;
  const format = findingsFormat ? 'text' : given;
  if (format !== 'text' && format !== 'json') {
    throw new UsageError(`--format must be ${findingsCommand ? 'text, json, github or sarif' : 'text or json'}, not "${given}"`);
  }
  const failOn = values['fail-on'];
  if (failOn !== undefined && failOn !== 'none' && failOn !== 'warning' && failOn !== 'error') {
    throw new UsageError(`--fail-on must be none, warning or error, not "${failOn}"`);
  }
  const only = values.only?.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  for (const value of only ?? []) {
    if (!(REPORT_FILTERS as readonly string[]).includes(value)) throw new UsageError(`--only must be ${REPORT_FILTERS.join(', ')} (comma-separated), not "${value}"`);
  }
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a whole number above 0, not "${values.limit}"`);
  return {
    command: positionals[0],
    positionals: positionals.slice(1),
    root: values.root ?? cwd,
    rootGiven: values.root !== undefined,
    format,
    limit,
    cache: !values['no-cache'],
    ...(values.block !== undefined ? { block: values.block } : {}),
    ...(values.section !== undefined ? { section: values.section } : {}),
    vars: parseVars(values.var ?? []),
    yes: values.yes ?? false,
    ...(values['context-override'] !== undefined ? { contextOverride: values['context-override'] } : {}),
    ...(values.doc !== undefined ? { doc: values.doc } : {}),
    ...(values.since !== undefined ? { since: values.since } : {}),
    ...(values['incidents-dir'] !== undefined ? { incidentsDir: values['incidents-dir'] } : {}),
    ...(values.severity !== undefined ? { severity: values.severity } : {}),
    ...(values.runbook !== undefined ? { runbooks: values.runbook } : {}),
    ...(values.at !== undefined ? { at: values.at } : {}),
    ...(values.alert !== undefined ? { alert: values.alert } : {}),
    ...(values.paged !== undefined ? { paged: values.paged } : {}),
    ...(findingsFormat ? { findingsFormat } : {}),
    ...(values.base !== undefined ? { base: values.base } : {}),
    ...(values.head !== undefined ? { head: values.head } : {}),
    ...(failOn !== undefined ? { failOn } : {}),
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(values.debug ? { debug: true } : {}),
    ...(only && only.length > 0 ? { only: only as ReportFilter[] } : {}),
    ...(values.quiet ? { quiet: true } : {}),
    ...(values['incidents-outside-root'] ? { incidentsOutsideRoot: true } : {}),
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

function parseVars(pairs: string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--var must be KEY=VALUE, not "${pair}"`);
    vars[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return vars;
}
