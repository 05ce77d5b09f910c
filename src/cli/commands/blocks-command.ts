import type { RunnableBlock } from '../../core/runner/types';
import type { OutputFormat } from '../args';

/** `runbooks blocks DOC`: the runnable blocks; JSON rows `{index, name, lang, line, kind, inputs}`. */
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
      })),
      null,
      2,
    );
  }
  if (blocks.length === 0) return 'No runnable blocks (sh, bash, zsh, shell, console) in this document.';
  return blocks
    .map((b) => {
      const inputs = b.inputs.length ? `  inputs: ${b.inputs.map((i) => (i.form === 'placeholder' ? `<${i.name}>` : `$${i.name}`)).join(' ')}` : '';
      return `${String(b.index).padStart(2)}  ${b.name}  line ${b.line}  ${b.lang}  ${b.kind === 'change' ? 'CHANGE' : 'check'}${inputs}\n    ${b.kindReason}`;
    })
    .join('\n');
}
