import * as vscode from 'vscode';
import { failureReason } from '../../../core/runner/run-failure';
import type { BlockRunService } from './block-run-service';
import { editorDoc } from './doc-blocks';

/** Marks each block that ran with ✓ or ✗ in the gutter and the time of its last run after the fence. */
export class RunDecorations implements vscode.Disposable {
  private readonly passed: vscode.TextEditorDecorationType;
  private readonly failed: vscode.TextEditorDecorationType;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly runs: BlockRunService,
    extensionUri: vscode.Uri,
  ) {
    const after = (color: string) => ({ color: new vscode.ThemeColor(color), margin: '0 0 0 2em', fontStyle: 'italic' });
    this.passed = vscode.window.createTextEditorDecorationType({
      gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', 'run-passed.svg'),
      after: after('testing.iconPassed'),
    });
    this.failed = vscode.window.createTextEditorDecorationType({
      gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', 'run-failed.svg'),
      after: after('testing.iconFailed'),
    });
    this.subscriptions = [
      runs.onDidRun(() => this.refresh()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (vscode.window.visibleTextEditors.some((v) => v.document === e.document)) this.refresh();
      }),
    ];
  }

  refresh(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const parsed = editor.document.languageId === 'markdown' ? editorDoc(editor.document) : undefined;
      const passed: vscode.DecorationOptions[] = [];
      const failed: vscode.DecorationOptions[] = [];
      for (const block of parsed?.blocks ?? []) {
        const last = this.runs.lastRun(editor.document.uri, block.name);
        if (!last) continue;
        const line = editor.document.lineAt(block.line - 1);
        const text = `${last.result.passed ? '✓' : '✗'} ${last.finishedAt.toLocaleTimeString()} · ${(last.result.durationMs / 1000).toFixed(1)} s${last.result.exitCode !== null ? ` · exit ${last.result.exitCode}` : ''}`;
        const why = failureReason(last.result);
        (last.result.passed ? passed : failed).push({
          range: line.range,
          renderOptions: { after: { contentText: why ? `${text} · ${why}` : text } },
          ...(why ? { hoverMessage: new vscode.MarkdownString(`✗ ${why}`) } : {}),
        });
      }
      editor.setDecorations(this.passed, passed);
      editor.setDecorations(this.failed, failed);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.passed.dispose();
    this.failed.dispose();
  }
}
