import type { RunLogRecord } from '../../../core/audit/run-log';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { pickActiveIncident } from '../../../core/incident/incident-parser';
import { IncidentLog, incidentsFolder } from '../../../core/incident/incident-log';
import type { IncidentFile } from '../../../core/incident/types';
import { gitUserName, IncidentStore } from '../../../node/incident-store';
import { compileUserPatterns } from '../../../core/redact';
import type { Logger } from '../../logger';
import type { RunRecord } from '../../../core/runner/run-block';
import { resolveInside } from '../../../node/workspace-boundary';
import type { IncidentsListener } from '../../workspace-events';
import { EditorIncidentFiles } from './editor-incident-files';

/**
 * Incident mode for the first workspace folder: the incident files under
 * `runbooks.incidents.folder`, which one is active, and the core incident log over them. Appends
 * go through the store (locked, append-only, fsync); when the file is open with unsaved edits they
 * go through the editor and are saved, under the same lock (see `EditorIncidentFiles`).
 */
export class IncidentService implements vscode.Disposable, IncidentsListener {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private incidents: IncidentFile[] = [];
  private author: Promise<string | undefined> | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private loading: Promise<void> | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly state?: vscode.Memento,
  ) {
    // File events on the incidents folder arrive through WorkspaceEvents (incidentsChanged).
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('runbooks.incidents')) void this.reload();
      }),
    );
  }

  /** An incident file was created, changed or deleted (from WorkspaceEvents): read them again. */
  incidentsChanged(): void {
    void this.reload();
  }

  /** The workspace folder incidents live in (the first), or undefined without a folder. */
  get folder(): vscode.WorkspaceFolder | undefined {
    return vscode.workspace.workspaceFolders?.[0];
  }

  /** Absolute path of the incidents folder. */
  get incidentsDir(): string | undefined {
    const folder = this.folder;
    if (!folder) return undefined;
    return path.join(folder.uri.fsPath, incidentsFolder(vscode.workspace.getConfiguration('runbooks.incidents', folder).get<string>('folder')));
  }

  /**
   * The store of the incidents folder, checked against the workspace boundary: the setting (or a
   * committed `incidents` symlink) must resolve inside the workspace folder, or nothing is read or
   * written and the error says which setting to change.
   */
  private async store(): Promise<IncidentStore> {
    const dir = this.incidentsDir;
    if (!dir || !this.folder) throw new Error('Open a folder first: incidents are files in the workspace.');
    const resolved = await resolveInside(this.folder.uri.fsPath, dir);
    if (resolved.kind === 'refused') {
      const setting = vscode.workspace.getConfiguration('runbooks.incidents', this.folder).get<string>('folder') ?? 'incidents';
      throw new Error(`The incidents folder "${setting}" (runbooks.incidents.folder) ${resolved.reason}: incidents are kept inside the workspace folder. Choose a folder inside it.`);
    }
    return new IncidentStore(dir, this.folder.uri.fsPath, { redactionPatterns: this.redactionPatterns() });
  }

  /** The incident log over the editor's view of the files (unsaved edits appended through the editor, under the file's lock). */
  private async log(): Promise<IncidentLog> {
    const store = await this.store();
    return new IncidentLog(new EditorIncidentFiles(store, this.folder!), { author: () => this.whoAmI(), redactionPatterns: this.redactionPatterns() });
  }

  /**
   * Once per workspace and folder: when the incidents folder holds markdown that is not ours (a
   * checklist, a template), say it is left alone and offer another folder.
   */
  private async noticeForeign(store: IncidentStore): Promise<void> {
    const key = `runbooks.incidents.foreignNotice:${store.incidentsDir}`;
    if (!this.state || this.state.get<boolean>(key)) return;
    const foreign = await store.foreign();
    if (foreign.length === 0) return;
    await this.state.update(key, true);
    const folder = vscode.workspace.asRelativePath(store.incidentsDir);
    const names = foreign.slice(0, 3).map((p) => path.posix.basename(p)).join(', ') + (foreign.length > 3 ? ', …' : '');
    const choice = await vscode.window.showInformationMessage(
      `${folder}/ already holds ${foreign.length} markdown ${foreign.length === 1 ? 'file' : 'files'} that ${foreign.length === 1 ? 'is not an incident file' : 'are not incident files'} (${names}). Living Runbooks leaves them alone and only uses the incident files it creates there.`,
      'Use Another Folder…',
      'Keep This Folder',
    );
    if (choice !== 'Use Another Folder…') return;
    const next = await vscode.window.showInputBox({ title: 'Incidents folder', prompt: 'A folder inside the workspace for incident files', value: `${folder}/log`, validateInput: (v) => (v.trim() && !/(^|\/)\.\.(\/|$)/.test(v) ? undefined : 'A folder inside the workspace') });
    if (next?.trim()) await vscode.workspace.getConfiguration('runbooks.incidents', this.folder).update('folder', next.trim(), vscode.ConfigurationTarget.Workspace);
  }

  private redactionPatterns(): RegExp[] {
    return compileUserPatterns(vscode.workspace.getConfiguration('runbooks.redaction', this.folder).get<string[]>('patterns') ?? []).patterns;
  }

  /** Re-reads the incident files. */
  reload(): Promise<void> {
    this.loading = (async () => {
      try {
        const store = this.folder ? await this.store() : undefined;
        this.incidents = store ? await store.list() : [];
        if (store) void this.noticeForeign(store).catch((error: unknown) => this.logger.error('Incidents folder notice', error));
      } catch (error) {
        this.logger.error('Reading incidents', error);
        this.incidents = [];
      }
      this.changed.fire();
    })();
    return this.loading;
  }

  /** Incidents, newest first. */
  async all(): Promise<IncidentFile[]> {
    await (this.loading ?? this.reload());
    return [...this.incidents].sort((a, b) => (b.meta?.started ?? '').localeCompare(a.meta?.started ?? ''));
  }

  /** The active incident, if any. */
  async active(): Promise<IncidentFile | undefined> {
    await (this.loading ?? this.reload());
    return pickActiveIncident(this.incidents);
  }

  /** Synchronous view of the active incident for the status bar (may lag a reload). */
  activeNow(): IncidentFile | undefined {
    return pickActiveIncident(this.incidents);
  }

  uriOf(file: IncidentFile): vscode.Uri {
    return vscode.Uri.joinPath(this.folder!.uri, ...file.path.split('/'));
  }

  /** git user.name, asked once. */
  whoAmI(): Promise<string | undefined> {
    const folder = this.folder;
    // In Restricted Mode no git process runs (the repository's git config is not trusted either).
    this.author ??= folder && vscode.workspace.isTrusted ? gitUserName(folder.uri.fsPath) : Promise.resolve(undefined);
    return this.author;
  }

  /** Starts an incident (with the alert that paged and when, if known) and makes it active. Returns its file's URI. */
  async start(title: string, severity: string, runbooks: string[], page: { alert?: string; paged?: Date } = {}): Promise<vscode.Uri> {
    const { path: relative } = await (await this.log()).start({ title, severity, runbooks, ...page });
    await this.reload();
    return vscode.Uri.joinPath(this.folder!.uri, ...relative.split('/'));
  }

  /** Appends a note (an explicit leading `HH:MM` sets its time) to the active incident. */
  async addNote(text: string): Promise<IncidentFile> {
    return required(await (await this.log()).note(text)).incident;
  }

  /** Records a check run in the active incident, when there is one. */
  async recordRun(record: RunRecord): Promise<boolean> {
    return (await (await this.log()).recordRun(record)) !== undefined;
  }

  /**
   * Attaches the run log's runs since the active incident started (of runbooks in this workspace,
   * not yet in its timeline) and returns how many; throws when no incident is active.
   */
  async attachRuns(records: readonly RunLogRecord[]): Promise<number> {
    const result = required(await (await this.log()).attachRuns(records, this.folder!.uri.fsPath));
    await this.reload();
    return result.attached;
  }

  /** Records feedback on a runbook line in the active incident. */
  async addFeedback(runbookPath: string, line: number, text: string): Promise<IncidentFile> {
    const incident = required(await (await this.log()).feedback(runbookPath, line, text));
    // Read back now, not when the file watcher gets to it: staleness counts open feedback.
    await this.reload();
    return incident;
  }

  /** Appends a status line to any incident (active or not), e.g. that a piece of feedback was resolved. */
  async appendStatus(incidentPath: string, text: string): Promise<void> {
    const incident = (await this.all()).find((i) => i.path === incidentPath);
    if (!incident) throw new Error(`the incident ${incidentPath} is gone`);
    await (await this.log()).status(incident.path, text);
    await this.reload();
  }

  /** Resolves the active incident and writes the postmortem draft; returns the draft's URI. */
  async resolve(): Promise<vscode.Uri> {
    const result = required(await (await this.log()).resolve());
    const incident = result.incident;
    await this.reload();
    if (!result.frontMatterUpdated) {
      void vscode.window.showWarningMessage(
        `Resolved in the timeline, but the front matter of ${incident.path} was left as it is: ${result.problem ?? 'it could not be read'}. Set status: resolved by hand.`,
      );
    }
    return vscode.Uri.joinPath(this.folder!.uri, ...result.postmortemPath.split('/'));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** The value, or the error every incident command gives when no incident is active. */
function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('No active incident: start one with "Runbooks: Start Incident".');
  return value;
}
