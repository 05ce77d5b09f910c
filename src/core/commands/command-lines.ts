import { shellCommands } from '../shell/shell-commands';

/** One simple command of a block, placed on the doc line where it starts. */
export interface CommandLine {
  /** The command's words as the classifier reads them: quotes removed, variables kept as `$NAME`. */
  words: string[];
  /** 1-based line of the doc the command starts on. */
  line: number;
  /** The doc line's text inside the block (prompt included), for finding a word's column. */
  text: string;
}

/** Blocks longer than this are not read for command drift (a pasted log, not commands). */
const MAX_SCRIPT_CHARS = 40_000;
/** A command (with its quotes and here-documents) spanning more lines than this is not read. */
const MAX_COMMAND_LINES = 200;

/**
 * The simple commands of a runnable block, each with the doc line it starts on, in order.
 *
 * `script` is the block's command text (`RunnableBlock.script`: prompts removed), `value` the block
 * as written (`CodeBlock.value`) and `fenceLine` its opening fence. Each script line is matched to
 * the first block line from the last match on that ends with it (a prompt only adds a prefix).
 * The script is read in the smallest runs of lines that shell-quote (the classifier's parser)
 * reads without problems: a quote or here-document spanning lines makes one run. A run that never
 * closes is left out, as are the commands inside substitutions of it (they start on its line).
 */
export function blockCommandLines(script: string, value: string, fenceLine: number): CommandLine[] {
  if (script.length > MAX_SCRIPT_CHARS) return [];
  const scriptLines = script.split('\n');
  const blockLines = value.split('\n');
  const placed: number[] = [];
  let cursor = 0;
  for (const text of scriptLines) {
    let at = cursor;
    while (at < blockLines.length && !blockLines[at]!.endsWith(text)) at++;
    if (at >= blockLines.length) at = Math.min(cursor, blockLines.length - 1);
    placed.push(at);
    cursor = at + 1;
  }
  const out: CommandLine[] = [];
  let start = 0;
  while (start < scriptLines.length) {
    let end = start;
    let commands: string[][] | undefined;
    for (; end < scriptLines.length && end - start < MAX_COMMAND_LINES; end++) {
      const chunk = scriptLines.slice(start, end + 1).join('\n');
      if (/(?:^|[^\\])(?:\\\\)*\\$/.test(chunk)) continue;
      const parsed = shellCommands(chunk);
      if (parsed.problems.length === 0) {
        commands = parsed.commands.map((c) => c.words);
        break;
      }
    }
    if (!commands) {
      // Unreadable from here on: what follows may be inside an unclosed quote.
      break;
    }
    const blockLine = placed[start] ?? 0;
    for (const words of commands) if (words.length) out.push({ words, line: fenceLine + 1 + blockLine, text: blockLines[blockLine] ?? '' });
    start = end + 1;
  }
  return out;
}
