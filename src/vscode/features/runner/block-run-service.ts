import * as vscode from 'vscode';
import { blocksInSection } from '../../../core/runner/runnable-blocks';
import { absoluteCwd, describeResult, sandboxUnavailableNote, type RunPlan } from '../../../core/runner/run-plan';
import { DEFAULT_TIMEOUT_SECONDS, executeRun, prepareRun, runRecord, type RunRecord as CoreRunRecord } from '../../../core/runner/run-block';
import { maxOutputCharsFromKB } from '../../../core/runner/output-cap';
import { compileUserPatterns } from '../../../core/redact';
import type { ShellRunner } from '../../../core/ports';
import type { Confirmation } from '../../../core/runner/run-guard';
import { childEnv } from '../../../node/child-env';
import { NodeConfigFiles } from '../../../node/config-files';
import { describeRunContext } from '../../../node/run-context';
import type { Logger } from '../../logger';
import { editorDoc } from './doc-blocks';
import { modalConfirmer, type Confirmer } from './run-confirmation';
import { RunInputs } from './run-inputs';
import { editorRunLog, logEditorRun } from './run-logging';
import { dialogTyper, type Typer } from './run-typing';

/** The last run of a block, kept for marks, CodeLens and the incident timeline: the core record and the document. */
export interface RunRecord extends CoreRunRecord {
  uri: vscode.Uri;
  /** Where its commands ran (`prod-eu-1/payments`), when they act in a kube context or cloud. */
  where?: string;
  confirmation?: Confirmation;
}

/** Why a run did not happen, for callers that want to know (tests, Run All). */
export type RunSkip = 'untrusted' | 'cancelled' | 'declined' | 'refused' | 'terminal' | 'error';

/**
 * Runs runbook blocks on an explicit user action: checks Workspace Trust, asks for inputs,
 * confirms state-changing blocks with the exact command, streams redacted output to the
 * "Runbook Runs" channel and remembers the last result of each block.
 */
export class BlockRunService implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel('Runbook Runs');
  private readonly inputs = new RunInputs();
  private readonly records = new Map<string, RunRecord>();
  private readonly running = new Set<AbortController>();
  /** The warning that checks run without the sandbox is shown once a session; the output channel says it every run. */
  private saidNoSandbox = false;
  private readonly ran = new vscode.EventEmitter<RunRecord>();
  readonly onDidRun = this.ran.event;
  /** Swappable so integration tests can answer the dialog; the extension always uses the modal one. */
  confirmer: Confirmer = modalConfirmer;
  /** Swappable like `confirmer`: answers "Run anyway" and the typed production confirmation. */
  typer: Typer = dialogTyper;
  /** The machine's kubeconfig and cloud config, cached by file stamp; shared with the CodeLens. */
  readonly configFiles = new NodeConfigFiles();
  /** The run log shared with the CLI (undefined without HOME); every run is appended. */
  readonly runLog = editorRunLog();
  private saidNoRunLog = false;

  constructor(
    private readonly runner: ShellRunner,
    private readonly logger: Logger,
  ) {}

  /** The last run of a block in a document, by block name. */
  lastRun(uri: vscode.Uri, blockName: string): RunRecord | undefined {
    return this.records.get(key(uri, blockName));
  }

  /** Runs one block (`index` among the document's runnable blocks). */
  async run(document: vscode.TextDocument, index: number, options: { terminal?: boolean } = {}): Promise<RunRecord | RunSkip> {
    if (!vscode.workspace.isTrusted) {
      // Not awaited: the command answers at once; the notification offers the way out.
      void vscode.window
        .showWarningMessage(
          'Running runbook commands is disabled in Restricted Mode. Trust this workspace to run them; browsing and search keep working.',
          'Manage Workspace Trust',
        )
        .then((choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'));
      return 'untrusted';
    }
    const parsed = editorDoc(document);
    const block = parsed?.blocks[index];
    if (!parsed || !block) throw new Error(`no runnable block #${index} in ${vscode.workspace.asRelativePath(document.uri)}`);
    const env = childEnv(process.env);
    const config = vscode.workspace.getConfiguration('runbooks.run', parsed.folder);
    const prepared = await prepareRun(
      { doc: parsed.doc, block, env, defaultTimeoutSeconds: config.get<number>('defaultTimeoutSeconds') ?? DEFAULT_TIMEOUT_SECONDS },
      {
        prompts: {
          inputs: (_block, inputs) => this.inputs.collect(inputs, env),
          confirm: (request) => this.confirmer(request),
          confirmByTyping: (request) =>
            this.typer({ kind: 'confirm', title: request.title, detail: [request.reason, '', request.command, '', `in ${request.cwd || '.'}`].join('\n'), name: request.typeToConfirm }),
          runAnyway: (refusal) => {
            this.output.appendLine(`\n■ ${parsed.doc.path}:${block.line} ${block.name}: ${refusal.message}`);
            return this.typer({ kind: 'override', title: `"${block.name}" would run somewhere this runbook does not target`, detail: refusal.message, name: refusal.overrideName });
          },
        },
        describeContext: describeRunContext,
        configFiles: this.configFiles,
      },
    );
    if (prepared.status === 'invalid') throw new Error(prepared.message);
    if (prepared.status === 'refused') {
      void vscode.window.showWarningMessage(prepared.message);
      return 'refused';
    }
    if (prepared.status !== 'ready') return prepared.status;
    const plan = prepared.plan;
    const where = prepared.guard.where;
    const guard = { ...(where ? { where } : {}), confirmation: prepared.confirmation };
    if (options.terminal || block.interactive) {
      this.runInTerminal(parsed.folder, plan);
      const result = { exitCode: null, signal: null, durationMs: 0, timedOut: false, cancelled: false, truncated: false, output: '', passed: false };
      await this.log({ uri: document.uri, ...runRecord(plan, result, new Date()), ...guard }, parsed.folder, 'terminal');
      return 'terminal';
    }
    return this.capture(document.uri, parsed.folder, plan, guard);
  }

  /**
   * Runs the read-only (check) blocks of a section one after another. Stops at the first failure
   * unless `runbooks.run.stopOnFailure` is off. Returns the runs that happened.
   */
  async runSection(document: vscode.TextDocument, headingIndex: number): Promise<RunRecord[]> {
    const parsed = editorDoc(document);
    const heading = parsed?.doc.headings[headingIndex];
    if (!parsed || !heading) throw new Error(`no heading #${headingIndex} in ${vscode.workspace.asRelativePath(document.uri)}`);
    const checks = blocksInSection(parsed.doc, parsed.blocks, heading.text).filter((b) => b.kind === 'check');
    if (checks.length === 0) {
      void vscode.window.showInformationMessage(`"${heading.text}" has no read-only check blocks to run.`);
      return [];
    }
    const stopOnFailure = vscode.workspace.getConfiguration('runbooks.run', parsed.folder).get<boolean>('stopOnFailure') ?? true;
    const records: RunRecord[] = [];
    for (const block of checks) {
      const outcome = await this.run(document, block.index);
      if (typeof outcome === 'string') break;
      records.push(outcome);
      if (!outcome.result.passed && stopOnFailure) {
        void vscode.window.showWarningMessage(`Stopped at "${block.name}": ${describeResult(outcome.result)}. ${checks.length - records.length} check(s) not run.`);
        break;
      }
    }
    return records;
  }

  /** Cancels every running block. */
  cancelAll(): void {
    for (const controller of this.running) controller.abort(new Error('cancelled by the user'));
  }

  private async capture(uri: vscode.Uri, folder: vscode.WorkspaceFolder, plan: RunPlan, guard: Pick<RunRecord, 'where' | 'confirmation'>): Promise<RunRecord> {
    const config = vscode.workspace.getConfiguration('runbooks', folder);
    const { patterns, errors } = compileUserPatterns(config.get<string[]>('redaction.patterns') ?? []);
    for (const error of errors) this.logger.info(`runbooks.redaction.patterns: ${error}`);
    const controller = new AbortController();
    this.running.add(controller);
    const started = new Date();
    this.output.appendLine(`\n▶ ${plan.docPath}:${plan.block.line} ${plan.block.name} (${plan.block.kind}) at ${started.toLocaleTimeString()}`);
    this.output.appendLine(`$ ${plan.display.split('\n').join('\n  ')}`);
    this.output.appendLine(`  in ${plan.cwd || '.'}${guard.where ? ` · ${guard.where}` : ''}`);
    this.output.show(true);
    try {
      const ran = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Running ${plan.block.name}`, cancellable: true },
        (_progress, token) => {
          token.onCancellationRequested(() => controller.abort(new Error('cancelled by the user')));
          return executeRun(this.runner, plan, {
            workspaceRoot: folder.uri.fsPath,
            baseEnv: childEnv(process.env),
            signal: controller.signal,
            onOutput: (text) => this.output.append(text),
            redactPatterns: patterns,
            maxOutputChars: maxOutputCharsFromKB(config.get<number>('run.maxOutputKB')),
          });
        },
      );
      this.output.appendLine(`${describeResult(ran.result)}${ran.result.truncated ? ' — output was cut in the middle' : ''}`);
      if (ran.result.sandbox && !ran.result.sandbox.active) {
        const note = sandboxUnavailableNote(ran.result.sandbox.reason);
        this.output.appendLine(note);
        if (!this.saidNoSandbox) void vscode.window.showWarningMessage(note);
        this.saidNoSandbox = true;
      }
      const record: RunRecord = { uri, ...ran, ...guard };
      await this.log(record, folder, 'captured', patterns);
      this.records.set(key(uri, plan.block.name), record);
      this.ran.fire(record);
      return record;
    } finally {
      this.running.delete(controller);
    }
  }

  /** Appends a run to the run log; says once a session when it cannot, and every time in the output channel. */
  private async log(record: RunRecord, folder: vscode.WorkspaceFolder, mode: 'captured' | 'terminal', patterns: RegExp[] = []): Promise<void> {
    const problem = await logEditorRun(this.runLog, record, folder, this.logger, patterns, mode);
    if (!problem) return;
    this.output.appendLine(`Note: ${problem}`);
    if (!this.saidNoRunLog) void vscode.window.showWarningMessage(`Runbooks: ${problem}`);
    this.saidNoRunLog = true;
  }

  private runInTerminal(folder: vscode.WorkspaceFolder, plan: RunPlan): void {
    const terminal = vscode.window.createTerminal({
      name: `Runbook: ${plan.block.name}`,
      cwd: vscode.Uri.file(absoluteCwd(folder.uri.fsPath, plan)),
      env: plan.inputEnv,
    });
    terminal.show();
    terminal.sendText(plan.script, true);
  }

  dispose(): void {
    this.cancelAll();
    this.output.dispose();
    this.ran.dispose();
  }
}

function key(uri: vscode.Uri, blockName: string): string {
  return `${uri.toString()}#${blockName}`;
}
