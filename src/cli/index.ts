import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { rootForDoc } from '../node/doc-root';
import { openWorkspaceIndex } from '../node/open-index';
import { parseCliArgs, UsageError } from './args';
import { renderIndex } from './commands/index-command';
import { renderSearch } from './commands/search-command';
import { renderBlocks } from './commands/blocks-command';
import { loadDoc, runBlocks } from './commands/run-command';
import { runIncidentCommand } from './commands/incident-command';
import { runReport } from './commands/report-command';
import { runCheck } from './commands/check-command';
import { runCoverage } from './commands/coverage-command';
import { runHistory } from './commands/history-command';
import { loadSettings } from './commands/staleness-config';
import type { CliIo } from './io';
import { NodeShellRunner } from '../node/shell-runner';
import { SimpleGitHistory } from '../node/git-history';
import * as readline from 'node:readline/promises';
import { USAGE } from './usage';
import { escapeControlKeepLines } from '../core/terminal-text';
import { version } from '../../package.json';

const COMMANDS = ['index', 'search', 'blocks', 'run', 'history', 'incident', 'note', 'report', 'check', 'coverage'];

/**
 * Runs the CLI and returns its exit code: 0 ok, 1 a block failed (`run`) or findings at or above
 * `--fail-on` (`report`, `check`), 2 usage or tool error (or no active incident).
 */
export async function main(argv: string[], rawIo: CliIo): Promise<number> {
  const io = terminalSafe(rawIo);
  let debug = argv.includes('--debug');
  try {
    const args = parseCliArgs(argv, io.cwd);
    debug = args.debug === true;
    if (args.version) return io.out(version), 0;
    if (args.help || !args.command) {
      (args.help ? io.out : io.err)(USAGE);
      return args.help ? 0 : 2;
    }
    if (!COMMANDS.includes(args.command)) throw new UsageError(`unknown command "${args.command}"`);
    if (args.command === 'history') return await runHistory(args, io);
    if (args.command === 'search' && args.positionals.length === 0) throw new UsageError('search needs a QUERY');
    const docCommand = args.command === 'blocks' || args.command === 'run';
    const given = path.resolve(io.cwd, args.root);
    const root = docCommand && !args.rootGiven && args.positionals[0] ? await rootForDoc(path.resolve(io.cwd, args.positionals[0]), given) : given;
    const stat = await fs.stat(root).catch(() => undefined);
    if (!stat?.isDirectory()) throw new UsageError(`--root ${args.root} is not a folder`);
    if (args.command === 'blocks') {
      const doc = await loadDoc(root, args.positionals[0], io);
      const format = args.findingsFormat ?? args.format;
      // A doc outside any repository still lists; its paths then stay relative to the root.
      const repoPrefix = format === 'github' || format === 'sarif' ? await new SimpleGitHistory(root, io.env).rootPrefix().catch(() => '') : '';
      io.out(renderBlocks(doc, format, root, repoPrefix));
      return 0;
    }
    if (args.command === 'run') return await runBlocks(root, args, io, new NodeShellRunner());
    if (args.command === 'incident' || args.command === 'note') return await runIncidentCommand(root, args, io);
    if (args.command === 'report') return await runReport(root, args, io);
    if (args.command === 'check') return await runCheck(root, args, io);
    if (args.command === 'coverage') return await runCoverage(root, args, io);

    const settings = args.command === 'index' ? await loadSettings(root, args, io, false) : undefined;
    if (args.command === 'index' && !settings) return 2;
    const index = openWorkspaceIndex(root, { cache: args.cache, env: io.env });
    await index.build();
    if (args.cache) await index.persist().catch((error: Error) => io.err(`runbooks: could not write the index cache: ${error.message}`));
    if (args.command === 'index') {
      const format = args.findingsFormat ?? args.format;
      const repoPrefix = format === 'github' || format === 'sarif' ? await new SimpleGitHistory(root, io.env).rootPrefix() : '';
      io.out(renderIndex(index, format, { root, repoPrefix, rules: settings!.rules }));
    } else io.out(renderSearch(index, args.positionals.join(' '), args.limit, args.format));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`runbooks: ${error.message}\nRun "runbooks --help" for usage.`);
      return 2;
    }
    // A tool error is one line; its stack trace (which says nothing to a user) only with --debug.
    io.err(`runbooks: ${debug ? ((error as Error).stack ?? String(error)) : error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

/**
 * The one sink of the CLI's output: whatever reaches the terminal or the CI log has its control
 * characters escaped (newlines and tabs aside), so no repository text can drive the terminal.
 * Values are escaped where they are put into a line, so a newline in one cannot start a line.
 */
function terminalSafe(io: CliIo): CliIo {
  return {
    ...io,
    out: (text) => io.out(escapeControlKeepLines(text)),
    err: (text) => io.err(escapeControlKeepLines(text)),
  };
}

if (require.main === module) {
  const terminal = process.stdin.isTTY ? readline.createInterface({ input: process.stdin, output: process.stderr }) : undefined;
  void main(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    write: (s) => process.stdout.write(s),
    ...(terminal ? { prompt: (question: string) => terminal.question(question) } : {}),
    cwd: process.cwd(),
    env: { ...process.env },
  }).then((code) => {
    terminal?.close();
    process.exitCode = code;
  });
}
