import { definedFields } from '../../core/defined-fields';
import type { DocModel } from '../../core/doc-model';
import { placeFinding, RuleId } from '../../core/findings';
import { formatJson } from '../../core/findings/format-json';
import { runnableBlocks } from '../../core/runner/runnable-blocks';
import type { RunnableBlock } from '../../core/runner/types';
import { escapeControl } from '../../core/terminal-text';
import type { OutputFormat } from '../args';
import { version } from '../../../package.json';

/**
 * `runbooks blocks DOC`: the runnable blocks of the doc. JSON: the findings envelope (the doc's
 * `block.invalid-attribute` findings) with `path` and `blocks` rows `{index, name, lang, line,
 * kind, inputs}`, plus `prompted`/`outputLines`, `timeoutSeconds` and `invalidAttributes` when they apply.
 * `root`: the absolute root, for the envelope.
 */
export function renderBlocks(doc: DocModel, format: OutputFormat, root: string): string {
  const blocks = runnableBlocks(doc);
  if (format === 'json') {
    const findings = doc.findings.filter((f) => f.ruleId === RuleId.blockInvalidAttribute).map((f) => placeFinding(doc.path, f));
    return formatJson(findings, {
      command: 'blocks',
      version,
      root,
      summary: { blocks: blocks.length },
      data: { path: doc.path, blocks: blocks.map(blockRow) },
    });
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

/** One row of `blocks` in the JSON. */
function blockRow(b: RunnableBlock): Record<string, unknown> {
  return definedFields({
    index: b.index,
    name: b.name,
    lang: b.lang,
    line: b.line,
    kind: b.kind,
    inputs: b.inputs.map((i) => definedFields({ name: i.name, form: i.form, default: i.defaultValue, secret: i.secret })),
    prompted: b.prompted ? true : undefined,
    outputLines: b.prompted?.outputLines,
    timeoutSeconds: b.timeoutSeconds,
    invalidAttributes: b.invalidAttributes,
  });
}

/** Says that only the prompted lines run, and how many lines were taken for sample output. */
function promptNote(block: RunnableBlock): string[] {
  if (!block.prompted) return [];
  const { outputLines } = block.prompted;
  const output = outputLines === 0 ? '' : `; ${outputLines} line${outputLines === 1 ? '' : 's'} without a prompt taken as sample output, not run`;
  return [`runs the commands after the prompts${output}`];
}
