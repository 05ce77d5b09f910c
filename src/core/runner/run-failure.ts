/**
 * Why a run failed, in words people can act on: which command of which pipeline failed, or which
 * path a sandboxed check tried to write.
 */
import type { CommandFailure } from '../shell-port';
import type { FailedCommand, RunResult, WriteAttempt } from './types';

export type { FailedCommand, WriteAttempt } from './types';

/**
 * Names the failing command from the shell's report: the first command of the pipeline with a
 * status other than 0 and SIGPIPE (141), taken from the script's line when it splits into as many
 * commands as the pipeline had; otherwise the command bash was running (`$BASH_COMMAND`).
 */
export function nameFailedCommand(script: string, failure: CommandFailure): FailedCommand {
  const statuses = failure.pipeStatus.length > 0 ? failure.pipeStatus : [failure.exitCode];
  let index = statuses.findIndex((status) => status !== 0 && status !== 141);
  if (index < 0) index = statuses.findIndex((status) => status !== 0);
  if (index < 0) index = statuses.length - 1;
  const lineText = script.split('\n')[failure.line - 1] ?? '';
  const members = splitPipeline(lineText);
  const fromLine = members && members.length === statuses.length ? members[index] : undefined;
  const text = fromLine ?? (index === statuses.length - 1 ? failure.command : undefined) ?? failure.command;
  return {
    text: text.trim(),
    exitCode: statuses[index] ?? failure.exitCode,
    line: failure.line,
    ...(statuses.length > 1 ? { pipeline: { index: index + 1, of: statuses.length } } : {}),
  };
}

/**
 * The commands of a one-line pipeline, split at top-level `|` and `|&` (not `||`, not inside quotes,
 * substitutions or parentheses). Undefined when the line holds a list (`;`, `&&`, `||`, `&`), a
 * comment after code that cannot be told apart, or unbalanced quoting: then the line is not one pipeline.
 */
export function splitPipeline(line: string): string[] | undefined {
  const members: string[] = [];
  let start = 0;
  let depth = 0;
  let quote: '"' | "'" | '`' | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '$' && line[i + 1] === '(') return undefined; // a substitution in quotes: too much to follow here
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
    else if (depth === 0 && (c === ';' || c === '&')) {
      if (c === '&' && (line[i - 1] === '>' || line[i + 1] === '>' || line[i - 1] === '<')) continue; // 2>&1, &>file
      return undefined;
    } else if (depth === 0 && c === '|') {
      if (line[i + 1] === '|') return undefined;
      members.push(line.slice(start, i));
      if (line[i + 1] === '&') i++;
      start = i + 1;
    }
  }
  if (quote || depth !== 0) return undefined;
  const last = line.slice(start).replace(/\s+#.*$/, '');
  members.push(last);
  return members.map((m) => m.trim());
}

/** `the first command of 3 in its pipeline` and the like, for {@link describeFailedCommand}. */
function place(pipeline: FailedCommand['pipeline']): string {
  if (!pipeline) return '';
  const ordinal = ['first', 'second', 'third', 'fourth', 'fifth'][pipeline.index - 1] ?? `#${pipeline.index}`;
  return `, the ${ordinal} of ${pipeline.of} commands in its pipeline`;
}

/** One phrase: `` `cat missing.txt` failed (exit 1) on line 2, the first of 3 commands in its pipeline ``. */
export function describeFailedCommand(failed: FailedCommand): string {
  return `${inlineCode(failed.text)} failed (exit ${failed.exitCode}) on line ${failed.line}${place(failed.pipeline)}`;
}

/** The message for a refused write: this check tried to write `X`: it is a change — mark it `kind=change`. */
export function describeWriteAttempt(attempt: WriteAttempt): string {
  const what = attempt.path ? inlineCode(attempt.path) : 'a file';
  return `this check tried to write ${what}: it is a change — mark it \`kind=change\``;
}

/**
 * Finds a write the read-only sandbox refused, from the errors in the output: a line that ends in
 * `Read-only file system` (EROFS) in the shape programs print errors (`prog: …: Read-only file
 * system`, `bash: path: Read-only file system`). The path is the quoted one, else the last
 * absolute or relative path before the error. Undefined when there is none.
 */
export function findWriteAttempt(output: string): WriteAttempt | undefined {
  for (const raw of output.split('\n')) {
    const line = raw.trimEnd();
    const at = line.search(/:? ?Read-only file system$/);
    if (at < 0 || !/^[\w.\-/ ]+:/.test(line)) continue;
    const before = line.slice(0, at);
    const quoted = [...before.matchAll(/['‘`"]([^'’`"]+)['’`"]/g)].map((m) => m[1]!);
    const paths = [...before.matchAll(/(?:^|[\s:])((?:\/|\.{1,2}\/|~\/)[^\s:'"]*|[\w.-]+\/[^\s:'"]*)/g)].map((m) => m[1]!);
    const bare = /: ([^\s:'"‘’]+)$/.exec(before)?.[1];
    const path = quoted[quoted.length - 1] ?? paths[paths.length - 1] ?? bare;
    // sed -i writes a temporary file beside its target first: name the folder it wanted to change.
    return path ? { path: path.replace(/\/sed[A-Za-z0-9]{6}$/, '/') } : {};
  }
  return undefined;
}

function inlineCode(text: string): string {
  const oneLine = text.replace(/\s*\n\s*/g, ' ');
  const fence = oneLine.includes('`') ? '``' : '`';
  const pad = fence === '``' ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

/**
 * The tool a run could not start, from a 127 ("command not found") or 126 ("not executable")
 * exit status and the shell's message in the output (`bash: line 1: oc: command not found`,
 * `sh: 1: oc: not found`, `bash: ./x.sh: Permission denied`), else the first word of the failed
 * command. Undefined for any other failure: then the check itself failed.
 */
export function findMissingTool(output: string, exitCode: number | null, failed?: FailedCommand): { tool: string; notExecutable: boolean } | undefined {
  const status = failed?.exitCode ?? exitCode;
  if (status !== 127 && status !== 126) return undefined;
  const notExecutable = status === 126;
  const pattern = notExecutable ? /(?:^|\n)[^\n]*?([^\s:]+): Permission denied/ : /(?:^|\n)[^\n]*?([^\s:]+): (?:command )?not found/;
  const tool = pattern.exec(output)?.[1] ?? /^\s*(?:\w+=\S*\s+)*([^\s|;&<>()]+)/.exec(failed?.text ?? '')?.[1];
  return tool ? { tool, notExecutable } : undefined;
}

/** "tool missing: `oc` is not on PATH", or "tool not executable: `./x.sh`". */
export function describeMissingTool(missing: { tool: string; notExecutable: boolean }): string {
  return missing.notExecutable ? `tool not executable: \`${missing.tool}\` cannot be run (permission denied)` : `tool missing: \`${missing.tool}\` is not on PATH`;
}

/** Why a finished run failed, in one phrase, when more is known than its exit status; else undefined. */
export function failureReason(result: RunResult): string | undefined {
  if (result.writeAttempt) return describeWriteAttempt(result.writeAttempt);
  const missing = result.passed ? undefined : findMissingTool(result.output, result.exitCode, result.failedCommand);
  if (missing) return describeMissingTool(missing);
  if (result.failedCommand) return describeFailedCommand(result.failedCommand);
  return undefined;
}
