import * as vscode from 'vscode';
import type { Finding } from '../../../core/findings';
import { withProblemSeverities, type DocOfFinding } from '../../../core/doc-priority';
import { applySeverities, checkRuleSeverity, mergeSeverityOverrides, type RuleSeverity, type SeverityOverrides } from '../../../core/findings/severity';
import { loadConfigFile } from '../../../node/config-file';
import type { Logger } from '../../logger';
import type { SeveritiesListener } from '../../workspace-events';

/**
 * The configured severity of each rule, per workspace folder: the `rules:` section of the folder's
 * `.runbooks.yml` with the `runbooks.rules.severity` setting on top, rule by rule; and whether
 * findings on every doc keep their severity in Problems (`runbooks.problems.allDocs`, else the config
 * file's `problems.allDocs`, else false). Read again when either changes. (The config file's problems are shown by the staleness service, which reads it too.)
 */
export class RuleSeverities implements vscode.Disposable, SeveritiesListener {
  private readonly byFolder = new Map<string, SeverityOverrides>();
  private readonly allDocsByFolder = new Map<string, boolean>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after the severities of some folder changed. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Settles once every folder's severities have been read the first time. */
  readonly ready: Promise<void>;

  constructor(private readonly logger: Logger) {
    // Config file events arrive through WorkspaceEvents (configChanged).
    const reload = () => void this.reload();
    this.disposables.push(
      vscode.workspace.onDidChangeWorkspaceFolders(reload),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('runbooks.rules') || e.affectsConfiguration('runbooks.problems')) reload();
      }),
    );
    this.ready = this.reload();
  }

  /** A `.runbooks.yml` was created, changed or deleted (from WorkspaceEvents): read the severities again. */
  configChanged(): void {
    void this.reload();
  }

  /** The overrides of the folder a URI is in (none outside the workspace). */
  forUri(uri: vscode.Uri): SeverityOverrides {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.forFolder(folder) : {};
  }

  /** The overrides of a folder. */
  forFolder(folder: vscode.WorkspaceFolder): SeverityOverrides {
    return this.byFolder.get(folder.uri.toString()) ?? {};
  }

  /** The findings of a file with the severities of its folder; rules set to `off` left out. */
  apply<F extends Finding>(uri: vscode.Uri, findings: readonly F[]): F[] {
    return applySeverities(findings, this.forUri(uri));
  }

  /**
   * The findings of a doc as the Problems panel shows them: with the severities of its folder, and
   * at `info` on docs that are not runbooks or architecture docs unless all docs are opted in
   * (see `problemSeverity`).
   */
  forProblems<F extends Finding>(uri: vscode.Uri, findings: readonly F[], doc: DocOfFinding): F[] {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const allDocs = folder ? (this.allDocsByFolder.get(folder.uri.toString()) ?? false) : false;
    return withProblemSeverities(this.apply(uri, findings), doc, allDocs);
  }

  private async reload(): Promise<void> {
    const next = new Map<string, SeverityOverrides>();
    const nextAllDocs = new Map<string, boolean>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      let fromFile: SeverityOverrides = {};
      let allDocsFromFile: boolean | undefined;
      try {
        const config = await loadConfigFile(folder.uri.fsPath);
        fromFile = config.rules ?? {};
        allDocsFromFile = config.problemsOptions?.allDocs;
      } catch (error) {
        this.logger.error(`${folder.name}: reading the rule severities of the config file`, error as Error);
      }
      next.set(folder.uri.toString(), mergeSeverityOverrides(fromFile, this.setting(folder)));
      const inspected = vscode.workspace.getConfiguration('runbooks.problems', folder).inspect<boolean>('allDocs');
      const setByUser = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
      nextAllDocs.set(folder.uri.toString(), typeof setByUser === 'boolean' ? setByUser : (allDocsFromFile ?? false));
    }
    const before = JSON.stringify([[...this.byFolder], [...this.allDocsByFolder]]);
    this.byFolder.clear();
    for (const [key, value] of next) this.byFolder.set(key, value);
    this.allDocsByFolder.clear();
    for (const [key, value] of nextAllDocs) this.allDocsByFolder.set(key, value);
    if (JSON.stringify([[...next], [...nextAllDocs]]) !== before) this.changed.fire();
  }

  /** The valid entries of `runbooks.rules.severity`; the others are logged and ignored. */
  private setting(folder: vscode.WorkspaceFolder): SeverityOverrides {
    const value = vscode.workspace.getConfiguration('runbooks.rules', folder).get<unknown>('severity');
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.logger.info(`${folder.name}: runbooks.rules.severity must be an object of rule id → severity; it is ignored.`);
      return {};
    }
    const out: Record<string, RuleSeverity> = {};
    for (const [id, severity] of Object.entries(value as Record<string, unknown>)) {
      const checked = checkRuleSeverity(id, severity, 'runbooks.rules.severity.');
      if ('problem' in checked) this.logger.info(`${folder.name}: ${checked.problem} It is ignored.`);
      else out[id] = checked.severity;
    }
    return out;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
