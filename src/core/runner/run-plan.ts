import * as path from 'node:path';
import type { DocModel } from '../doc-model';
import type { ShellRunner } from '../shell-port';
import { redactSecrets } from '../redact';
import { resolveScript } from './block-inputs';
import { judge } from './expectation';
import { describeMissingTool, failureReason, findMissingTool, findWriteAttempt, nameFailedCommand } from './run-failure';
import { resolveBlockCwd } from './safe-cwd';
import type { RunnableBlock, RunResult } from './types';

/** Everything decided before a block runs: what the confirmation shows is what runs. */
export interface RunPlan {
  docPath: string;
  block: RunnableBlock;
  /** The script with placeholders replaced by quoted values. */
  script: string;
  /** Input variables passed to the child's environment. */
  inputEnv: Record<string, string>;
  /** The fully resolved command for people (secrets masked). */
  display: string;
  /** Working directory relative to the workspace root (posix). */
  cwd: string;
  timeoutMs: number;
}

/** Defaults for planning runs. */
export interface PlanOptions {
  /** Used when a block has no `timeout` attribute. */
  defaultTimeoutSeconds: number;
}

/**
 * Plans one run: resolves the working directory (refusing one outside the workspace) and the
 * inputs: `values` by input name, then, for `$VAR` inputs, the child's environment `env` (so the
 * confirmation shows what `$KUBECONFIG` really is). Returns `{ error }` with a message for people
 * when the block cannot run as asked (an attribute that does not parse, an input without a value,
 * a cwd outside the workspace).
 */
export function planRun(
  doc: DocModel,
  block: RunnableBlock,
  values: Record<string, string>,
  env: Record<string, string>,
  options: PlanOptions,
): RunPlan | { error: string } {
  if (block.invalidAttributes?.length) {
    return { error: `Not run: ${block.invalidAttributes.map((a) => a.message).join('; ')} (fix the block's attributes on line ${block.line}).` };
  }
  const cwd = resolveBlockCwd(doc.path, block.cwd);
  if ('error' in cwd) return { error: cwd.error };
  const given: Record<string, string> = {};
  for (const input of block.inputs) {
    if (input.form === 'variable' && env[input.name] !== undefined) given[input.name] = env[input.name]!;
  }
  let resolved;
  try {
    resolved = resolveScript(block.script, block.inputs, { ...given, ...values });
  } catch (error) {
    return { error: (error as Error).message };
  }
  return {
    docPath: doc.path,
    block,
    script: resolved.script,
    inputEnv: resolved.env,
    display: resolved.display,
    cwd: cwd.path,
    timeoutMs: Math.round((block.timeoutSeconds ?? options.defaultTimeoutSeconds) * 1000),
  };
}

/** How to execute a plan. */
export interface ExecuteOptions {
  /** Absolute path of the workspace root the plan's cwd is relative to. */
  workspaceRoot: string;
  /** The child's environment before the inputs are added (an explicit copy, never process.env itself). */
  baseEnv: Record<string, string>;
  signal?: AbortSignal;
  /** Receives the output live, line by line, already redacted. */
  onOutput?: (text: string) => void;
  /** Extra redaction patterns (from settings). */
  redactPatterns?: RegExp[];
  maxOutputChars?: number;
}

/**
 * Runs a plan with a shell runner. Output is redacted before anyone sees or stores it: the live
 * stream line by line, the captured result as a whole. Pass/fail follows the block's expectation.
 */
export async function executePlan(runner: ShellRunner, plan: RunPlan, options: ExecuteOptions): Promise<RunResult> {
  const redact = (text: string) => redactSecrets(text, options.redactPatterns).text;
  let pending = '';
  const onOutput = options.onOutput
    ? (chunk: string) => {
        pending += chunk;
        const cut = pending.lastIndexOf('\n');
        if (cut < 0) return;
        options.onOutput!(redact(pending.slice(0, cut + 1)));
        pending = pending.slice(cut + 1);
      }
    : undefined;
  const outcome = await runner.run({
    script: plan.script,
    cwd: absoluteCwd(options.workspaceRoot, plan),
    root: options.workspaceRoot,
    env: { ...options.baseEnv, ...plan.inputEnv },
    timeoutMs: plan.timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(onOutput ? { onOutput } : {}),
    ...(options.maxOutputChars ? { maxOutputChars: options.maxOutputChars } : {}),
    pipefail: true,
    stopOnError: !keepsGoing(plan.block),
    readOnly: plan.block.kind === 'check',
  });
  if (pending && options.onOutput) options.onOutput(redact(pending));
  const output = redact(outcome.output);
  const writeAttempt = outcome.sandbox?.active ? findWriteAttempt(output) : undefined;
  const judged = !outcome.timedOut && !outcome.cancelled && outcome.exitCode !== null && judge(plan.block.expect, outcome.exitCode, output);
  const passed = judged && !writeAttempt;
  const { failure, ...rest } = outcome;
  // Named from what people were shown (secret inputs masked) when its lines are the script's.
  const source = plan.display.split('\n').length === plan.script.split('\n').length ? plan.display : plan.script;
  const named = failure && !passed ? nameFailedCommand(source, failure) : undefined;
  const failedCommand = named ? { ...named, text: redact(named.text) } : undefined;
  return { ...rest, output, passed, ...(failedCommand ? { failedCommand } : {}), ...(writeAttempt ? { writeAttempt } : {}) };
}

/**
 * True when the block opts out of stopping at its first failing command with the `keep-going`
 * attribute (then only its last command decides, as a plain shell script's would). Pipelines still
 * fail when any of their commands fails.
 */
export function keepsGoing(block: RunnableBlock): boolean {
  return block.attributes['keep-going'] === true;
}

/** The absolute working directory of a plan: its workspace-relative `cwd` (checked by `planRun`) under the root. */
export function absoluteCwd(workspaceRoot: string, plan: Pick<RunPlan, 'cwd'>): string {
  return path.join(workspaceRoot, ...plan.cwd.split('/'));
}

/** One line for people: `✓ passed (exit 0, 0.4 s)`, `✗ timed out after 30 s`, … */
export function describeResult(result: RunResult): string {
  const seconds = `${(result.durationMs / 1000).toFixed(1)} s`;
  if (result.cancelled) return `■ cancelled after ${seconds}`;
  if (result.timedOut) return `✗ timed out after ${seconds}`;
  const how = result.exitCode === null ? `killed by ${result.signal ?? 'a signal'}` : `exit ${result.exitCode}`;
  if (result.passed) return `✓ passed (${how}, ${seconds})`;
  const missing = result.writeAttempt ? undefined : findMissingTool(result.output, result.exitCode, result.failedCommand);
  if (missing) return `✗ ${describeMissingTool(missing)} (${how}, ${seconds})`;
  const why = failureReason(result);
  return `✗ failed (${how}, ${seconds})${why ? `: ${why}` : ''}`;
}

/** What the editor and the CLI say when a check ran without the read-only sandbox. */
export function sandboxUnavailableNote(reason: string): string {
  return `Note: checks run without the read-only sandbox (${reason}), so a check that writes is not stopped. Install bubblewrap (Linux) to have it.`;
}
