import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { feedbackRecords } from '../../../core/incident/feedback';
import { DEFAULT_STALENESS_OPTIONS } from '../../../core/staleness/options';
import type { StalenessEngine } from '../../../core/staleness/engine';
import type { DocStaleness, StalenessReport } from '../../../core/staleness/model/report';
import type { FeedbackSource } from '../../../core/staleness/ports';
import { headBranchRef, stalenessRelevance, type PathEvent } from '../../../core/staleness/queries/relevant-paths';
import { refEventMeaning, WatchedPaths, watcherSkipsFiles } from '../../../core/staleness/plan/watched-paths';
import { withCommandFindings } from '../../../core/commands/report-merge';
import { workspaceDrift } from '../../../core/commands/workspace-drift';
import { StalenessSettings } from './staleness-settings';
import { GitWorkspaceFiles } from '../../../node/git-workspace-files';
import { extraLanguages } from '../runner/doc-blocks';
import { openStalenessEngine } from '../../../node/git-staleness';
import { docUri, relativePath } from '../../convert';
import type { Logger } from '../../logger';
import type { IncidentService } from '../incident/incident-service';
import type { RunbookIndex } from '../index/runbook-index';
import type { StalenessListener } from '../../workspace-events';

const REFRESH_DELAY_MS = 2000;

/**
 * What Restricted Mode turns off: staleness runs git in the folder, and a repository's own git
 * config can name programs for git to run (an fsmonitor, filters), so, as VS Code's git support
 * does, no git process is started until the folder is trusted.
 */
export const RESTRICTED_STALENESS_MESSAGE = 'Trust this folder to check staleness: in Restricted Mode Living Runbooks runs no git process.';

/** Thrown by `engine` in Restricted Mode. */
export class RestrictedModeError extends Error {
  constructor() {
    super(RESTRICTED_STALENESS_MESSAGE);
  }
}
/** Until a folder has a report, every path outside `.git` may matter. */
const BEFORE_FIRST_REPORT = stalenessRelevance(undefined, DEFAULT_STALENESS_OPTIONS);

/**
 * Staleness of every doc, per workspace folder: one engine each (its git history is cached in
 * workspace storage per HEAD), re-run in the background after indexing, HEAD moves, changes to
 * the incidents (whose open feedback counts against the docs of their folder), and saves,
 * creations and deletions of the paths the last report depends on (see `stalenessRelevance`).
 * The rules come from the folder's `.runbooks.yml` (its problems shown on it, the defaults used
 * for the settings they concern) and `runbooks.staleness.bulkCommitFiles` when the user set it;
 * an engine is made again when they change.
 */
export class StalenessService implements vscode.Disposable, StalenessListener {
  /** Per folder: its engine and the settings it was made with (JSON). */
  private readonly engines = new Map<string, { engine: StalenessEngine; settings: string }>();
  private readonly verdicts = new Map<string, DocStaleness>();
  private readonly reports = new Map<string, StalenessReport>();
  /** Per folder: whether a file event can change its last report. */
  private readonly relevance = new Map<string, (event: PathEvent) => boolean>();
  /** What the watcher saw per folder since its last run began: a re-check asks git about those paths only. */
  private readonly watchedPaths = new WatchedPaths();
  /** Per folder: the branch its HEAD named at the last HEAD event (undefined: detached). */
  private readonly headBranches = new Map<string, string | undefined>();
  /** Per folder: whether it is its repository's top, whose `.git` the ref watcher sees. */
  private readonly repoTops = new Map<string, Promise<boolean>>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  /** The folders' staleness settings, their config files' problems shown on them. */
  private readonly settings: StalenessSettings;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private abort: AbortController | undefined;
  private restrictedLogged = false;

  constructor(
    private readonly index: RunbookIndex,
    private readonly storageUri: vscode.Uri | undefined,
    private readonly logger: Logger,
    private readonly incidents?: IncidentService,
  ) {
    this.settings = new StalenessSettings(logger);
    // File events (saves, creations, deletions, config files, HEAD) arrive through WorkspaceEvents.
    this.disposables.push(
      this.settings,
      index.onDidChange(() => this.refreshSoon()),
      ...(incidents ? [incidents.onDidChange(() => this.refreshSoon())] : []),
      // Trust granted: check now (nothing ran before).
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refreshSoon()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        // The engine is made again if the settings it was made with changed (see `engine`).
        if (e.affectsConfiguration('runbooks.staleness')) this.refreshSoon();
      }),
    );
  }

  /** The verdict for a document, if it has been checked. */
  verdict(uri: vscode.Uri): DocStaleness | undefined {
    return this.verdicts.get(uri.toString());
  }

  /** The last report of a folder. */
  report(folder: vscode.WorkspaceFolder): StalenessReport | undefined {
    return this.reports.get(folder.uri.toString());
  }

  /**
   * The engine of a folder, with its current settings: made on first use, and again when the
   * settings (config file, `runbooks.staleness.bulkCommitFiles`) differ from those it was made with.
   * Reads the config file each time: it is small, and an engine is only kept while it is unchanged.
   */
  async engine(folder: vscode.WorkspaceFolder): Promise<StalenessEngine> {
    if (!vscode.workspace.isTrusted) throw new RestrictedModeError();
    const key = folder.uri.toString();
    const staleness = await this.settings.read(folder);
    const languages = extraLanguages(folder);
    const settings = JSON.stringify({ staleness, languages });
    const current = this.engines.get(key);
    if (current?.settings === settings) return current.engine;
    const cacheFile = this.storageUri?.scheme === 'file'
      ? path.join(this.storageUri.fsPath, `history-${createHash('sha256').update(key).digest('hex').slice(0, 16)}.json`)
      : undefined;
    const feedback = this.feedbackFor(folder);
    const engine = openStalenessEngine(folder.uri.fsPath, {
      env: { ...process.env },
      cache: cacheFile !== undefined,
      ...(cacheFile ? { cacheFile } : {}),
      staleness,
      extraLanguages: languages,
      ...(feedback ? { feedback } : {}),
    });
    this.engines.set(key, { engine, settings });
    return engine;
  }

  /** Whether `folder` holds its repository's `.git` (the ref watcher sees its refs). */
  private repoTop(folder: vscode.WorkspaceFolder): Promise<boolean> {
    const key = folder.uri.toString();
    let top = this.repoTops.get(key);
    if (!top) this.repoTops.set(key, (top = Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, '.git'))).then((s) => (s.type & vscode.FileType.Directory) !== 0, () => false)));
    return top;
  }

  /** The incident feedback of a folder: the incident service's, for the folder incidents live in. */
  private feedbackFor(folder: vscode.WorkspaceFolder): FeedbackSource | undefined {
    const incidents = this.incidents;
    if (!incidents || incidents.folder?.uri.toString() !== folder.uri.toString()) return undefined;
    return { load: async () => feedbackRecords(await incidents.all()) };
  }

  /** Whether an event on `uri` can change the last report of its folder: a doc, or a path the report depends on. */
  private matters(uri: vscode.Uri, event: Omit<PathEvent, 'path'>): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const relative = folder && relativePath(folder, uri);
    if (!folder || relative === undefined) return false;
    if (this.index.docAt(uri)) return true;
    return (this.relevance.get(folder.uri.toString()) ?? BEFORE_FIRST_REPORT)({ ...event, path: relative });
  }

  /** A path was saved, created or deleted (from WorkspaceEvents): re-check soon if the last report can depend on it. */
  pathChanged(uri: vscode.Uri, kind: 'saved' | 'created' | 'deleted'): void {
    if (kind === 'created') void this.created(uri);
    else if (this.matters(uri, { type: kind })) this.refreshSoon();
  }

  /** The watcher saw a path created, changed or deleted: noted for every folder holding it (folders may nest). */
  pathTouched(uri: vscode.Uri): void {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const relative = relativePath(folder, uri);
      if (relative !== undefined && relative !== '') this.watchedPaths.touched(folder.uri.toString(), relative);
    }
  }

  /** A `.runbooks.yml` changed on disk (from WorkspaceEvents): the engine is made again if its settings changed. */
  configChanged(): void {
    this.refreshSoon();
  }

  /** A created path matters as a file, or as a folder that may hold what the report depends on. */
  private async created(uri: vscode.Uri): Promise<void> {
    if (this.matters(uri, { type: 'created' })) return this.refreshSoon();
    if (!this.matters(uri, { type: 'created', folder: true })) return;
    const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
    if (stat && stat.type & vscode.FileType.Directory) this.refreshSoon();
  }

  /**
   * HEAD moved: it was rewritten (a checkout), or the branch it points at was (a commit, pull or
   * reset). Every other ref event (a branch or tag made, moved or deleted, `packed-refs` rewritten,
   * another branch checked out) may change the ref names links resolve against: the next run reads
   * them again. (`.lock` files are git's own; `info/exclude` changes which files are untracked.)
   */
  async gitRefChanged(uri: vscode.Uri, kind: 'created' | 'changed' | 'deleted' = 'changed'): Promise<void> {
    const at = uri.path.lastIndexOf('/.git/');
    const ref = uri.path.slice(at + '/.git/'.length);
    if (at < 0) return this.refreshSoon();
    if (ref.endsWith('.lock')) return;
    const key = vscode.workspace.getWorkspaceFolder(uri.with({ path: uri.path.slice(0, at) }))?.uri.toString();
    if (ref === 'info/exclude') {
      if (key) this.watchedPaths.readWholeNext(key);
      return this.refreshSoon();
    }
    const headFile = uri.with({ path: `${uri.path.slice(0, at)}/.git/HEAD` });
    const head = await Promise.resolve(vscode.workspace.fs.readFile(headFile)).then((bytes) => new TextDecoder().decode(bytes), () => undefined);
    const now = { read: head !== undefined, branch: head === undefined ? undefined : headBranchRef(head) };
    const meaning = refEventMeaning(ref, kind, now, key !== undefined && this.headBranches.has(key) ? { branch: this.headBranches.get(key) } : undefined);
    if (key && meaning.namesMayChange) this.watchedPaths.refsChanged(key);
    if (key && ref === 'HEAD') this.headBranches.set(key, now.branch);
    if (meaning.refresh) this.refreshSoon();
  }

  refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  /**
   * Re-checks every folder (cancelling a check in progress); resolves when done. Never rejects.
   * In Restricted Mode nothing runs: the log says why, and so does a message when `explicit`
   * (the user asked for the check), with a button to manage trust.
   */
  refresh(explicit = false): Promise<void> {
    clearTimeout(this.timer);
    if (!vscode.workspace.isTrusted) {
      if (!this.restrictedLogged) this.logger.info(RESTRICTED_STALENESS_MESSAGE);
      this.restrictedLogged = true;
      if (explicit) {
        void vscode.window.showInformationMessage(RESTRICTED_STALENESS_MESSAGE, 'Manage Workspace Trust').then((choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'));
      }
      return Promise.resolve();
    }
    this.abort?.abort(new Error('superseded'));
    const abort = (this.abort = new AbortController());
    const running = vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Checking runbook staleness', cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => abort.abort(new Error('cancelled')));
        await this.index.ready();
        for (const folder of vscode.workspace.workspaceFolders ?? []) {
          const docs = this.index.docs().filter((r) => r.folder === folder).map((r) => r.doc);
          // What the watcher saw since the last run (the whole tree when the user asked, or where it may miss files).
          const watching = this.watchedPaths.take(folder.uri.toString(), explicit || watcherSkipsFiles(vscode.workspace.getConfiguration('files', folder).get('watcherExclude')), await this.repoTop(folder));
          let completed = false;
          try {
            const engine = await this.engine(folder);
            const verdicts = await engine.report(docs, {
              signal: abort.signal,
              onProgress: (p) => progress.report({ message: p.message }),
              // Verdicts first; the history cache is written behind them.
              saveInBackground: true,
              ...(watching.watched ? { watched: watching.watched } : {}),
            });
            completed = true;
            // Command drift joins the verdicts: its findings show on the commands' lines like the links'.
            const history = engine.currentHistory;
            const drift = await workspaceDrift(docs, new GitWorkspaceFiles(folder.uri.fsPath, { ...process.env }), { signal: abort.signal, extraLanguages: extraLanguages(folder), ...(history ? { history } : {}) });
            const report = withCommandFindings(verdicts, drift);
            engine.persist().catch((error: Error) => this.logger.info(`Checking staleness in ${folder.name}: could not write the history cache: ${error.message}`));
            if (abort.signal.aborted) return;
            for (const warning of report.warnings ?? []) this.logger.info(`Checking staleness in ${folder.name}: ${warning}`);
            this.reports.set(folder.uri.toString(), report);
            this.relevance.set(folder.uri.toString(), stalenessRelevance(report.docs, engine.options));
            for (const key of [...this.verdicts.keys()]) if (key.startsWith(folder.uri.toString())) this.verdicts.delete(key);
            for (const verdict of report.docs) this.verdicts.set(docUri(folder, verdict.path).toString(), verdict);
          } catch (error) {
            if (!abort.signal.aborted) this.logger.error(`Checking staleness in ${folder.name}`, error);
          } finally {
            watching.done(completed);
          }
        }
        this.changed.fire();
      },
    );
    this.running = Promise.resolve(running);
    return this.running;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.abort?.abort(new Error('disposed'));
    for (const d of this.disposables) d.dispose();
  }
}
