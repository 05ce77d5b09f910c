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

/** One column name of a table header: upper-case words (`NAME`, `CLUSTER-IP`, `PORT(S)`, `NOMINATED NODE`). */
const HEADER_CELL = /^[A-Z][A-Z0-9_()%/.:#-]*(?: [A-Z][A-Z0-9_()%/.:#-]*)*$/;

/**
 * True when `line` is the column header of a command's sample output (`NAME   READY   STATUS`, as
 * `kubectl get`, `docker ps` and the like print): two or more upper-case column names apart by two
 * or more spaces or a tab, nothing else. No command looks so: one starts with a lower-case name, a
 * path or an assignment (`A=1  ./x` has an `=`).
 */
export function isOutputHeader(line: string): boolean {
  const cells = line.trim().split(/ {2,}|\t+/);
  return cells.length >= 2 && cells.every((c) => HEADER_CELL.test(c));
}

/** A placeholder of several words in angle brackets (`<my custom registry uri>`, `<cluster name>`), not redirections (`<in.txt 2>err.log`). */
const MULTI_WORD_PLACEHOLDER = /<[A-Za-z][\w.-]*(?: [\w.-]+)+>(?![\w/.~$-])/;

/** A here-document operator and its delimiter word (`<<EOF`, `<<-'EOF'`, `<< "END"`); not a here-string (`<<<`). */
const HERE_DOC = /(?<!<)<<(-?)[ \t]*(['"]?)([A-Za-z_][\w.-]*)\2(?!<)/g;

/**
 * The indexes of `lines` that are the body of a here-document: from the line after the operator to
 * the line before its delimiter. An operator whose delimiter never comes is not counted (it may be
 * `<<` inside quotes or prose), so what follows is read as before.
 */
function hereDocBodies(lines: string[]): Set<number> {
  const bodies = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    if (bodies.has(i)) continue;
    let next = i + 1;
    for (const m of lines[i]!.matchAll(HERE_DOC)) {
      const strip = m[1] === '-';
      const word = m[3]!;
      let end = next;
      while (end < lines.length && (strip ? lines[end]!.replace(/^\t+/, '') : lines[end]) !== word) end++;
      if (end >= lines.length) break;
      for (let b = next; b < end; b++) bodies.add(b);
      next = end + 1;
    }
  }
  return bodies;
}

/** What `kubectl apply/create/delete…` prints for each object: `kind[.group]/name verb` (`service/web created`). */
const KUBECTL_RESULT = /^\s*[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*\/[\w.:-]+ (?:created|configured|unchanged|deleted|patched|labeled|annotated|scaled|restarted|rolled back|cordoned|uncordoned|drained|evicted|exposed|replaced|edited|tainted|untainted|serverside-applied|condition met|paused|resumed)(?: \([^)]*\))?\s*$/;

/** True when `line` is what kubectl printed for one object (`deployment.apps/web configured`), not a command. */
export function isKubectlResult(line: string): boolean {
  return KUBECTL_RESULT.test(line);
}

/**
 * The simple commands of a runnable block, each with the doc line it starts on, in order.
 *
 * `script` is the block's command text (`RunnableBlock.script`: prompts removed), `value` the block
 * as written (`CodeBlock.value`) and `fenceLine` its opening fence. Each script line is matched to
 * the first block line from the last match on that ends with it (a prompt only adds a prefix).
 * The script is read in the smallest runs of lines that shell-quote (the classifier's parser)
 * reads without problems: a quote or here-document spanning lines makes one run. A run that never
 * closes is left out, as are the commands inside substitutions of it (they start on its line).
 * From a line that is the column header of sample output on (`isOutputHeader`: a block of `kubectl
 * get` output pasted without prompts), the block is output: nothing more is read (a line of a
 * here-document's body is the command's input, never such a header); a command holding a
 * placeholder of several words (`<my custom registry uri>`) is a template: no words are read from it; a line kubectl
 * printed for one object (`isKubectlResult`) is output too.
 */
export function blockCommandLines(script: string, value: string, fenceLine: number): CommandLine[] {
  if (script.length > MAX_SCRIPT_CHARS) return [];
  const all = script.split('\n');
  const bodies = hereDocBodies(all);
  const header = all.findIndex((line, i) => !bodies.has(i) && isOutputHeader(line));
  const scriptLines = header < 0 ? all : all.slice(0, header);
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
  // Placed as written, then read without the output lines.
  for (let i = 0; i < scriptLines.length; i++) if (isKubectlResult(scriptLines[i]!)) scriptLines[i] = '';
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
        // A template the reader fills in (`make IMAGE_REGISTRY=<my custom registry uri>`) reads as redirections and stray words.
        commands = MULTI_WORD_PLACEHOLDER.test(chunk) ? [] : parsed.commands.map((c) => c.words);
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
