import type { RunnableBlock } from '../../core/runner/types';
import { escapeControl } from '../../core/terminal-text';
import type { OutputFormat } from '../args';

/**
 * `runbooks blocks DOC`: the runnable blocks; JSON rows `{index, name, lang, line, kind, inputs}`,
 * plus `prompted`/`outputLines`, `timeoutSeconds` and `invalidAttributes` when they apply.
 */
export function renderBlocks(blocks: RunnableBlock[], format: OutputFormat): string {
  if (format === 'json') {
    return JSON.stringify(
      blocks.map((b) => ({
        index: b.index,
        name: b.name,
        lang: b.lang,
        line: b.line,
        kind: b.kind,
        inputs: b.inputs.map((i) => ({ name: i.name, form: i.form, ...(i.defaultValue !== undefined ? { default: i.defaultValue } : {}), secret: i.secret })),
        ...(b.prompted ? { prompted: true, outputLines: b.prompted.outputLines } : {}),
        ...(b.timeoutSeconds !== undefined ? { timeoutSeconds: b.timeoutSeconds } : {}),
        ...(b.invalidAttributes ? { invalidAttributes: b.invalidAttributes } : {}),
      })),
      null,
      2,
    );
  }
  if (blocks.length === 0) return 'No runnable blocks (sh, bash, zsh, shell, console) in this document.';
  return blocks
    .map((b) => {
      const inputs = b.inputs.length ? `  inputs: ${b.inputs.map((i) => (i.form === 'placeholder' ? `<${i.name}>` : `$${i.name}`)).join(' ')}` : '';
      const notes = [b.kindReason, ...promptNote(b), ...(b.invalidAttributes ?? []).map((a) => `NOT RUNNABLE: ${a.message}`)];
      return `${String(b.index).padStart(2)}  ${escapeControl(b.name)}  line ${b.line}  ${escapeControl(b.lang)}  ${b.kind === 'change' ? 'CHANGE' : 'check'}${escapeControl(inputs)}\n${notes.map((n) => `    ${escapeControl(n)}`).join('\n')}`;
    })
    .join('\n');
}

/** Says that only the prompted lines run, and how many lines were taken for sample output. */
function promptNote(block: RunnableBlock): string[] {
  if (!block.prompted) return [];
  const { outputLines } = block.prompted;
  const output = outputLines === 0 ? '' : `; ${outputLines} line${outputLines === 1 ? '' : 's'} without a prompt taken as sample output, not run`;
  return [`runs the commands after the prompts${output}`];
}
