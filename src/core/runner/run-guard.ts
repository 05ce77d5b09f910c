import type { RunnableBlock } from './types';

export type { Confirmation } from './types';
import { declaredTarget, declaresTarget, isProduction } from '../context/declared-target';
import { checkTargets, confirmationName, describeWhere, overrideName, type TargetIssue } from '../context/guard';
import type { CommandTarget, DeclaredTarget } from '../context/types';

/** A run the context guard stops: the issues, and the name to type to run it anyway. */
export interface TargetRefusal {
  block: RunnableBlock;
  issues: TargetIssue[];
  /** The refusal for people: every issue, one a line, then how to get past it. */
  message: string;
  /** What `--context-override` or "Run anyway" must be given: where it would really run (see `overrideName`). */
  overrideName: string;
}

/** What the guard decided for a run that may go ahead. */
export interface GuardPass {
  declared: DeclaredTarget;
  targets: CommandTarget[];
  /** `describeWhere` of the targets; undefined when no command acts in a kube context or cloud. */
  where?: string;
  /** True when the run needs the typed confirmation (a change block in `environment: production`). */
  typedConfirmation?: { name: string };
  /** Set when an override let a mismatch through. */
  overridden?: string;
}

/**
 * Checks a planned script against the target its runbook and block declare. `found` is where the
 * script's commands act (`commandTargets` of the script, with the run's environment and the
 * machine's tool config), undefined when the tool config cannot be read (nothing can be known, so
 * a declared target refuses). `override` is a name given up front (`--context-override`).
 * Returns `{ refusal }` when a command would act outside the declared target (or where is unknown)
 * and `override` does not name where it would really run; else what was found.
 */
export function guardScript(
  doc: { frontMatter?: Record<string, unknown> },
  block: RunnableBlock,
  found: CommandTarget[] | undefined,
  override: string | undefined,
): { pass: GuardPass } | { refusal: TargetRefusal } {
  const declared = declaredTarget(doc.frontMatter, block.attributes);
  const readable = found !== undefined;
  const targets = found ?? [];
  const pass: GuardPass = { declared, targets };
  const where = describeWhere(targets);
  if (where) pass.where = where;
  if (declaresTarget(declared)) {
    const issues = readable ? checkTargets(declared, targets) : [unreadableIssue(declared)];
    if (issues.length) {
      const name = overrideName(issues);
      if (override !== name) return { refusal: refusalOf(block, issues, name, override) };
      pass.overridden = name;
    }
  }
  if (block.kind === 'change' && isProduction(declared)) pass.typedConfirmation = { name: confirmationName(declared, targets) };
  return { pass };
}

function unreadableIssue(declared: DeclaredTarget): TargetIssue {
  const [key, value] = Object.entries(declared.values)[0]! as [TargetIssue['key'], NonNullable<DeclaredTarget['values'][TargetIssue['key']]>];
  const reason = 'the tools\' configuration cannot be read here';
  return { key, declared: value, command: 'the block', reason, message: `this ${value.from} declares a target, but ${reason}. Unknown counts as a mismatch.` };
}

function refusalOf(block: RunnableBlock, issues: TargetIssue[], name: string, override: string | undefined): TargetRefusal {
  const lines = [...new Set(issues.map((issue) => issue.message))];
  const wrong = override !== undefined ? ` The override \`${override}\` does not name it.` : '';
  const message = `Not run: ${lines.join(' ')}${wrong} To run it anyway, give the name \`${name}\` (CLI: --context-override ${name}; editor: "Run anyway").`;
  return { block, issues, message, overrideName: name };
}
