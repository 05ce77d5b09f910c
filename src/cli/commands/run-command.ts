import { escapeControl } from '../../core/terminal-text';
import * as path from 'node:path';
import type { DocModel } from '../../core/doc-model';
import { parseBytes } from '../../core/parse-bytes';
import type { ShellRunner } from '../../core/ports';
import { blocksInSection, findBlock, runnableBlocks } from '../../core/runner/runnable-blocks';
import { describeResult, sandboxUnavailableNote, type RunPlan } from '../../core/runner/run-plan';
import { executeRun, exitStatus, prepareRun, type RunDeps, type RunPrompts, type RunRecord } from '../../core/runner/run-block';
import type { RunnableBlock } from '../../core/runner/types';
import { childEnv } from '../../node/child-env';
import { runLogRecord } from '../../core/audit/run-log';
import type { Confirmation } from '../../core/runner/run-guard';
import { NodeConfigFiles } from '../../node/config-files';
import { FileRunLog, outputDigest, runLogPath, runUser } from '../../node/run-log-file';
import { describeRunContext } from '../../node/run-context';
import { readInside } from '../../node/workspace-boundary';
import { UsageError, type CliArgs } from '../args';
import type { CliIo } from '../io';

/** Reads and parses the document named on the command line; it must be inside the root. */
export async function loadDoc(root: string, docArg: string | undefined, io: CliIo): Promise<DocModel> {
  if (!docArg) throw new UsageError('name the runbook, e.g. runbooks run runbooks/db.md');
  const absolute = path.resolve(io.cwd, docArg);
  const relative = path.relative(root, absolute);
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw new UsageError(`${docArg} is outside --root ${root}`);
  // The root is the repository: a runbook that is a link out of it (or to a FIFO, a device) is refused like `index` skips it.
  const read = await readInside(root, absolute).catch(() => undefined);
  if (read?.kind !== 'file') throw new UsageError(`cannot read ${docArg}${read?.kind === 'refused' ? `: it ${read.reason}` : ''}`);
  return parseBytes(relative.split(path.sep).join('/'), read.bytes);
}

/** The blocks `run` should run: `--block`, else `--section`, else every runnable block. */
export function selectBlocks(doc: DocModel, args: CliArgs): RunnableBlock[] {
  const blocks = runnableBlocks(doc);
  if (args.block !== undefined) {
    const block = findBlock(blocks, args.block);
    if (!block) throw new UsageError(`no runnable block "${args.block}" in ${doc.path} (runbooks blocks ${doc.path} lists them)`);
    return [block];
  }
  if (args.section !== undefined) {
    const inSection = blocksInSection(doc, blocks, args.section);
    if (inSection.length === 0) throw new UsageError(`no runnable blocks under a heading "${args.section}" in ${doc.path}`);
    return inSection;
  }
  return blocks;
}

/** What `runbooks run --format json` prints for each block that ran. */
interface RunRow {
  index: number;
  name: string;
  kind: string;
  command: string;
  cwd: string;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  timedOut: boolean;
  passed: boolean;
  truncated: boolean;
  output: string;
}

/**
 * Runs the selected blocks one after another and stops at the first failure. Every input needs a
 * value (`--var`, the environment, a default, or an answer on a TTY), and every state-changing block
 * an approval (`--yes`, or "y" on a TTY), before anything runs. Returns the exit code: 0 when all
 * passed, else the first failing block's status (124 timed out, 1 when killed or judged failed).
 */
export async function runBlocks(root: string, args: CliArgs, io: CliIo, runner: ShellRunner): Promise<number> {
  const doc = await loadDoc(root, args.positionals[0], io);
  const blocks = selectBlocks(doc, args);
  if (blocks.length === 0) throw new UsageError(`${doc.path} has no runnable blocks`);
  const env = childEnv(io.env);
  const deps: RunDeps = { prompts: terminalPrompts(io), describeContext: describeRunContext, configFiles: new NodeConfigFiles() };

  // Everything is asked and approved before the first block runs.
  const plans: Array<{ plan: RunPlan; where?: string; confirmation: Confirmation }> = [];
  for (const block of blocks) {
    const override = args.contextOverride !== undefined ? { contextOverride: args.contextOverride } : {};
    const prepared = await prepareRun({ doc, block, env, values: { ...args.vars }, approved: args.yes, ...override }, deps);
    if (prepared.status === 'invalid') throw new UsageError(`block "${block.name}": ${prepared.message}`);
    if (prepared.status === 'refused') {
      io.err(`block "${block.name}": ${prepared.message}`);
      return 1;
    }
    if (prepared.status !== 'ready') {
      io.err('Not run.');
      return 1;
    }
    plans.push({ plan: prepared.plan, ...(prepared.guard.where ? { where: prepared.guard.where } : {}), confirmation: prepared.confirmation });
  }
  const logPath = runLogPath(io.env);
  const runLog = logPath ? new FileRunLog(logPath) : undefined;
  if (!runLog) io.err('Note: the run log is not written: neither XDG_STATE_HOME nor HOME is set.');

  const rows: RunRow[] = [];
  let exitCode = 0;
  let saidNoSandbox = false;
  for (const { plan, where, confirmation } of plans) {
    if (args.format === 'text') io.out(`▶ ${escapeControl(doc.path)}:${plan.block.line} ${escapeControl(plan.block.name)} (${plan.block.kind})\n$ ${plan.display}`);
    const record = await executeRun(runner, plan, {
      workspaceRoot: root,
      baseEnv: env,
      ...(args.format === 'text' && io.write ? { onOutput: io.write } : {}),
    });
    if (args.format === 'text') io.out(describeResult(record.result));
    const logged = runLogRecord(record, { user: runUser(io.env), source: 'cli', root, ...(where ? { context: where } : {}), confirmation, outputDigest: outputDigest(record.result.output) });
    await runLog?.append(logged).catch((error: Error) => io.err(`Note: the run was not written to the run log ${runLog.location}: ${error.message}`));
    if (record.result.sandbox && !record.result.sandbox.active && !saidNoSandbox) {
      io.err(sandboxUnavailableNote(record.result.sandbox.reason));
      saidNoSandbox = true;
    }
    rows.push(toRow(record));
    exitCode = exitStatus(record.result);
    if (exitCode !== 0) break;
  }
  if (args.format === 'json') io.out(JSON.stringify(rows, null, 2));
  else if (rows.length < plans.length) io.out(`Stopped after "${escapeControl(rows[rows.length - 1]!.name)}" failed; ${plans.length - rows.length} block(s) not run.`);
  return exitCode;
}

/**
 * The CLI's prompts: an input with a default keeps it, any other is asked on a TTY (else a usage
 * error names the `--var` to pass); a state-changing block is shown in full and needs "y".
 */
function terminalPrompts(io: CliIo): RunPrompts {
  return {
    async inputs(block, inputs) {
      const values: Record<string, string> = {};
      for (const input of inputs) {
        if (input.defaultValue !== undefined) continue;
        if (!io.prompt) throw new UsageError(`block "${block.name}" needs ${input.form === 'placeholder' ? `<${input.name}>` : `$${input.name}`}: pass --var ${input.name}=VALUE`);
        values[input.name] = await io.prompt(`${input.name}${input.secret ? ' (secret)' : ''}: `);
      }
      return values;
    },
    async confirm(request) {
      const summary = [`Block "${request.block.name}" (${request.reason}) would run:`, `  ${request.command.split('\n').join('\n  ')}`, `  in ${request.cwd || '.'}`, ...request.context.map((c) => `  ${c}`)].join('\n');
      if (!io.prompt) throw new UsageError(`${summary}\nIt changes state: pass --yes to run it without a terminal to ask on.`);
      io.err(summary);
      const answer = (await io.prompt('Run it? [y/N] ')).trim().toLowerCase();
      return answer === 'y' || answer === 'yes';
    },
    async confirmByTyping(request) {
      const summary = [`Block "${request.block.name}" (${request.reason}) changes production:`, `  ${request.command.split('\n').join('\n  ')}`, `  in ${request.cwd || '.'}`, ...request.context.map((c) => `  ${c}`)].join('\n');
      if (!io.prompt) throw new UsageError(`${summary}\nIt needs the typed confirmation: pass --yes --context-override ${request.typeToConfirm}.`);
      io.err(summary);
      return io.prompt(`Type ${request.typeToConfirm} to run it: `);
    },
  };
}

/** One row of `runbooks run --format json`: the run record, flattened. */
function toRow(record: RunRecord): RunRow {
  const { result } = record;
  return {
    index: record.blockIndex,
    name: record.blockName,
    kind: record.kind,
    command: record.command,
    cwd: record.cwd,
    exitCode: result.exitCode,
    signal: result.signal,
    durationMs: Math.round(result.durationMs),
    timedOut: result.timedOut,
    passed: result.passed,
    truncated: result.truncated,
    output: result.output,
  };
}
