import * as path from 'node:path';
import * as vscode from 'vscode';
import { relativePath } from './convert';
import { routesFor, type FileEventKind } from './file-event-routes';

export type { FileEventKind };

/** One event on a path inside a workspace folder. */
export interface FileEvent {
  kind: FileEventKind;
  uri: vscode.Uri;
  folder: vscode.WorkspaceFolder;
  /** Workspace-relative posix path ('' for the folder itself). */
  path: string;
}

/** The index's side: which paths are documents, and what to do when one changes. */
export interface IndexListener {
  /** True when a file at this path would be a document of the folder (its include globs). */
  isDocPath(folder: vscode.WorkspaceFolder, path: string): boolean;
  /** A document was created, changed or deleted: re-read it. */
  docChanged(folder: vscode.WorkspaceFolder, path: string): void;
  /** Something was deleted, possibly a folder with documents under it. */
  pathDeleted(folder: vscode.WorkspaceFolder, path: string): void;
}

/** The staleness check's side. */
export interface StalenessListener {
  /** A file was saved, created or deleted: re-check if the last report depends on it. */
  pathChanged(uri: vscode.Uri, kind: 'saved' | 'created' | 'deleted'): void;
  /** A `.runbooks.yml` changed on disk: the rules may have changed. */
  configChanged(): void;
  /** HEAD, a ref, `packed-refs` or `.git/info/exclude` was created, changed or deleted: the history or the ref names may have changed. */
  gitRefChanged(uri: vscode.Uri, kind: 'created' | 'changed' | 'deleted'): void;
  /** The watcher saw a path outside `.git` created, changed or deleted (the next re-check asks git about it). */
  pathTouched(uri: vscode.Uri): void;
}

/** The incident list's side. */
export interface IncidentsListener {
  /** Absolute path of the incidents folder, or undefined without a workspace. */
  readonly incidentsDir: string | undefined;
  /** An incident file was created, changed or deleted. */
  incidentsChanged(): void;
}

/** The alert coverage's side. */
export interface AlertsListener {
  /** A YAML file (maybe an alert rule file) was created, changed or deleted. */
  rulesChanged(): void;
}

/** The rule severities' side. */
export interface SeveritiesListener {
  /** A `.runbooks.yml` was created, changed or deleted: its `rules:` section may have changed. */
  configChanged(): void;
}

/** Who listens, by feature. */
export interface WorkspaceListeners {
  index: IndexListener;
  staleness: StalenessListener;
  incidents: IncidentsListener;
  alerts: AlertsListener;
  severities: SeveritiesListener;
}

/**
 * The one owner of workspace file events (save, create, change, delete; a rename is a delete and a
 * create): it holds the file watchers and sends each event where `routesFor` says (who re-indexes,
 * who re-checks, who re-reads the incidents), so that question has one answer.
 */
export class WorkspaceEvents implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly listeners: WorkspaceListeners) {
    const files = vscode.workspace.createFileSystemWatcher('**/*');
    // `.git` is its own watcher: a separate pattern keeps its ref files reported whatever the excludes of `**/*`.
    const refs = vscode.workspace.createFileSystemWatcher('**/.git/{HEAD,refs/**,packed-refs,info/exclude}');
    this.disposables.push(
      files,
      files.onDidCreate((uri) => this.route('created', uri)),
      files.onDidChange((uri) => this.route('changed', uri)),
      files.onDidDelete((uri) => this.route('deleted', uri)),
      vscode.workspace.onDidSaveTextDocument((document) => this.route('saved', document.uri)),
      refs,
      refs.onDidCreate((uri) => listeners.staleness.gitRefChanged(uri, 'created')),
      refs.onDidChange((uri) => listeners.staleness.gitRefChanged(uri, 'changed')),
      refs.onDidDelete((uri) => listeners.staleness.gitRefChanged(uri, 'deleted')),
    );
  }

  /** Sends one event to the features it concerns (see `routesFor`). */
  route(kind: FileEventKind, uri: vscode.Uri): void {
    const event = this.locate(kind, uri);
    if (!event) return;
    const { index, staleness, incidents, alerts, severities } = this.listeners;
    const facts = { isDocPath: index.isDocPath(event.folder, event.path), isIncidentFile: isIncidentFile(incidents.incidentsDir, uri) };
    for (const route of routesFor(kind, event.path, facts)) {
      switch (route) {
        case 'index.docChanged': index.docChanged(event.folder, event.path); break;
        case 'index.pathDeleted': index.pathDeleted(event.folder, event.path); break;
        case 'incidents.changed': incidents.incidentsChanged(); break;
        case 'alerts.rulesChanged': alerts.rulesChanged(); break;
        case 'severities.configChanged': severities.configChanged(); break;
        case 'staleness.configChanged': staleness.configChanged(); break;
        case 'staleness.saved': staleness.pathChanged(uri, 'saved'); break;
        case 'staleness.created': staleness.pathChanged(uri, 'created'); break;
        case 'staleness.deleted': staleness.pathChanged(uri, 'deleted'); break;
        case 'staleness.touched': staleness.pathTouched(uri); break;
      }
    }
  }

  private locate(kind: FileEventKind, uri: vscode.Uri): FileEvent | undefined {
    if (uri.scheme !== 'file') return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const relative = folder && relativePath(folder, uri);
    return folder && relative !== undefined ? { kind, uri, folder, path: relative } : undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** True for a markdown file under the incidents folder. */
function isIncidentFile(incidentsDir: string | undefined, uri: vscode.Uri): boolean {
  if (!incidentsDir || !/\.md$/i.test(uri.fsPath)) return false;
  const relative = path.relative(incidentsDir, uri.fsPath);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
