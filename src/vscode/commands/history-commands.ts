import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeRun, filterRuns, type RunLogRecord } from '../../core/audit/run-log';
import { openDoc } from './open-doc';
import type { Services } from '../services';

/** The runs of the log whose runbook is inside one of the workspace folders, newest first. */
async function workspaceRuns(services: Services): Promise<{ runs: RunLogRecord[]; problems: number } | undefined> {
  const log = services.runs.runLog;
  if (!log) {
    void vscode.window.showWarningMessage('There is no run log: neither XDG_STATE_HOME nor HOME is set for VS Code.');
    return undefined;
  }
  const { records, problems } = await log.read();
  if (problems.length) services.logger.info(`${problems.length} line(s) of ${log.location} are not run records (first: line ${problems[0]!.line}, ${problems[0]!.message})`);
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const inside = (record: RunLogRecord) =>
    folders.some((folder) => {
      const relative = path.relative(folder, path.join(record.root, ...record.doc.split('/')));
      return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
    });
  return { runs: filterRuns(records, {}).filter(inside), problems: problems.length };
}

/**
 * Runbooks: Run History — a quick pick of the runs of this workspace's runbooks from the run log
 * (editor and CLI, every window), newest first; picking one opens the runbook at the block.
 * Returns the records shown (for tests), or undefined when there is no log.
 */
export async function showRunHistory(services: Services, options: { pick?: boolean } = {}): Promise<RunLogRecord[] | undefined> {
  const found = await workspaceRuns(services);
  if (!found) return undefined;
  if (options.pick === false) return found.runs;
  if (found.runs.length === 0) {
    void vscode.window.showInformationMessage(`No runs of this workspace's runbooks in ${services.runs.runLog!.location} yet.`);
    return found.runs;
  }
  const items = found.runs.map((run) => ({
    label: `${run.passed === null ? '$(terminal)' : run.passed ? '$(pass)' : '$(error)'} ${run.block}`,
    description: `${run.doc}${run.context ? ` · ${run.context}` : ''}`,
    detail: `${describeRun(run)} — ${run.command.split('\n')[0]}`,
    run,
  }));
  const chosen = await vscode.window.showQuickPick(items, { title: 'Run History', placeHolder: `Runs from ${services.runs.runLog!.location}`, matchOnDescription: true, matchOnDetail: true });
  if (chosen) await openDoc(vscode.Uri.file(path.join(chosen.run.root, ...chosen.run.doc.split('/'))), chosen.run.line);
  return found.runs;
}

/**
 * Runbooks: Attach Runs Since the Incident Started — adds to the active incident's timeline the runs
 * of the log (CLI runs, other windows') since it started that it does not have yet. Returns how many.
 */
export async function attachRunsToIncident(services: Services): Promise<number | undefined> {
  if (!(await services.incidents.active())) {
    void vscode.window.showWarningMessage('No active incident. Start one with "Runbooks: Start Incident".');
    return undefined;
  }
  const log = services.runs.runLog;
  if (!log) {
    void vscode.window.showWarningMessage('There is no run log: neither XDG_STATE_HOME nor HOME is set for VS Code.');
    return undefined;
  }
  const attached = await services.incidents.attachRuns((await log.read()).records);
  void vscode.window.showInformationMessage(attached ? `Attached ${attached} run(s) to the incident timeline.` : 'The incident timeline already has every run since it started.');
  return attached;
}
