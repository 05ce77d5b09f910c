import * as vscode from 'vscode';
import { CONFIG_FILE_NAMES } from '../../../core/config-file';
import type { Finding } from '../../../core/findings';
import { applySeverities, checkRuleSeverity, mergeSeverityOverrides, type RuleSeverity, type SeverityOverrides } from '../../../core/findings/severity';
import { loadConfigFile } from '../../../node/config-file';
import type { Logger } from '../../logger';

/**
 * The configured severity of each rule, per workspace folder: the `rules:` section of the folder's
 * `.runbooks.yml` with the `runbooks.rules.severity` setting on top, rule by rule. Read again when
 * either changes. (The config file's problems are shown by the staleness service, which reads it too.)
 */
export class RuleSeverities implements vscode.Disposable {
  private readonly byFolder = new Map<string, SeverityOverrides>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after the severities of some folder changed. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Settles once every folder's severities have been read the first time. */
  readonly ready: Promise<void>;

  constructor(private readonly logger: Logger) {
    const configs = vscode.workspace.createFileSystemWatcher(`**/{${CONFIG_FILE_NAMES.join(',')}}`);
    const reload = () => void this.reload();
    this.disposables.push(
      configs,
      configs.onDidChange(reload),
      configs.onDidCreate(reload),
      configs.onDidDelete(reload),
      vscode.workspace.onDidChangeWorkspaceFolders(reload),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('runbooks.rules')) reload();
      }),
    );
    this.ready = this.reload();
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

  private async reload(): Promise<void> {
    const next = new Map<string, SeverityOverrides>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      let fromFile: SeverityOverrides = {};
      try {
        fromFile = (await loadConfigFile(folder.uri.fsPath)).rules ?? {};
      } catch (error) {
        this.logger.error(`${folder.name}: reading the rule severities of the config file`, error as Error);
      }
      next.set(folder.uri.toString(), mergeSeverityOverrides(fromFile, this.setting(folder)));
    }
    const before = JSON.stringify([...this.byFolder]);
    this.byFolder.clear();
    for (const [key, value] of next) this.byFolder.set(key, value);
    if (JSON.stringify([...next]) !== before) this.changed.fire();
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
