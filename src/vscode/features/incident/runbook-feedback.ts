import * as vscode from 'vscode';
import { feedbackRecords, resolvedFeedbackText } from '../../../core/incident/feedback';
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
  /** Threads shown for recorded feedback, with the incident and runbook line they belong to. */
  private readonly shown = new Map<string, { thread: vscode.CommentThread; incidentPath: string; target: { path: string; line: number }; resolved?: boolean }>();
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
    await this.incidents.addFeedback(path, line, reply.text);
    // The draft thread gives way to the recorded one, so the line shows the feedback once.
    thread.dispose();
    await this.incidents.reload();
    await this.showRecorded();
  }

  /** Shows the feedback recorded in incident files as threads on the runbooks that are open. */
  private async showRecorded(): Promise<void> {
    try {
      for (const record of feedbackRecords(await this.incidents.all())) {
        if (record.resolved) continue;
        // Not the entry's line: resolving the incident edits its front matter and moves every line.
        const key = `${record.incident.path}|${record.path}#L${record.line}|${record.at}|${record.text}`;
        if (this.shown.has(key)) continue;
        const folder = this.incidents.folder;
        if (!folder) continue;
        const uri = vscode.Uri.joinPath(folder.uri, ...record.path.split('/'));
        if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) continue;
        const line = Math.max(0, record.line - 1);
        const thread = this.controller.createCommentThread(uri, new vscode.Range(line, 0, line, 0), [
          { body: record.text, mode: vscode.CommentMode.Preview, author: { name: record.author ?? 'on-call' } },
        ]);
        thread.label = `noted in incident ${record.incident.id ?? record.incident.path}`;
        thread.canReply = false;
        thread.contextValue = 'runbooks.feedback.recorded';
        this.shown.set(key, { thread, incidentPath: record.incident.path, target: { path: record.path, line: record.line } });
      }
    } catch (error) {
      this.logger.error('Showing runbook feedback', error);
    }
  }

  /** The threads currently shown for recorded feedback. */
  recordedThreads(): vscode.CommentThread[] {
    return [...this.shown.values()].filter((s) => !s.resolved).map((s) => s.thread);
  }

  /** Re-reads recorded feedback now (it also follows incident and editor changes). */
  refresh(): Promise<void> {
    return this.showRecorded();
  }

  /**
   * The "Resolve" action of a recorded feedback thread: notes in that incident's timeline that the
   * feedback was dealt with (so it stays hidden in later sessions too) and removes the thread.
   */
  async resolve(thread: vscode.CommentThread): Promise<void> {
    const entry = [...this.shown.values()].find((s) => s.thread === thread);
    if (entry) {
      await this.incidents.appendStatus(entry.incidentPath, resolvedFeedbackText(entry.target.path, entry.target.line));
      entry.resolved = true;
    }
    thread.dispose();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.controller.dispose();
  }
}
