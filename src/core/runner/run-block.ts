import { guardScript, type GuardPass, type TargetRefusal } from './run-guard';
import { commandTargets } from '../context/command-targets';
import type { ConfigFiles } from '../context/types';
import type { DocModel } from '../doc-model';
import type { ShellRunner } from '../shell-port';
import { executePlan, planRun, type ExecuteOptions, type RunPlan } from './run-plan';
import type { BlockInput, Confirmation, RunnableBlock, RunRecord, RunResult } from './types';

export type { RunRecord } from './types';

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
  /**
   * Set for a change block in `environment: production`: the person must type this name (where it
   * would run) to confirm; a button is not enough.
   */
  typeToConfirm?: string;
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
  /** True when the run may go ahead. Not called when `typeToConfirm` is set (see `confirmByTyping`). */
  confirm(request: ConfirmRequest): Promise<boolean>;
  /**
   * What the person typed to confirm a request with `typeToConfirm` (undefined: cancelled). The run
   * goes ahead only when it equals that name. Absent: such runs are declined.
   */
  confirmByTyping?(request: ConfirmRequest & { typeToConfirm: string }): Promise<string | undefined>;
  /**
   * Offered when the context guard refuses a run: the name the person typed to run it anyway
   * (undefined: they did not). It goes ahead only when it equals `refusal.overrideName`. Absent: refused.
   */
  runAnyway?(refusal: TargetRefusal): Promise<string | undefined>;
}

/** What `prepareRun` needs besides the prompts. */
export interface RunDeps {
  prompts: RunPrompts;
  /** Lines that say where a command would act (kube context…), shown in the confirmation; none when absent. */
  describeContext?: (env: Record<string, string>) => Promise<string[]>;
  /** Reads kubeconfig and cloud config for the context guard; absent: a block that declares a target is refused. */
  configFiles?: ConfigFiles;
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
  /** Approved up front (`--yes`): no confirmation is asked (a production change still needs `contextOverride` naming where it runs). */
  approved?: boolean;
  /** Given up front (`--context-override NAME`): lets a context mismatch through when it names where the commands would really run. */
  contextOverride?: string;
}

/** Where preparing a run ended: a plan to execute, or why nothing runs. */
export type PreparedRun =
  | { status: 'ready'; plan: RunPlan; guard: GuardPass; confirmation: Confirmation }
  /** The context guard refused it: a command would act outside the declared target, or where is unknown. */
  | { status: 'refused'; message: string; refusal: TargetRefusal }
  /** The person cancelled an input. */
  | { status: 'cancelled' }
  /** The person did not approve the confirmation. */
  | { status: 'declined' }
  /** The block cannot run as asked (no value for an input, a cwd outside the workspace); `message` is for people. */
  | { status: 'invalid'; message: string };


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
 * plan that runs. Between the plan and the confirmation, the context guard (`guardScript`) checks
 * where each command would act against the target the runbook or block declares; a mismatch
 * refuses unless `contextOverride` or the prompts' `runAnyway` names where it would really run. A
 * change block in `environment: production` needs the typed confirmation (`confirmByTyping`), or
 * `contextOverride` naming the same place.
 */
export async function prepareRun(request: PrepareRequest, deps: RunDeps): Promise<PreparedRun> {
  const { doc, block, env } = request;
  const given = { ...(request.values ?? {}) };
  const toAsk = inputsToAsk(block, given, env);
  const asked = toAsk.length ? await deps.prompts.inputs(block, toAsk) : {};
  if (!asked) return { status: 'cancelled' };
  const plan = planRun(doc, block, { ...given, ...asked }, env, { defaultTimeoutSeconds: request.defaultTimeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS });
  if ('error' in plan) return { status: 'invalid', message: plan.error };
  const runEnv = { ...env, ...plan.inputEnv };
  // Where the commands act, read again for each look of the guard (the tools' config may change while a person is asked).
  const targets = async () => (deps.configFiles ? await commandTargets(plan.script, runEnv, deps.configFiles) : undefined);
  let guarded = guardScript(doc, block, await targets(), request.contextOverride);
  if ('refusal' in guarded) {
    const typed = deps.prompts.runAnyway ? await deps.prompts.runAnyway(guarded.refusal) : undefined;
    if (typed === undefined || typed.trim() !== guarded.refusal.overrideName) return { status: 'refused', message: guarded.refusal.message, refusal: guarded.refusal };
    guarded = guardScript(doc, block, await targets(), guarded.refusal.overrideName);
    if ('refusal' in guarded) return { status: 'refused', message: guarded.refusal.message, refusal: guarded.refusal };
  }
  const guard = guarded.pass;
  let confirmation: Confirmation = guard.overridden ? 'override' : 'none';
  const typedName = guard.typedConfirmation?.name;
  if (typedName !== undefined && guard.overridden !== typedName && request.contextOverride !== typedName) {
    const confirmRequest = { ...(await confirmRequestOf(block, plan, env, deps)), typeToConfirm: typedName };
    const typed = deps.prompts.confirmByTyping ? await deps.prompts.confirmByTyping(confirmRequest) : undefined;
    if (typed?.trim() !== typedName) return { status: 'declined' };
    confirmation = 'typed';
  } else if (typedName !== undefined) {
    confirmation = guard.overridden ? 'override' : 'typed';
  } else if (needsConfirmation(block) && !request.approved && confirmation !== 'override') {
    if (!(await deps.prompts.confirm(await confirmRequestOf(block, plan, env, deps)))) return { status: 'declined' };
    confirmation = 'button';
  } else if (needsConfirmation(block) && confirmation !== 'override') {
    confirmation = 'approved-up-front';
  }
  return { status: 'ready', plan, guard, confirmation };
}

async function confirmRequestOf(block: RunnableBlock, plan: RunPlan, env: Record<string, string>, deps: RunDeps): Promise<ConfirmRequest> {
  return {
    block,
    title: block.kind === 'change' ? `Run "${block.name}"? It changes state.` : `Run "${block.name}"?`,
    command: plan.display,
    cwd: plan.cwd,
    context: deps.describeContext ? await deps.describeContext(env) : [],
    reason: block.kindReason,
  };
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
