/** Tools whose subcommand decides: `kubectl get`, `systemctl status`, `helm list`. */

import { scanArgs, type ArgSpec, type ScannedArgs } from './argv';
import { changes, ok, unknown, type Rule, type RuleContext, type Verdict } from './rule-verdicts';

/** Decides about one subcommand; `after` is the argument list after the subcommand word. */
export type SubRule = (scanned: ScannedArgs, ctx: RuleContext, after: string[]) => Verdict;

/** How a subcommand tool reads: which subcommands only read, which are known to change state. */
export interface SubcommandSpec {
  args?: ArgSpec;
  /** Read-only subcommands: `true`, the read-only second words, or a rule. */
  read: Record<string, true | readonly string[] | SubRule>;
  /** Subcommands (or `sub second`) known to change state, for a clearer reason than "not known". */
  change?: readonly string[];
  /** The verdict when no subcommand is given; default "not known". */
  bare?: (scanned: ScannedArgs, ctx: RuleContext) => Verdict;
  /** Checked first, with the whole argument list; a verdict here wins (e.g. `--dry-run`, an option not in the tool's table). */
  before?: (scanned: ScannedArgs, sub: string, ctx: RuleContext, args: string[]) => Verdict | undefined;
  /** Compare subcommands case-insensitively (redis-cli). */
  caseInsensitive?: boolean;
}

/** A rule for a tool whose subcommand decides; unlisted subcommands are "not known to be read-only". */
export function subcommands(spec: SubcommandSpec): Rule {
  const read = new Map(Object.entries(spec.read));
  const change = new Set(spec.change ?? []);
  return (args, ctx) => {
    const scanned = scanArgs(args, spec.args);
    const written = scanned.positionals[0];
    if (written === undefined) return spec.bare ? spec.bare(scanned, ctx) : unknown(ctx.name);
    const sub = spec.caseInsensitive ? written.toLowerCase() : written;
    const early = spec.before?.(scanned, sub, ctx, args);
    if (early) return early;
    const entry = read.get(sub);
    const second = spec.caseInsensitive ? scanned.positionals[1]?.toLowerCase() : scanned.positionals[1];
    if (entry === true) return ok(`${ctx.name} ${sub}`);
    if (typeof entry === 'function') return entry(scanned, ctx, args.slice(args.indexOf(written) + 1));
    if (entry) {
      if (second !== undefined && entry.includes(second)) return ok(`${ctx.name} ${sub} ${second}`);
      const label = second === undefined ? `${ctx.name} ${sub}` : `${ctx.name} ${sub} ${second}`;
      return change.has(`${sub} ${second}`) || change.has(sub) ? changes(label) : unknown(label);
    }
    return change.has(sub) ? changes(`${ctx.name} ${sub}`) : unknown(`${ctx.name} ${sub}`);
  };
}
