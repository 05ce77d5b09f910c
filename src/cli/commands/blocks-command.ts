import { definedFields } from '../../core/defined-fields';
import type { DocModel } from '../../core/doc-model';
import { placeFinding, RuleId } from '../../core/findings';
import { formatGithub } from '../../core/findings/format-github';
import { formatJson } from '../../core/findings/format-json';
import { formatSarif } from '../../core/findings/format-sarif';
import { ruleInfo } from '../../core/findings/rule-table';
import { runnableBlocks } from '../../core/runner/runnable-blocks';
import type { RunnableBlock } from '../../core/runner/types';
import { escapeControl } from '../../core/terminal-text';
import type { FindingsFormat } from '../args';
import { version } from '../../../package.json';

/**
 * `runbooks blocks DOC`: the runnable blocks of the doc. JSON: the findings envelope (the doc's
 * `block.invalid-attribute` findings) with `path` and `blocks` rows `{index, name, lang, line,
 * kind, inputs}`, plus `prompted`/`outputLines`, `timeoutSeconds` and `invalidAttributes` when they apply.
 * GitHub: those findings as workflow commands, then the text listing; SARIF: those findings.
 * `root`: the absolute root, for the envelope; `repoPrefix`: the root's path in its repository
 * (for GitHub and SARIF paths).
 */
export function renderBlocks(doc: DocModel, format: FindingsFormat, root: string, repoPrefix = ''): string {
  const blocks = runnableBlocks(doc);
  const findings = doc.findings.filter((f) => f.ruleId === RuleId.blockInvalidAttribute).map((f) => placeFinding(doc.path, f));
  if (format === 'sarif') return JSON.stringify(formatSarif(findings, { version, rules: [ruleInfo(RuleId.blockInvalidAttribute)!], repoPrefix }), null, 2);
  if (format === 'github') return [...formatGithub(findings, { repoPrefix, command: 'blocks' }), listing(blocks)].join('\n');
  if (format === 'json') {
    return formatJson(findings, {
      command: 'blocks',
      version,
      root,
      summary: { blocks: blocks.length },
      data: { path: doc.path, blocks: blocks.map(blockRow) },
    });
  }
  return listing(blocks);
}

/** The text listing: one line per block, then its notes. */
function listing(blocks: readonly RunnableBlock[]): string {
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
