import * as path from 'node:path';
import * as vscode from 'vscode';
import { pickActiveIncident } from '../../../core/incident/incident-parser';
import { failureReason } from '../../../core/runner/run-plan';
import { formatCheckRun, formatFeedback, formatNote, formatStatus, resolveExplicitTime } from '../../../core/incident/timeline';
import type { IncidentFile, IncidentMeta } from '../../../core/incident/types';
import { gitUserName, IncidentStore } from '../../../node/incident-store';
import { compileUserPatterns } from '../../../core/redact';
import type { Logger } from '../../logger';
import type { RunRecord } from '../runner/block-run-service';

/**
 * Incident mode for the first workspace folder: the incident files under
 * `runbooks.incidents.folder`, which one is active, and appending to its timeline. Appends go
 * through the store (locked, append-only, fsync) unless the file is open with unsaved edits:
 * then they go through the editor, so nothing the user typed is clobbered.
 */
export class IncidentService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private incidents: IncidentFile[] = [];
  private author: Promise<string | undefined> | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private loading: Promise<void> | undefined;
  private watcher: vscode.Disposable | undefined;

  constructor(private readonly logger: Logger) {
    this.watchIncidents();
    this.disposables.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.watchIncidents()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('runbooks.incidents')) return;
        this.watchIncidents();
        void this.reload();
      }),
    );
  }

  /**
   * Watches the markdown files under the incidents folder only (the index watches every doc,
   * but the incidents folder need not be indexed). Re-made when the folder changes.
   */
  private watchIncidents(): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    const dir = this.incidentsDir;
    if (!dir) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), '**/*.md'));
    const reload = () => void this.reload();
    this.watcher = vscode.Disposable.from(watcher, watcher.onDidCreate(reload), watcher.onDidChange(reload), watcher.onDidDelete(reload));
  }

  /** The workspace folder incidents live in (the first), or undefined without a folder. */
  get folder(): vscode.WorkspaceFolder | undefined {
    return vscode.workspace.workspaceFolders?.[0];
  }

  /** Absolute path of the incidents folder. */
  get incidentsDir(): string | undefined {
    const folder = this.folder;
    if (!folder) return undefined;
    const relative = vscode.workspace.getConfiguration('runbooks.incidents', folder).get<string>('folder') || 'incidents';
    return path.join(folder.uri.fsPath, relative);
  }

  private store(): IncidentStore {
    const dir = this.incidentsDir;
    if (!dir || !this.folder) throw new Error('Open a folder first: incidents are files in the workspace.');
    const patterns = vscode.workspace.getConfiguration('runbooks.redaction', this.folder).get<string[]>('patterns') ?? [];
    return new IncidentStore(dir, this.folder.uri.fsPath, { redactionPatterns: compileUserPatterns(patterns).patterns });
  }

  /** Re-reads the incident files. */
  reload(): Promise<void> {
    this.loading = (async () => {
      try {
        this.incidents = this.folder ? await this.store().list() : [];
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
    this.author ??= folder ? gitUserName(folder.uri.fsPath) : Promise.resolve(undefined);
    return this.author;
  }

  /** Starts an incident and makes it active. Returns its file's URI. */
  async start(title: string, severity: string, runbooks: string[]): Promise<vscode.Uri> {
    const meta: IncidentMeta = {
      id: '',
      title,
      severity,
      status: 'active',
      started: new Date().toISOString(),
      runbooks,
      ...((await this.whoAmI()) ? { commander: (await this.whoAmI())! } : {}),
    };
    const relative = await this.store().create(meta);
    await this.reload();
    return vscode.Uri.joinPath(this.folder!.uri, ...relative.split('/'));
  }

  /** Appends a note (an explicit leading `HH:MM` sets its time) to the active incident. */
  async addNote(text: string): Promise<IncidentFile> {
    const incident = await this.requireActive();
    const now = new Date();
    const explicit = resolveExplicitTime(text, now);
    const block = formatNote({ text: explicit?.text ?? text, ...(explicit ? { at: explicit.at } : {}), author: await this.whoAmI() }, now);
    await this.append(incident, block);
    return incident;
  }

  /** Records a check run in the active incident, when there is one. */
  async recordRun(record: RunRecord): Promise<boolean> {
    const incident = await this.active();
    if (!incident) return false;
    const block = formatCheckRun({
      runbookPath: record.docPath,
      line: record.line,
      blockName: record.blockName,
      command: record.command,
      cwd: record.cwd,
      exitCode: record.result.exitCode,
      durationMs: record.result.durationMs,
      passed: record.result.passed,
      ...(failureReason(record.result) ? { failure: failureReason(record.result)! } : {}),
      output: record.result.output,
      finishedAt: record.finishedAt,
      author: await this.whoAmI(),
    }, incident.path);
    await this.append(incident, block);
    return true;
  }

  /** Records feedback on a runbook line in the active incident. */
  async addFeedback(runbookPath: string, line: number, text: string): Promise<IncidentFile> {
    const incident = await this.requireActive();
    await this.append(incident, formatFeedback({ runbookPath, line, text, at: new Date(), author: await this.whoAmI() }, incident.path));
    // Read back now, not when the file watcher gets to it: staleness counts open feedback.
    await this.reload();
    return incident;
  }

  /** Appends a status line to any incident (active or not), e.g. that a piece of feedback was resolved. */
  async appendStatus(incidentPath: string, text: string): Promise<void> {
    const incident = (await this.all()).find((i) => i.path === incidentPath);
    if (!incident) throw new Error(`the incident ${incidentPath} is gone`);
    await this.append(incident, formatStatus(text, new Date(), await this.whoAmI()));
    await this.reload();
  }

  /** Resolves the active incident and writes the postmortem draft; returns the draft's URI. */
  async resolve(): Promise<vscode.Uri> {
    const incident = await this.requireActive();
    const uri = this.uriOf(incident);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) await open.save();
    const result = await this.store().resolve(incident.path, new Date(), await this.whoAmI());
    await this.reload();
    if (!result.frontMatterUpdated) {
      void vscode.window.showWarningMessage(
        `Resolved in the timeline, but the front matter of ${incident.path} was left as it is: ${result.problem ?? 'it could not be read'}. Set status: resolved by hand.`,
      );
    }
    return vscode.Uri.joinPath(this.folder!.uri, ...result.postmortemPath.split('/'));
  }

  private async requireActive(): Promise<IncidentFile> {
    const incident = await this.active();
    if (!incident) throw new Error('No active incident: start one with "Runbooks: Start Incident".');
    return incident;
  }

  /** Appends through the editor when the file has unsaved edits, else through the store. */
  private async append(incident: IncidentFile, block: string): Promise<void> {
    const uri = this.uriOf(incident);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) {
      const end = open.lineAt(open.lineCount - 1).range.end;
      const needsNewline = open.getText().length > 0 && !open.getText().endsWith('\n');
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, end, `${needsNewline ? '\n' : ''}${block}`);
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not add the note to ${incident.path} through the editor`);
      return;
    }
    await this.store().append(incident.path, block);
  }

  dispose(): void {
    this.watcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
