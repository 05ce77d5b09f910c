import * as vscode from 'vscode';
import type { CoverageReport } from '../../../core/alerts/coverage';
import { DEFAULT_RULE_FILE_SETTINGS } from '../../../core/alerts/rule-files';
import { loadAlertCoverage } from '../../../node/alert-coverage';
import { loadConfigFile } from '../../../node/config-file';
import { alertRuleFileGlobs } from '../../settings';
import { ViewId } from '../../command-ids';
import { docUri, toDiagnostic } from '../../convert';
import type { Logger } from '../../logger';
import type { RunbookIndex } from '../index/runbook-index';
import type { AlertsListener } from '../../workspace-events';

/** The coverage of one workspace folder. */
export interface FolderCoverage {
  folder: vscode.WorkspaceFolder;
  report: CoverageReport;
}

const REFRESH_DELAY_MS = 500;

/**
 * Alert coverage of every workspace folder, worked out in the background: first when something
 * asks for it (the Alerts view, a command) after the index is ready, then again when the index
 * changes or a YAML file is saved, created or deleted. Findings go to the Problems panel, on the
 * rule's line and on the runbook's `alerts:` entry.
 */
export class AlertCoverageService implements vscode.Disposable, AlertsListener {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('runbooks-alerts');
  private readonly disposables: vscode.Disposable[] = [this.changed, this.diagnostics];
  private results: FolderCoverage[] = [];
  private running: Promise<void> | undefined;
  private started = false;
  private timer: NodeJS.Timeout | undefined;
  private abort: AbortController | undefined;
  private readonly warned = new Set<string>();

  readonly onDidChange = this.changed.event;

  constructor(
    private readonly index: RunbookIndex,
    private readonly logger: Logger,
  ) {
    // YAML file events arrive through WorkspaceEvents (rulesChanged).
    this.disposables.push(
      index.onDidChange(() => this.refreshSoon()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('runbooks.alerts')) this.refreshSoon();
      }),
    );
  }

  /** A YAML file was created, changed or deleted (from WorkspaceEvents): work the coverage out again soon. */
  rulesChanged(): void {
    this.refreshSoon();
  }

  /** The coverage worked out last (empty before the first run); starts the first run when none has started. */
  current(): FolderCoverage[] {
    if (!this.started) void this.refresh();
    return this.results;
  }

  /** Resolves when the coverage is up to date (starting it if needed); never rejects. */
  async ready(): Promise<void> {
    if (!this.started) void this.refresh();
    while (this.running) await this.running;
  }

  /** Works the coverage out again now. */
  refresh(): Promise<void> {
    this.started = true;
    clearTimeout(this.timer);
    this.abort?.abort(new Error('superseded'));
    const abort = (this.abort = new AbortController());
    const run = this.compute(abort.signal)
      .catch((error) => {
        if (abort.signal.aborted) return;
        this.logger.error('Alert coverage', error);
        void vscode.window.showErrorMessage(`Alert coverage could not be worked out: ${(error as Error).message}`);
      })
      .finally(() => {
        if (this.running === run) this.running = undefined;
      });
    this.running = run;
    return run;
  }

  private refreshSoon(): void {
    if (!this.started) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  private async compute(signal: AbortSignal): Promise<void> {
    await this.index.ready();
    signal.throwIfAborted();
    const results: FolderCoverage[] = [];
    await vscode.window.withProgress({ location: { viewId: ViewId.alerts } }, async () => {
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        if (folder.uri.scheme !== 'file') continue;
        const docs = this.index.docs().filter((d) => d.folder === folder).map((d) => d.doc);
        // Restricted Mode promises that nothing in the folder runs: no git, so no remotes for blob URLs.
        // The config file's problems are shown by the staleness service; here its valid settings count.
        const config = await loadConfigFile(folder.uri.fsPath).catch(() => undefined);
        const { globs, warnings } = alertRuleFileGlobs(folder);
        this.warnOnce(warnings);
        const settings = { ...DEFAULT_RULE_FILE_SETTINGS, ...config?.alerts, ...(globs ? { globs } : {}) };
        const report = await loadAlertCoverage(folder.uri.fsPath, docs, { env: { ...process.env }, settings, signal, useGit: vscode.workspace.isTrusted });
        results.push({ folder, report });
      }
    });
    signal.throwIfAborted();
    this.results = results;
    this.publish();
    this.changed.fire();
  }

  /** Shows each setting warning once per session (coverage is worked out again on every index change). */
  private warnOnce(warnings: string[]): void {
    for (const warning of warnings) {
      if (this.warned.has(warning)) continue;
      this.warned.add(warning);
      this.logger.info(warning);
      void vscode.window.showWarningMessage(warning);
    }
  }

  private publish(): void {
    const byUri = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    for (const { folder, report } of this.results) {
      for (const finding of report.findings) {
        const uri = docUri(folder, finding.path);
        const entry = byUri.get(uri.toString()) ?? { uri, diagnostics: [] };
        entry.diagnostics.push(toDiagnostic(finding));
        byUri.set(uri.toString(), entry);
      }
    }
    this.diagnostics.clear();
    this.diagnostics.set([...byUri.values()].map((e) => [e.uri, e.diagnostics]));
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.abort?.abort(new Error('disposed'));
    for (const d of this.disposables) d.dispose();
  }
}
