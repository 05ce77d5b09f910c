import { because, isDeviceTarget, ok, unknown, type Rule, type RuleContext, type Verdict } from './rule-verdicts';
import { ARITHMETIC_WORD, shellCommands, SUBSTITUTION_WORD, type Redirect, type SimpleCommand } from '../shell/shell-commands';
import { assignmentDanger, nameDanger } from './shell-builtins';
import type { BlockKind } from './types';

/** The classifier's decision for a script, with a reason that names the deciding command. */
export interface CommandClass {
  kind: BlockKind;
  /**
   * For `change`: why, naming the first command that is not read-only ("`kubectl delete` changes state",
   * "writes to /tmp/x with `>`", "`foo.sh` is not known to be read-only").
   * For `check`: the read-only commands it runs ("only reads: `kubectl get`, `grep`").
   */
  reason: string;
}

/** How deep `sh -c`, `ssh host '…'`, `watch '…'` and `eval` may nest before the script counts as unreadable. */
const MAX_DEPTH = 8;

/** The rule of a command's base name, undefined when the command is not known. */
export type RuleLookup = (name: string) => Rule | undefined;

/** Reserved words that lead into the command proper (`if kubectl get …`, `do …`, `! grep …`). */
const LEADING_KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'esac']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=/;

/**
 * Decides whether a script only reads (`check`) or may change something (`change`).
 *
 * A script is a check only when every simple command in it, those inside `$(…)`, pipelines,
 * `sh -c '…'`, `ssh host '…'`, `kubectl exec … -- …` and the like included, is known to be
 * read-only, and no redirection writes a file (`/dev/null` and friends are fine). Anything not
 * known counts as a change: a script's name (`check-disk.sh`) says nothing about what it does.
 * Variables are never expanded: a command named by `$CMD` counts as a change. `ruleFor` gives the
 * rule of a command's base name, undefined for a command not known (the table of `command-rules.ts`).
 */
export function classifyScript(script: string, ruleFor: RuleLookup): CommandClass {
  const verdict = scriptVerdict(script, 0, ruleFor);
  if (!verdict.readOnly) return { kind: 'change', reason: verdict.reason };
  const labels = [...new Set(verdict.labels)];
  return { kind: 'check', reason: labels.length ? `only reads: ${labels.map((label) => `\`${label}\``).join(', ')}` : 'runs no commands' };
}

function scriptVerdict(script: string, depth: number, ruleFor: RuleLookup): Verdict {
  if (depth > MAX_DEPTH) return because('nests shells too deeply to be read');
  const { commands, problems, arithmetic } = shellCommands(script);
  if (problems.length) return because(`cannot be read safely: ${problems[0]}`);
  const evaluated = arithmeticVerdict(commands, arithmetic);
  if (evaluated) return evaluated;
  const labels: string[] = [];
  let caseDepth = 0;
  let inTest = false;
  for (const command of commands) {
    for (const redirect of command.redirects) {
      const verdict = redirectVerdict(redirect);
      if (verdict) return verdict;
    }
    const words = command.words;
    // `[[ -n $a && -f $b ]]` reaches us split at the `&&`: the pieces up to `]]` are part of the test.
    if (inTest) {
      const test = testVerdict(words);
      if (test) return test;
      if (words.includes(']]')) inTest = false;
      continue;
    }
    let i = 0;
    for (; i < words.length && LEADING_KEYWORDS.has(words[i]!); i++) if (words[i] === 'esac') caseDepth = Math.max(0, caseDepth - 1);
    const rest = words.slice(i);
    if (!rest.length) continue;
    if (rest[0] === 'case') {
      caseDepth++;
      continue;
    }
    // `pattern)` of a case statement; `for x in …` and `select` headers (their substitutions are commands of their own).
    if ((caseDepth > 0 && command.terminator === ')') || rest[0] === 'for' || rest[0] === 'select') continue;
    if (rest[0] === 'function') return because(`defines the function \`${rest[1] ?? ''}\`, which runs code under a command's name`);
    if (command.terminator === '(' && rest.length === 1) return because(`defines the function \`${rest[0]}\`, which runs code under a command's name`);
    if (rest[0] === 'coproc') return because('`coproc` starts a command in the background');
    if (rest[0] === '[[') {
      const test = testVerdict(rest);
      if (test) return test;
      if (!rest.includes(']]')) inTest = true;
      labels.push('[[');
      continue;
    }
    const verdict = argvVerdict(rest, depth, ruleFor);
    if (!verdict.readOnly) return verdict;
    labels.push(...verdict.labels);
  }
  return { readOnly: true, labels };
}

function argvVerdict(argv: string[], depth: number, ruleFor: RuleLookup): Verdict {
  if (depth > MAX_DEPTH) return because('nests commands too deeply to be read');
  let i = 0;
  for (; i < argv.length && ASSIGNMENT.test(argv[i]!); i++) {
    const danger = assignmentDanger(argv[i]!);
    if (danger) return because(danger);
  }
  if (i >= argv.length) return ok('variable assignment');
  const [name, ...args] = argv.slice(i) as [string, ...string[]];
  if (name === ARITHMETIC_WORD) return ok('arithmetic');
  if (name.includes(SUBSTITUTION_WORD)) return because('runs a command named by the output of a `$(…)` substitution');
  if (name.includes('$')) return because(`runs a command named by \`${name}\``);
  const base = name.slice(name.lastIndexOf('/') + 1);
  const rule = base ? ruleFor(base) : undefined;
  if (!rule) return unknown(name);
  const ctx: RuleContext = {
    name: base,
    argv: (inner) => argvVerdict(inner, depth + 1, ruleFor),
    script: (text) => scriptVerdict(text, depth + 1, ruleFor),
  };
  return rule(args, ctx);
}

function redirectVerdict(redirect: Redirect): Verdict | undefined {
  const { op, target } = redirect;
  if (['<', '<<', '<<-', '<<<', '<&'].includes(op)) return undefined;
  // `2>&1`, `>&-`: duplicating or closing a descriptor writes nothing.
  if (op === '>&' && /^(?:\d+|-)$/.test(target)) return undefined;
  if (isDeviceTarget(target)) return undefined;
  if (target.includes(SUBSTITUTION_WORD)) return because(`writes to a file named by a substitution with \`${op}\``);
  if (op === '<>') return because(`opens ${target} for writing with \`<>\``);
  return because(`writes to ${target || 'a file'} with \`${op}\``);
}

/** Operators of `[[ … ]]` whose operands are evaluated as arithmetic. */
const ARITHMETIC_TEST = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

/** A piece of `[[ … ]]`: `-v NAME` and arithmetic operands evaluate subscripts, which can run commands. */
function testVerdict(words: string[]): Verdict | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '-v' && words[i + 1] !== undefined) {
      const danger = nameDanger(words[i + 1]!, '[[ -v');
      if (danger) return because(danger);
    }
    if (ARITHMETIC_TEST.has(word)) {
      for (const operand of [words[i - 1], words[i + 1]]) {
        if (operand !== undefined && /[[`]|\$\(/.test(operand)) return because(`\`[[ … ${word} … ]]\` evaluates \`${operand}\` as arithmetic, whose subscripts can run commands`);
      }
    }
  }
  return undefined;
}

/**
 * Arithmetic evaluates the text of variables and subscripts again, and runs any `$(…)` in it: a block
 * with arithmetic (`(( ))`, `$(( ))`, `let`, `[[ -eq ]]`) must not hold quoted `$(…)` text anywhere,
 * and its expressions must not index arrays with anything but plain words.
 */
function arithmeticVerdict(commands: SimpleCommand[], arithmetic: string[]): Verdict | undefined {
  for (const expression of arithmetic) {
    if (/\[[^\]]*[$`'"\\]/.test(expression)) return because(`arithmetic \`${expression.trim()}\` evaluates a subscript that can run commands`);
  }
  const evaluates = arithmetic.length > 0 || commands.some((c) => c.words.includes('let') || c.words.some((w) => ARITHMETIC_TEST.has(w)));
  if (!evaluates) return undefined;
  for (const command of commands) {
    const code = command.words.find((word) => /\$\(|`/.test(word));
    if (code !== undefined) return because(`holds the text \`${code}\` where arithmetic can evaluate it and run the command`);
  }
  return undefined;
}
