import type { AttributeValue, CodeBlock, DocModel } from '../doc-model';
import { findInputs } from './block-inputs';
import { classifyScript } from './classify-command';
import { ruleFor } from './command-rules';
import { commandsFromBlock } from './console-prompt';
import { readTimeoutAttribute } from '../block-attributes';
import { parseExpectation } from './expectation';
import { resolveBlockCwd } from './safe-cwd';
import type { BlockKind, RunnableBlock } from './types';

/** Fence languages whose blocks can be run, before any configured extra ones. */
export const RUNNABLE_LANGUAGES: readonly string[] = ['sh', 'bash', 'zsh', 'shell', 'console', 'shell-session', 'shellsession', 'terminal'];

/** Options for `runnableBlocks`. */
export interface RunnableBlockOptions {
  /** More fence languages to treat as shell (e.g. from the `runbooks.run.extraLanguages` setting); case-insensitive. */
  extraLanguages?: readonly string[];
}

const CHECK_KINDS = ['check', 'read-only', 'readonly'];
const CHANGE_KINDS = ['change', 'write', 'mutating'];

/**
 * The blocks of a document that can be run, in document order, with everything needed to run
 * them safely. A block is runnable when its language is one of `RUNNABLE_LANGUAGES` or
 * `extraLanguages` and it is not marked `ignore=true` (our `{ignore}` / `{ignore=true}` and Runme's
 * `{"ignore":true}` both arrive as `attributes.ignore === true`; Runme's `excludeFromRunAll` does
 * not count as ignore).
 *
 * - `name`: the `name` attribute, else `<section-slug>-<n>` with n counting the section's runnable
 *   blocks from 1, or `block-<index+1>` before any heading.
 * - `kind`: from `kind` (`check`/`read-only`/`readonly` or `change`/`write`/`mutating`), else the
 *   classifier's. Any other `kind` value counts as a change, with a warning.
 * - `script`: the command lines (`commandsFromBlock`): after the prompts when the block is written as a
 *   terminal session (`prompted` then counts the sample-output lines left out), else the block as is.
 * - `cwd`: the `cwd` attribute, default `.`; `timeoutSeconds`: the `timeout` attribute read by
 *   `parseDuration` (`90`, `2s`, `5m`, `1h30m`, `1500ms`), else undefined (the setting's default
 *   applies); a `timeout` that does not parse is in `invalidAttributes` and the block must not run.
 *   `confirm` / `interactive`: true only when set to true.
 * - `expect`: from `parseExpectation`.
 * - `warnings`: attributes that were ignored and why. When the attributes could not be read at all,
 *   the block asks for confirmation (`confirm: true`): its author's intent is unknown.
 */
export function runnableBlocks(doc: DocModel, options: RunnableBlockOptions = {}): RunnableBlock[] {
  const languages = new Set([...RUNNABLE_LANGUAGES, ...(options.extraLanguages ?? []).map((lang) => lang.trim().toLowerCase())]);
  const perSection = new Map<number, number>();
  const blocks: RunnableBlock[] = [];
  for (const code of doc.codeBlocks) {
    if (!languages.has(code.lang) || code.attributes.ignore === true) continue;
    const index = blocks.length;
    const n = (perSection.get(code.section) ?? 0) + 1;
    perSection.set(code.section, n);
    blocks.push(toRunnable(doc, code, index, n));
  }
  return blocks;
}

function toRunnable(doc: DocModel, code: CodeBlock, index: number, n: number): RunnableBlock {
  const attributes = code.attributes;
  const warnings: string[] = [];
  if (code.attributeError) warnings.push(`The block's attributes could not be read (${code.attributeError}); it asks for confirmation before it runs.`);
  const commands = commandsFromBlock(code.lang, code.value);
  const script = commands.script;
  const kind = kindOf(attributes.kind, script, warnings);
  const expectation = parseExpectation(attributes.expect);
  if (expectation.error) warnings.push(`${expectation.error}; exit code 0 decides instead.`);
  const cwd = textAttribute(attributes.cwd) ?? '.';
  const cwdCheck = resolveBlockCwd(doc.path, cwd);
  if ('error' in cwdCheck) warnings.push(cwdCheck.error);
  const timeout = readTimeoutAttribute(attributes.timeout);
  const heading = code.section >= 0 ? doc.headings[code.section] : undefined;
  const block: RunnableBlock = {
    index,
    name: textAttribute(attributes.name) ?? (heading ? `${heading.slug || `section-${code.section + 1}`}-${n}` : `block-${index + 1}`),
    lang: code.lang,
    line: code.line,
    endLine: code.endLine,
    section: code.section,
    kind: kind.kind,
    kindReason: kind.reason,
    script,
    inputs: findInputs(script),
    cwd,
    confirm: attributes.confirm === true || code.attributeError !== undefined,
    interactive: attributes.interactive === true,
    expect: expectation.expect,
    attributes,
  };
  if (commands.prompted) block.prompted = { outputLines: commands.outputLines };
  if (timeout && 'seconds' in timeout) block.timeoutSeconds = timeout.seconds;
  if (timeout && 'error' in timeout) block.invalidAttributes = [{ name: 'timeout', message: timeout.error }];
  if (warnings.length) block.warnings = warnings;
  return block;
}

function kindOf(value: AttributeValue | undefined, script: string, warnings: string[]): { kind: BlockKind; reason: string } {
  if (value === undefined) return classifyScript(script, ruleFor);
  const written = String(value).trim().toLowerCase();
  if (CHECK_KINDS.includes(written)) return { kind: 'check', reason: `marked \`kind=${value}\`` };
  if (CHANGE_KINDS.includes(written)) return { kind: 'change', reason: `marked \`kind=${value}\`` };
  warnings.push(`\`kind=${value}\` is neither check nor change; the block counts as a change.`);
  return { kind: 'change', reason: `\`kind=${value}\` is neither check nor change, so it counts as a change` };
}

function textAttribute(value: AttributeValue | undefined): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * The block a selector names: a block whose name is exactly `selector`, else (when `selector` is a
 * whole number) the block with that index (from 0). Undefined when none matches.
 */
export function findBlock(blocks: readonly RunnableBlock[], selector: string): RunnableBlock | undefined {
  const wanted = selector.trim();
  const named = blocks.find((block) => block.name === wanted);
  if (named) return named;
  return /^\d+$/.test(wanted) ? blocks.find((block) => block.index === Number(wanted)) : undefined;
}

/**
 * The blocks under a heading, its sub-sections included, in document order. `headingText` matches
 * a heading's text case-insensitively or its slug (a leading `#` is ignored, so `#diagnosis` works).
 * When several headings match, the blocks of all of them are returned. Empty when none matches.
 */
export function blocksInSection(doc: DocModel, blocks: readonly RunnableBlock[], headingText: string): RunnableBlock[] {
  const wanted = headingText.trim().replace(/^#+\s*/, '').toLowerCase();
  const headings = doc.headings.filter((heading) => heading.text.trim().toLowerCase() === wanted || heading.slug === wanted);
  return blocks.filter((block) => headings.some((heading) => block.line >= heading.line && block.line <= heading.endLine));
}
