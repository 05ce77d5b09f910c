import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DocStaleness, StalenessEngine, StalenessReport } from '../../../core/staleness';
import { openStalenessEngine } from '../../../node/git-staleness';
import { docUri } from '../../convert';
import type { Logger } from '../../logger';
import type { RunbookIndex } from '../index/runbook-index';

const REFRESH_DELAY_MS = 2000;

/**
 * Staleness of every doc, per workspace folder: one engine each (its git history is cached in
 * workspace storage per HEAD), re-run in the background after indexing, saves and HEAD moves.
 */
export class StalenessService implements vscode.Disposable {
  private readonly engines = new Map<string, StalenessEngine>();
  private readonly verdicts = new Map<string, DocStaleness>();
  private readonly reports = new Map<string, StalenessReport>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private abort: AbortController | undefined;

  constructor(
    private readonly index: RunbookIndex,
    private readonly storageUri: vscode.Uri | undefined,
    private readonly logger: Logger,
  ) {
    const head = vscode.workspace.createFileSystemWatcher('**/.git/{HEAD,refs/heads/**}');
    this.disposables.push(
      head,
      head.onDidChange(() => this.refreshSoon()),
      head.onDidCreate(() => this.refreshSoon()),
      index.onDidChange(() => this.refreshSoon()),
      vscode.workspace.onDidSaveTextDocument(() => this.refreshSoon()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('runbooks.staleness')) {
          this.engines.clear();
          this.refreshSoon();
        }
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

  /** The engine of a folder (created on first use). */
  engine(folder: vscode.WorkspaceFolder): StalenessEngine {
    const key = folder.uri.toString();
    let engine = this.engines.get(key);
    if (!engine) {
      const cacheFile = this.storageUri?.scheme === 'file'
        ? path.join(this.storageUri.fsPath, `history-${createHash('sha256').update(key).digest('hex').slice(0, 16)}.json`)
        : undefined;
      const config = vscode.workspace.getConfiguration('runbooks.staleness', folder);
      engine = openStalenessEngine(folder.uri.fsPath, {
        env: { ...process.env },
        cache: cacheFile !== undefined,
        ...(cacheFile ? { cacheFile } : {}),
        staleness: { bulkCommitFiles: config.get<number>('bulkCommitFiles') ?? 50 },
      });
      this.engines.set(key, engine);
    }
    return engine;
  }

  refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  /** Re-checks every folder (cancelling a check in progress); resolves when done. Never rejects. */
  refresh(): Promise<void> {
    clearTimeout(this.timer);
    this.abort?.abort(new Error('superseded'));
    const abort = (this.abort = new AbortController());
    const running = vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Checking runbook staleness', cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => abort.abort(new Error('cancelled')));
        await this.index.ready();
        for (const folder of vscode.workspace.workspaceFolders ?? []) {
          const docs = this.index.docs().filter((r) => r.folder === folder).map((r) => r.doc);
          try {
            const report = await this.engine(folder).report(docs, {
              signal: abort.signal,
              onProgress: (p) => progress.report({ message: p.message }),
            });
            if (abort.signal.aborted) return;
            this.reports.set(folder.uri.toString(), report);
            for (const key of [...this.verdicts.keys()]) if (key.startsWith(folder.uri.toString())) this.verdicts.delete(key);
            for (const verdict of report.docs) this.verdicts.set(docUri(folder, verdict.path).toString(), verdict);
          } catch (error) {
            if (!abort.signal.aborted) this.logger.error(`Checking staleness in ${folder.name}`, error);
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
