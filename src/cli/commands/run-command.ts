import { escapeControl } from '../../core/terminal-text';
import * as path from 'node:path';
import type { DocModel } from '../../core/doc-model';
import { parseBytes } from '../../core/parse-bytes';
import type { ShellRunner } from '../../core/ports';
import { blocksInSection, findBlock, runnableBlocks } from '../../core/runner/runnable-blocks';
import { describeResult, executePlan, planRun, sandboxUnavailableNote, type RunPlan } from '../../core/runner/run-plan';
import type { RunnableBlock, RunResult } from '../../core/runner/types';
import { childEnv } from '../../node/child-env';
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

  const plans: RunPlan[] = [];
  for (const block of blocks) {
    const values = { ...args.vars };
    for (const input of block.inputs) {
      if (values[input.name] !== undefined || (input.form === 'variable' && env[input.name] !== undefined)) continue;
      if (input.defaultValue !== undefined) continue;
      if (!io.prompt) throw new UsageError(`block "${block.name}" needs ${input.form === 'placeholder' ? `<${input.name}>` : `$${input.name}`}: pass --var ${input.name}=VALUE`);
      values[input.name] = await io.prompt(`${input.name}${input.secret ? ' (secret)' : ''}: `);
    }
    const plan = planRun(doc, block, values, env, { defaultTimeoutSeconds: 120 });
    if ('error' in plan) throw new UsageError(`block "${block.name}": ${plan.error}`);
    if (block.kind === 'change' || block.confirm) {
      if (!args.yes) {
        const context = await describeRunContext(env);
        const summary = [`Block "${block.name}" (${block.kindReason}) would run:`, `  ${plan.display.split('\n').join('\n  ')}`, `  in ${plan.cwd || '.'}`, ...context.map((c) => `  ${c}`)].join('\n');
        if (!io.prompt) throw new UsageError(`${summary}\nIt changes state: pass --yes to run it without a terminal to ask on.`);
        io.err(summary);
        const answer = (await io.prompt('Run it? [y/N] ')).trim().toLowerCase();
        if (answer !== 'y' && answer !== 'yes') {
          io.err('Not run.');
          return 1;
        }
      }
    }
    plans.push(plan);
  }

  const rows: RunRow[] = [];
  let exitCode = 0;
  let saidNoSandbox = false;
  for (const plan of plans) {
    if (args.format === 'text') io.out(`▶ ${escapeControl(doc.path)}:${plan.block.line} ${escapeControl(plan.block.name)} (${plan.block.kind})\n$ ${plan.display}`);
    const result = await executePlan(runner, plan, {
      workspaceRoot: root,
      baseEnv: env,
      ...(args.format === 'text' && io.write ? { onOutput: io.write } : {}),
    });
    if (args.format === 'text') io.out(describeResult(result));
    if (result.sandbox && !result.sandbox.active && !saidNoSandbox) {
      io.err(sandboxUnavailableNote(result.sandbox.reason));
      saidNoSandbox = true;
    }
    rows.push(toRow(plan, result));
    if (!result.passed) {
      exitCode = result.timedOut ? 124 : result.exitCode && result.exitCode > 0 ? result.exitCode : 1;
      break;
    }
  }
  if (args.format === 'json') io.out(JSON.stringify(rows, null, 2));
  else if (rows.length < plans.length) io.out(`Stopped after "${escapeControl(rows[rows.length - 1]!.name)}" failed; ${plans.length - rows.length} block(s) not run.`);
  return exitCode;
}

function toRow(plan: RunPlan, result: RunResult): RunRow {
  return {
    index: plan.block.index,
    name: plan.block.name,
    kind: plan.block.kind,
    command: plan.display,
    cwd: plan.cwd,
    exitCode: result.exitCode,
    signal: result.signal,
    durationMs: Math.round(result.durationMs),
    timedOut: result.timedOut,
    passed: result.passed,
    truncated: result.truncated,
    output: result.output,
  };
}
