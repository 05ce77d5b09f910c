import * as vscode from 'vscode';
import { relativePath } from '../../convert';
import type { Logger } from '../../logger';
import type { IncidentService } from './incident-service';

/**
 * Inline notes on runbook steps (Comments API). During an incident, a comment on any line of a
 * markdown file is recorded in the incident timeline with a `path#Lnn` link; the thread then says
 * where it was noted. Threads from past incidents' feedback show on the runbook again when it opens.
 */
export class RunbookFeedback implements vscode.Disposable {
  readonly controller = vscode.comments.createCommentController('runbooks.feedback', 'Runbook feedback');
  private readonly shown = new Map<string, vscode.CommentThread>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly incidents: IncidentService,
    private readonly logger: Logger,
  ) {
    this.controller.options = { prompt: 'What is wrong or missing in this step?', placeHolder: 'e.g. step 3 is wrong: the pool is in pgbouncer.ini now' };
    this.controller.commentingRangeProvider = {
      provideCommentingRanges: (document) =>
        document.languageId === 'markdown' && this.incidents.activeNow() && !this.isIncident(document.uri)
          ? [new vscode.Range(0, 0, Math.max(0, document.lineCount - 1), 0)]
          : [],
    };
    this.subscriptions = [
      incidents.onDidChange(() => this.showRecorded()),
      vscode.workspace.onDidOpenTextDocument(() => this.showRecorded()),
    ];
  }

  private isIncident(uri: vscode.Uri): boolean {
    const dir = this.incidents.incidentsDir;
    return !!dir && uri.fsPath.startsWith(dir);
  }

  /** Handler of the comment widget's "Add to Incident" button. */
  async submit(reply: vscode.CommentReply): Promise<void> {
    const thread = reply.thread;
    const folder = vscode.workspace.getWorkspaceFolder(thread.uri);
    const path = folder && relativePath(folder, thread.uri);
    if (!path) throw new Error('Feedback can only be added to files in the workspace.');
    const line = (thread.range?.start.line ?? 0) + 1;
    const incident = await this.incidents.addFeedback(path, line, reply.text);
    const author = (await this.incidents.whoAmI()) ?? 'you';
    thread.comments = [...thread.comments, { body: reply.text, mode: vscode.CommentMode.Preview, author: { name: author } }];
    thread.label = `noted in incident ${incident.meta?.id ?? incident.path}`;
    thread.canReply = false;
    thread.collapsibleState = vscode.CommentThreadCollapsibleState.Collapsed;
  }

  /** Shows the feedback recorded in incident files as threads on the runbooks that are open. */
  private async showRecorded(): Promise<void> {
    try {
      for (const incident of await this.incidents.all()) {
        for (const entry of incident.timeline) {
          if (entry.kind !== 'feedback' || !entry.target) continue;
          const key = `${incident.path}:${entry.line}`;
          if (this.shown.has(key)) continue;
          const folder = this.incidents.folder;
          if (!folder) continue;
          const uri = vscode.Uri.joinPath(folder.uri, ...entry.target.path.split('/'));
          if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) continue;
          const line = Math.max(0, entry.target.line - 1);
          const thread = this.controller.createCommentThread(uri, new vscode.Range(line, 0, line, 0), [
            { body: entry.summary, mode: vscode.CommentMode.Preview, author: { name: entry.author ?? 'on-call' } },
          ]);
          thread.label = `noted in incident ${incident.meta?.id ?? incident.path}`;
          thread.canReply = false;
          thread.contextValue = 'runbooks.feedback.recorded';
          this.shown.set(key, thread);
        }
      }
    } catch (error) {
      this.logger.error('Showing runbook feedback', error);
    }
  }

  /** Hides a recorded feedback thread (its "Resolve" action). */
  resolve(thread: vscode.CommentThread): void {
    for (const [key, shown] of this.shown) if (shown === thread) this.shown.set(key, thread);
    thread.dispose();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.controller.dispose();
  }
}
