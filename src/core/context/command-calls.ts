import * as path from 'node:path';
import { shellCommands, SUBSTITUTION_WORD, ARITHMETIC_WORD } from '../shell/shell-commands';
import type { ToolCall } from './types';

/** Programs whose target the guard resolves. */
export const TARGET_TOOLS = new Set(['kubectl', 'oc', 'helm', 'aws', 'gcloud', 'az']);

const LEADING_KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'time', 'nohup', 'exec', 'command', 'builtin']);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/**
 * The calls of kubectl, oc, helm, aws, gcloud and az in a script, in order, each with the
 * environment it would run with: `env` (the run's, inputs included), then `NAME=value` and
 * `export NAME=value` statements before it and `NAME=value cmd` / `env NAME=value cmd` prefixes.
 * Context switches earlier in the script (`kubectl config use-context`, `kubectx`, `kubens`,
 * `oc project`) are carried to later calls. Variables in words are expanded from that environment
 * when they are plain (`$NS`, `${NS}`, `${NS:-x}`); other words stay as written.
 */
export function toolCalls(script: string, env: Readonly<Record<string, string>>): ToolCall[] {
  const scriptEnv: Record<string, string> = { ...env };
  const calls: ToolCall[] = [];
  let useContext: string | undefined;
  let useNamespace: string | undefined;
  for (const command of shellCommands(script).commands) {
    let words = command.words;
    while (words.length && LEADING_KEYWORDS.has(words[0]!)) words = words.slice(1);
    const local: Record<string, string> = {};
    let envUnknown: string | undefined;
    for (;;) {
      const assignment = words.length ? ASSIGNMENT.exec(words[0]!) : null;
      if (assignment) {
        local[assignment[1]!] = expandWord(assignment[2]!, { ...scriptEnv, ...local }) ?? assignment[2]!;
        words = words.slice(1);
        continue;
      }
      const program = words.length ? path.posix.basename(words[0]!) : '';
      if (program === 'env') {
        words = words.slice(1);
        while (words.length && words[0]!.startsWith('-')) words = words.slice(1);
        continue;
      }
      if (program === 'sudo' || program === 'doas') {
        envUnknown = `\`${program}\` runs it with another user's environment`;
        words = words.slice(1);
        while (words.length && words[0]!.startsWith('-')) words = words.slice(1);
        continue;
      }
      if (program === 'timeout') {
        words = words.slice(1);
        while (words.length && words[0]!.startsWith('-')) words = words.slice(1);
        words = words.slice(1);
        continue;
      }
      if (program === 'nice' || LEADING_KEYWORDS.has(program)) {
        words = words.slice(1);
        if (program === 'nice' && words[0] === '-n') words = words.slice(2);
        continue;
      }
      break;
    }
    if (words.length === 0) {
      Object.assign(scriptEnv, local);
      continue;
    }
    const program = path.posix.basename(words[0]!);
    const args = words.slice(1).map((word) => expandWord(word, { ...scriptEnv, ...local }) ?? word);
    if (program === 'export' || program === 'declare' || program === 'typeset') {
      for (const arg of args) {
        const assignment = ASSIGNMENT.exec(arg);
        if (assignment) scriptEnv[assignment[1]!] = assignment[2]!;
      }
      continue;
    }
    if (program === 'unset') {
      for (const arg of args) delete scriptEnv[arg];
      continue;
    }
    const switched = contextSwitch(program, args);
    if (switched) {
      if (switched.context !== undefined) {
        useContext = switched.context;
        useNamespace = undefined;
      }
      if (switched.namespace !== undefined) useNamespace = switched.namespace;
      continue;
    }
    if (!TARGET_TOOLS.has(program)) continue;
    const call: ToolCall = { tool: program, args, env: { ...scriptEnv, ...local } };
    if (useContext !== undefined) call.useContext = useContext;
    if (useNamespace !== undefined) call.useNamespace = useNamespace;
    if (envUnknown) call.envUnknown = envUnknown;
    calls.push(call);
  }
  return calls;
}

/** A command that switches the kube context or namespace for the commands after it; undefined for any other. */
function contextSwitch(program: string, args: string[]): { context?: string; namespace?: string } | undefined {
  const positional = args.filter((arg) => !arg.startsWith('-'));
  if ((program === 'kubectl' || program === 'oc') && positional[0] === 'config' && positional[1] === 'use-context' && positional[2]) {
    return { context: positional[2] };
  }
  if (program === 'kubectx' && positional[0] && positional[0] !== '-') return { context: positional[0] };
  if (program === 'kubens' && positional[0] && positional[0] !== '-') return { namespace: positional[0] };
  if (program === 'oc' && positional[0] === 'project' && positional[1]) return { namespace: positional[1] };
  return undefined;
}

/**
 * A word with its plain variables (`$NAME`, `${NAME}`, `${NAME:-default}`) replaced from `env`.
 * Undefined when the word holds anything that cannot be known here: a variable `env` lacks (and no
 * default), another `${…}` form, or a command substitution.
 */
export function expandWord(word: string, env: Readonly<Record<string, string>>): string | undefined {
  if (word.includes(SUBSTITUTION_WORD) || word.includes(ARITHMETIC_WORD)) return undefined;
  let unknown = false;
  const expanded = word.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*)|(\{[^}]*\}|.))/g, (whole, braced?: string, fallback?: string, plain?: string, other?: string) => {
    if (other !== undefined) {
      unknown = true;
      return whole;
    }
    const value = env[(braced ?? plain)!];
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback;
    if (value === '') return '';
    unknown = true;
    return whole;
  });
  return unknown ? undefined : expanded;
}
