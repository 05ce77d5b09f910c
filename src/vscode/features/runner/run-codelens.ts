import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { commandTargets } from '../../../core/context/command-targets';
import { declaredTarget, declaresTarget } from '../../../core/context/declared-target';
import { checkTargets, describeWhere } from '../../../core/context/guard';
import type { DocModel } from '../../../core/doc-model';
import { blocksInSection } from '../../../core/runner/runnable-blocks';
import { childEnv } from '../../../node/child-env';
import type { RunnableBlock } from '../../../core/runner/types';
import { CommandId } from '../../command-ids';
import type { BlockRunService } from './block-run-service';
import { editorDoc } from './doc-blocks';

/**
 * Above each runnable block: Run (saying when it changes state, and where its kubectl/helm/aws/
 * gcloud/az commands would act now: `Run · prod-eu-1/payments`, marked when that is not the
 * declared target), Run in Terminal, Copy, and the last result. Above a heading whose section has check blocks: Run N checks. In Restricted Mode a
 * single lens explains why nothing runs.
 */
export class RunCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly runs: BlockRunService) {
    this.subscriptions = [
      runs.onDidRun(() => this.changed.fire()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('runbooks.run')) this.changed.fire();
      }),
      ...this.watchKubeconfigs(),
    ];
  }

  /** The kubeconfig files of the editor's environment, watched so the lenses follow `kubectl config use-context`. */
  private watchKubeconfigs(): vscode.Disposable[] {
    const files = (process.env.KUBECONFIG ?? path.join(os.homedir(), '.kube', 'config')).split(path.delimiter).filter(Boolean);
    return files.map((file) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
      const fire = () => this.changed.fire();
      watcher.onDidChange(fire);
      watcher.onDidCreate(fire);
      watcher.onDidDelete(fire);
      return watcher;
    });
  }

  /** ` · prod-eu-1/payments` (with ` ≠ prod-eu-*` when that is not the declared target), or '' when no command acts in a context. */
  private async whereSuffix(doc: DocModel, block: RunnableBlock): Promise<string> {
    const targets = await commandTargets(block.script, childEnv(process.env), this.runs.configFiles);
    const where = describeWhere(targets);
    if (!where) return '';
    const declared = declaredTarget(doc.frontMatter, block.attributes);
    const issue = declaresTarget(declared) ? checkTargets(declared, targets)[0] : undefined;
    return issue ? ` · ${where} ≠ ${issue.declared.pattern}` : ` · ${where}`;
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const parsed = editorDoc(document);
    if (!parsed || parsed.blocks.length === 0) return [];
    if (!(vscode.workspace.getConfiguration('runbooks.run', parsed.folder).get<boolean>('codeLens') ?? true)) return [];
    const lenses: vscode.CodeLens[] = [];
    const at = (line: number) => new vscode.Range(line - 1, 0, line - 1, 0);
    const trusted = vscode.workspace.isTrusted;
    for (const block of parsed.blocks) {
      const range = at(block.line);
      const args = [document.uri, block.index];
      if (!trusted) {
        lenses.push(new vscode.CodeLens(range, { title: '$(shield) Running is disabled in Restricted Mode', command: 'workbench.trust.manage' }));
      } else {
        const where = await this.whereSuffix(parsed.doc, block).catch(() => '');
        const title = block.kind === 'change' ? `$(warning) Run (changes state)…${where}` : `$(play) Run${where}`;
        lenses.push(new vscode.CodeLens(range, { title, tooltip: lensTooltip(block), command: CommandId.runBlock, arguments: args }));
        lenses.push(new vscode.CodeLens(range, { title: 'Run in Terminal', command: CommandId.runBlockInTerminal, arguments: args }));
      }
      lenses.push(new vscode.CodeLens(range, { title: 'Copy', command: CommandId.copyBlock, arguments: args }));
      const last = this.runs.lastRun(document.uri, block.name);
      if (last) {
        const mark = last.result.passed ? '$(pass-filled)' : '$(error)';
        lenses.push(
          new vscode.CodeLens(range, {
            title: `${mark} ${last.finishedAt.toLocaleTimeString()} · ${(last.result.durationMs / 1000).toFixed(1)} s`,
            tooltip: 'Show the output of the last run',
            command: CommandId.showRunOutput,
          }),
        );
      }
    }
    if (trusted) {
      parsed.doc.headings.forEach((heading, index) => {
        const checks = blocksInSection(parsed.doc, parsed.blocks, heading.text).filter((b) => b.kind === 'check');
        if (heading.depth > 1 && checks.length > 1) {
          lenses.push(
            new vscode.CodeLens(at(heading.line), {
              title: `$(run-all) Run ${checks.length} checks in section`,
              command: CommandId.runSection,
              arguments: [document.uri, index],
            }),
          );
        }
      });
    }
    return lenses;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

/** Why the block is a check or a change, and what of it runs. */
function lensTooltip(block: RunnableBlock): string {
  const notes = [block.kindReason];
  if (block.prompted) notes.push('Runs the commands after the prompts; the other lines are sample output.');
  for (const invalid of block.invalidAttributes ?? []) notes.push(`Will not run: ${invalid.message}`);
  return notes.join('\n');
}
