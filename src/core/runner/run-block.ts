import type { DocModel } from '../doc-model';
import type { ShellRunner } from '../ports';
import { executePlan, planRun, type ExecuteOptions, type RunPlan } from './run-plan';
import type { BlockInput, BlockKind, RunnableBlock, RunResult } from './types';

/** Seconds a block may run when it has no `timeout` attribute and no setting says otherwise. */
export const DEFAULT_TIMEOUT_SECONDS = 120;

/** What a person is asked to approve before a block that changes state (or says `confirm`) runs. */
export interface ConfirmRequest {
  block: RunnableBlock;
  /** `Run "restart"? It changes state.` or `Run "restart"?` */
  title: string;
  /** The fully resolved command (secrets masked). */
  command: string;
  /** Workspace-relative working directory (`.` is the root). */
  cwd: string;
  /** Where it would act: kube context, cloud profile… (see `RunDeps.describeContext`). */
  context: string[];
  /** Why the block counts as state-changing (the attribute, or the classifier's reason). */
  reason: string;
}

/**
 * How a face talks to the person running a block. The editor answers with input boxes and a modal
 * dialog, the CLI with `--var`, `--yes` and a terminal prompt.
 */
export interface RunPrompts {
  /**
   * Values for `inputs`: the block's inputs that were neither given nor set in the environment, in
   * order. An input left out keeps its `${VAR:-default}` default, if it has one. Resolves undefined
   * when the person cancels; may reject (the CLI does when it cannot ask).
   */
  inputs(block: RunnableBlock, inputs: BlockInput[]): Promise<Record<string, string> | undefined>;
  /** True when the run may go ahead. */
  confirm(request: ConfirmRequest): Promise<boolean>;
}

/** What `prepareRun` needs besides the prompts. */
export interface RunDeps {
  prompts: RunPrompts;
  /** Lines that say where a command would act (kube context…), shown in the confirmation; none when absent. */
  describeContext?: (env: Record<string, string>) => Promise<string[]>;
}

/** One block to prepare. */
export interface PrepareRequest {
  doc: DocModel;
  block: RunnableBlock;
  /** The child's environment before the inputs are added (an explicit copy, never process.env itself). */
  env: Record<string, string>;
  /** Input values given up front (`--var`), by input name; never asked for again. */
  values?: Record<string, string>;
  /** Used when the block has no `timeout` attribute (default {@link DEFAULT_TIMEOUT_SECONDS}). */
  defaultTimeoutSeconds?: number;
  /** Approved up front (`--yes`): no confirmation is asked. */
  approved?: boolean;
}

/** Where preparing a run ended: a plan to execute, or why nothing runs. */
export type PreparedRun =
  | { status: 'ready'; plan: RunPlan }
  /** The person cancelled an input. */
  | { status: 'cancelled' }
  /** The person did not approve the confirmation. */
  | { status: 'declined' }
  /** The block cannot run as asked (no value for an input, a cwd outside the workspace); `message` is for people. */
  | { status: 'invalid'; message: string };

/** The one shape of a finished run, kept by the editor (marks, CodeLens), printed by the CLI and written to incidents. */
export interface RunRecord {
  /** Workspace-relative posix path of the runbook. */
  docPath: string;
  /** Position among the document's runnable blocks, from 0. */
  blockIndex: number;
  blockName: string;
  kind: BlockKind;
  /** Fence line (1-based) when the run started. */
  line: number;
  /** The resolved command as shown to the user (secrets masked). */
  command: string;
  /** Working directory, workspace-relative (`.` is the root). */
  cwd: string;
  result: RunResult;
  finishedAt: Date;
}

/** True when a block may only run after a person approves it: it changes state, or says `confirm`. */
export function needsConfirmation(block: RunnableBlock): boolean {
  return block.kind === 'change' || block.confirm;
}

/** The inputs a person must be asked for: not given in `values`, and for `$VAR`s not set in `env`. */
export function inputsToAsk(block: RunnableBlock, values: Record<string, string>, env: Record<string, string>): BlockInput[] {
  return block.inputs.filter((input) => values[input.name] === undefined && !(input.form === 'variable' && env[input.name] !== undefined));
}

/**
 * Everything before a block runs, in order: inputs (given values, then the environment, then the
 * prompts), the plan (cwd inside the workspace, timeout), and the confirmation for blocks that
 * change state or say `confirm` (unless approved up front). What the confirmation shows is the
 * plan that runs.
 */
export async function prepareRun(request: PrepareRequest, deps: RunDeps): Promise<PreparedRun> {
  const { doc, block, env } = request;
  const given = { ...(request.values ?? {}) };
  const toAsk = inputsToAsk(block, given, env);
  const asked = toAsk.length ? await deps.prompts.inputs(block, toAsk) : {};
  if (!asked) return { status: 'cancelled' };
  const plan = planRun(doc, block, { ...given, ...asked }, env, { defaultTimeoutSeconds: request.defaultTimeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS });
  if ('error' in plan) return { status: 'invalid', message: plan.error };
  if (needsConfirmation(block) && !request.approved) {
    const approved = await deps.prompts.confirm({
      block,
      title: block.kind === 'change' ? `Run "${block.name}"? It changes state.` : `Run "${block.name}"?`,
      command: plan.display,
      cwd: plan.cwd,
      context: deps.describeContext ? await deps.describeContext(env) : [],
      reason: block.kindReason,
    });
    if (!approved) return { status: 'declined' };
  }
  return { status: 'ready', plan };
}

/** Executes a prepared plan (see `executePlan`: redacted output, verdict by the block's expectation) and records it. */
export async function executeRun(runner: ShellRunner, plan: RunPlan, options: ExecuteOptions, now: () => Date = () => new Date()): Promise<RunRecord> {
  const result = await executePlan(runner, plan, options);
  return runRecord(plan, result, now());
}

/** The record of a plan that ran. */
export function runRecord(plan: RunPlan, result: RunResult, finishedAt: Date): RunRecord {
  return {
    docPath: plan.docPath,
    blockIndex: plan.block.index,
    blockName: plan.block.name,
    kind: plan.block.kind,
    line: plan.block.line,
    command: plan.display,
    cwd: plan.cwd,
    result,
    finishedAt,
  };
}

/**
 * Runs one block end to end: prepare (inputs → plan → confirm), then execute and record.
 * Returns the record, or the status that stopped it before anything ran.
 */
export async function runBlock(
  runner: ShellRunner,
  request: PrepareRequest,
  deps: RunDeps,
  options: Omit<ExecuteOptions, 'baseEnv'>,
): Promise<RunRecord | Exclude<PreparedRun, { status: 'ready' }>> {
  const prepared = await prepareRun(request, deps);
  if (prepared.status !== 'ready') return prepared;
  return executeRun(runner, prepared.plan, { ...options, baseEnv: request.env });
}

/**
 * The exit status a run stands for in a shell: 0 passed, 124 timed out, the block's own non-zero
 * exit code, else 1 (killed, cancelled, or judged failed by its expectation).
 */
export function exitStatus(result: RunResult): number {
  if (result.passed) return 0;
  if (result.timedOut) return 124;
  return result.exitCode && result.exitCode > 0 ? result.exitCode : 1;
}
