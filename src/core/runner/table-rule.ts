/** Rules built from option tables: the command reads only when every option is in its table and none is refused. */

import { deniedOption, optionTable, parseWithTable, type Denial, type OptionTable, type ParsedArgs, type TableStyle } from './option-table';
import { because, isDeviceTarget, ok, type Rule, type RuleContext, type Verdict } from './rule-verdicts';

/** GNU getopt_long tools: options anywhere, long options abbreviable. */
export const GNU: TableStyle = { abbreviations: true };

/**
 * A rule that reads `args` against `table`: an option not in it, an ambiguous abbreviation or a refused
 * option makes the command a change, with the option named; then `then` may judge the operands.
 */
export function tableRule(table: OptionTable, then?: (parsed: ParsedArgs, ctx: RuleContext) => Verdict | undefined): Rule {
  return (args, ctx) => {
    const verdict = tableVerdict(args, table, ctx.name);
    if (verdict) return verdict;
    return then?.(parseWithTable(args, table), ctx) ?? ok(ctx.name);
  };
}

/** The change verdict for `args` read against `table` (unknown, ambiguous or refused option), or undefined when they pass. */
export function tableVerdict(args: readonly string[], table: OptionTable, label: string): Verdict | undefined {
  const parsed = parseWithTable(args, table);
  if (parsed.error) return because(`\`${label} ${parsed.error.option}\` ${parsed.error.message}`);
  const denied = deniedOption(parsed, label);
  return denied ? because(denied) : undefined;
}

/** A rule from table text: `table('-n|--lines= -q', { '-o|--output=': writesTo }, GNU)`. */
export function table(allowed: string, denied: Record<string, Denial> = {}, style: TableStyle = {}, then?: (parsed: ParsedArgs, ctx: RuleContext) => Verdict | undefined): Rule {
  return tableRule(optionTable(allowed, denied, style), then);
}

/** Denial for an option whose value is an output file: `-`, `/dev/null` and friends are harmless. */
export const writesTo: Denial = (value) => (value === undefined || value === '-' || isDeviceTarget(value) ? undefined : 'writes a file');

/** Denial for an option that names a config file: one from the workspace (a relative path) can run programs. */
export const configFrom = (what: string) => (value: string | undefined): string | undefined => {
  if (value === undefined) return `reads ${what} from a file that cannot be read`;
  if (/^(?:\/|~|\$HOME\b|\$\{HOME\}|\$[A-Z_]+$|\$\{[A-Z_]+\}$)/.test(value) && !/(?:^|\/)\.\.(?:\/|$)/.test(value)) return undefined;
  return `reads ${what} from the workspace (\`${value}\`), which can run a program`;
};

/** A rule that accepts any arguments: for tools with no option that writes a file or runs a program. */
export const anyArgs: Rule = (_args, ctx) => ok(ctx.name);
