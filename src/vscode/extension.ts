import * as vscode from 'vscode';
import { CommandId, type CommandIdValue, ViewId } from './command-ids';
import { newRunbook } from './commands/new-runbook';
import { openDoc } from './commands/open-doc';
import { openRunbookForAlert } from './commands/open-for-alert';
import { attachRunsToIncident, showRunHistory } from './commands/history-commands';
import { copyBlock, runBlock, runBlockInTerminal, runSection } from './commands/run-commands';
import { addIncidentNote, addSelectionAsNote, incidentActions, openIncident, resolveIncident, startIncident } from './commands/incident-commands';
import { IncidentService } from './features/incident/incident-service';
import { IncidentStatusBar } from './features/incident/incident-status-bar';
import { IncidentsTreeProvider } from './features/incident/incidents-tree';
import { RunbookFeedback } from './features/incident/runbook-feedback';
import { StalenessService } from './features/staleness/staleness-service';
import { StalenessDecorations, StalenessDiagnostics } from './features/staleness/staleness-diagnostics';
import { checkMyChanges } from './commands/check-my-changes';
import { StalenessCodeActions } from './features/staleness/staleness-code-actions';
import { ReferencedByCodeLens } from './features/staleness/referenced-by-codelens';
import { GitRevisionContent, openTargetDiff } from './features/staleness/target-diff';
import { searchRunbooks } from './commands/search';
import { groupBy, refreshIndex, revealInTree } from './commands/tree-commands';
import { FindingsDiagnostics } from './features/diagnostics/findings-diagnostics';
import { RuleSeverities } from './features/diagnostics/rule-severities';
import { RunbookIndex } from './features/index/runbook-index';
import { BlockRunService } from './features/runner/block-run-service';
import { RunCodeLensProvider } from './features/runner/run-codelens';
import { RunDecorations } from './features/runner/run-decorations';
import { NodeShellRunner } from '../node/shell-runner';
import { RunbookTreeProvider } from './features/tree/runbook-tree';
import { Logger } from './logger';
import { AlertCoverageService } from './features/alerts/alert-coverage-service';
import { AlertsTreeProvider } from './features/alerts/alerts-tree';
import { newRunbookForAlert, openAlert } from './commands/alert-commands';
import { WorkspaceEvents } from './workspace-events';
import type { Services } from './services';

/** What the extension returns from `activate`: used by the integration tests and other extensions. */
export interface RunbooksApi {
  /** Resolves when indexing and queued updates are done. */
  ready(): Promise<void>;
  index: RunbookIndex;
  tree: RunbookTreeProvider;
  runs: BlockRunService;
  incidents: IncidentService;
  incidentStatusBar: IncidentStatusBar;
  feedback: RunbookFeedback;
  staleness: StalenessService;
  referencedBy: ReferencedByCodeLens;
  alerts: AlertCoverageService;
  /** How long `activate` took, in milliseconds. */
  activationMs: number;
  /** The last index build, in milliseconds since activation began; undefined before the first (for benchmarks). */
  indexStats(): { docs: number; parsed: number; fromCache: number; buildMs: number; readyMs: number } | undefined;
}

/**
 * Registers everything synchronously, then indexes in the background: nothing here waits for
 * the file system, so activation stays fast; features await `index.ready()`.
 */
export function activate(context: vscode.ExtensionContext): RunbooksApi {
  const started = performance.now();
  const logger = new Logger();
  try {
    const index = new RunbookIndex(context.storageUri, logger);
    const tree = new RunbookTreeProvider(index, context.workspaceState);
    const treeView = vscode.window.createTreeView(ViewId.tree, { treeDataProvider: tree, showCollapseAll: true });
    tree.attach(treeView);
    const runs = new BlockRunService(new NodeShellRunner(), logger);
    const incidents = new IncidentService(logger, context.workspaceState);
    const feedback = new RunbookFeedback(incidents, logger);
    const statusBar = new IncidentStatusBar(incidents);
    const staleness = new StalenessService(index, context.storageUri, logger, incidents);
    const severities = new RuleSeverities(logger);
    const stalenessDiagnostics = new StalenessDiagnostics(staleness, severities);
    const review = vscode.languages.createDiagnosticCollection('runbooks-review');
    const decorations = new StalenessDecorations(staleness);
    const referencedBy = new ReferencedByCodeLens(staleness);
    const treeHealth = tree.attachHealth({
      verdict: (uri) => staleness.verdict(uri),
      onDidChange: (listener) => vscode.Disposable.from(staleness.onDidChange(() => listener()), severities.onDidChange(() => listener())),
      apply: (uri, findings) => severities.apply(uri, findings),
    });
    const alerts = new AlertCoverageService(index, logger);
    const alertsTree = new AlertsTreeProvider(alerts);
    // One owner of file events: it decides who re-indexes and who re-checks.
    const events = new WorkspaceEvents({ index, staleness, incidents, alerts, severities });
    const services: Services = {
      index, tree, treeView, logger, runs, incidents, extensionUri: context.extensionUri,
      alertRules: () => alerts.current().flatMap((c) => c.report.alerts.map((a) => ({ name: a.alert.name, file: a.alert.file }))),
    };
    context.subscriptions.push(
      events,
      incidents,
      feedback,
      severities,
      staleness,
      stalenessDiagnostics,
      treeHealth,
      review,
      decorations,
      vscode.window.registerFileDecorationProvider(decorations),
      referencedBy,
      vscode.workspace.registerTextDocumentContentProvider(GitRevisionContent.scheme, new GitRevisionContent()),
      vscode.languages.registerCodeLensProvider({ scheme: 'file' }, referencedBy),
      vscode.languages.registerHoverProvider({ scheme: 'file' }, referencedBy),
      vscode.languages.registerCodeActionsProvider({ language: 'markdown', scheme: 'file' }, new StalenessCodeActions(staleness), StalenessCodeActions.metadata),
      statusBar,
      vscode.window.createTreeView(ViewId.incidents, { treeDataProvider: new IncidentsTreeProvider(incidents) }),
      alerts,
      alertsTree,
      vscode.window.createTreeView(ViewId.alerts, { treeDataProvider: alertsTree, showCollapseAll: true }),
      // Check runs during an incident land in its timeline.
      runs.onDidRun((record) => {
        incidents.recordRun(record).catch((error) => {
          logger.error('Recording a check run in the incident', error);
          void vscode.window.showErrorMessage(`The check ran, but it could not be added to the incident: ${(error as Error).message}`);
        });
      }),
    );
    const codeLens = new RunCodeLensProvider(runs);
    context.subscriptions.push(
      logger, index, tree, treeView, new FindingsDiagnostics(index, severities), runs, codeLens, new RunDecorations(runs, context.extensionUri),
      vscode.languages.registerCodeLensProvider({ language: 'markdown', scheme: 'file' }, codeLens),
    );

    const handlers: Record<CommandIdValue, (...args: unknown[]) => unknown> = {
      [CommandId.search]: (query) => searchRunbooks(services, query),
      [CommandId.openForAlert]: (alert) => openRunbookForAlert(services, alert),
      [CommandId.newRunbook]: (args) => newRunbook(services, args && typeof args === 'object' ? args : undefined),
      [CommandId.refresh]: () => refreshIndex(services),
      [CommandId.revealInTree]: (uri) => revealInTree(services, uri),
      [CommandId.groupBy]: (value) => groupBy(services, value),
      [CommandId.openDoc]: (uri, line) => openDoc(uri as vscode.Uri, typeof line === 'number' ? line : 1),
      [CommandId.runBlock]: (uri, index) => runBlock(services, uri, index),
      [CommandId.runBlockInTerminal]: (uri, index) => runBlockInTerminal(services, uri, index),
      [CommandId.copyBlock]: (uri, index) => copyBlock(uri, index),
      [CommandId.runSection]: (uri, heading) => runSection(services, uri, heading),
      [CommandId.cancelRuns]: () => runs.cancelAll(),
      [CommandId.showRunOutput]: () => runs.output.show(),
      [CommandId.showRunHistory]: (options) => showRunHistory(services, options && typeof options === 'object' ? options : {}),
      [CommandId.attachRunsToIncident]: () => attachRunsToIncident(services),
      [CommandId.startIncident]: (args) => startIncident(services, args && typeof args === 'object' ? args : undefined),
      [CommandId.addIncidentNote]: (text) => addIncidentNote(incidents, text),
      [CommandId.addSelectionAsNote]: () => addSelectionAsNote(incidents),
      [CommandId.resolveIncident]: (skipConfirm) => resolveIncident(incidents, skipConfirm),
      [CommandId.openIncident]: () => openIncident(incidents),
      [CommandId.incidentActions]: () => incidentActions(),
      [CommandId.submitFeedback]: (reply) => feedback.submit(reply as vscode.CommentReply),
      [CommandId.resolveFeedback]: (thread) => feedback.resolve(thread as vscode.CommentThread),
      [CommandId.refreshStaleness]: () => staleness.refresh(true),
      [CommandId.checkMyChanges]: (base) => checkMyChanges(index, staleness, review, severities, base),
      [CommandId.openTargetDiff]: (doc, target) => openTargetDiff(staleness, doc, target),
      [CommandId.openAlert]: (node) => openAlert(alerts, node),
      [CommandId.newRunbookForAlert]: (node) => newRunbookForAlert(alerts, node),
      [CommandId.refreshAlerts]: () => alerts.refresh(),
      [CommandId.openReferencingRunbook]: async (refs) => {
        const list = refs as Array<{ uri: vscode.Uri; line: number; level: string; path: string }>;
        const chosen = list.length === 1 ? list[0] : await vscode.window.showQuickPick(list.map((r) => ({ label: r.path, description: r.level, ref: r })), { placeHolder: 'Runbooks that link this file' }).then((c) => c?.ref);
        if (chosen) await openDoc(chosen.uri, chosen.line);
      },
    };
    for (const [id, handler] of Object.entries(handlers)) {
      context.subscriptions.push(vscode.commands.registerCommand(id, logger.command(id, handler)));
    }

    void index.rebuild();
    const activationMs = performance.now() - started;
    logger.info(`Activated in ${activationMs.toFixed(1)} ms; indexing in the background.`);
    void incidents.reload();
    const indexStats = () => {
      const run = index.lastBuild;
      return run && { docs: run.docs, parsed: run.parsed, fromCache: run.fromCache, buildMs: Math.round(run.finishedAt - run.startedAt), readyMs: Math.round(run.finishedAt - started) };
    };
    // Alert coverage after the index, in the background, so its findings reach the Problems panel.
    void index.ready().then(() => {
      const stats = indexStats();
      if (stats) logger.info(`Index ready ${stats.readyMs} ms after activation began: ${stats.docs} docs (${stats.parsed} parsed, ${stats.fromCache} from cache) in ${stats.buildMs} ms.`);
      return alerts.refresh();
    });
    return { ready: () => index.ready(), index, tree, runs, incidents, incidentStatusBar: statusBar, feedback, staleness, referencedBy, alerts, activationMs, indexStats };
  } catch (error) {
    logger.error('Activation', error);
    void vscode.window.showErrorMessage(`Living Runbooks could not start: ${(error as Error).message}`, 'Show Log').then((c) => {
      if (c) logger.channel.show();
    });
    throw error;
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
