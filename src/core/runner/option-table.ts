/**
 * Option tables: every option a command may be given while it stays read-only, and the options
 * known to write or run something, parsed the way the tool itself parses them.
 *
 * A table is written as text, one entry per space-separated word: aliases joined by `|`, then
 * `=` when the option takes a value (`-n|--lines=`), `=?` when the value is optional and can only
 * be attached (`--color=?`, `-i[SUFFIX]`), `=2` when it takes two words (`jq --arg NAME VALUE`).
 * An option that is not in the table makes the command unknown, so the block is a change.
 */

const UNKNOWN = 'is not an option known to be read-only';

/** How the command's own parser reads its arguments. */
export interface TableStyle {
  /** GNU getopt_long and git: a long option may be abbreviated to a unique prefix (`--out` for `--output`). */
  abbreviations?: boolean;
  /** Options end at the first operand (POSIX getopt, wrappers): later words are operands. */
  optionsFirst?: boolean;
  /** `-5` means `-n 5` (head, tail, grep context). */
  numericShort?: boolean;
  /** Words starting with one `-` are whole option names (`openssl -out`, `terraform -out=x`, `find -name`). */
  singleDashLong?: boolean;
  /** pflag (kubectl, helm…): a short option's value may follow `=` (`-o=yaml`). */
  shortEquals?: boolean;
}

/** One option's entry: its canonical name (the longest alias), how it takes a value, and why it is refused, if it is. */
export interface OptionEntry {
  canonical: string;
  arg: 'none' | 'required' | 'optional' | 'two';
  /** Refuses the command: returns why (`runs a program`), given the option's value; undefined when that value is harmless. */
  deny?: (value: string | undefined) => string | undefined;
}

/** A parsed table. */
export interface OptionTable {
  entries: Map<string, OptionEntry>;
  style: TableStyle;
}

/** Why an option is refused: a fixed reason, or a function of its value. */
export type Denial = string | ((value: string | undefined) => string | undefined);

/** Builds a table from its text (`allowed`) and the refused options with their reasons (`denied`). */
export function optionTable(allowed: string, denied: Record<string, Denial> = {}, style: TableStyle = {}): OptionTable {
  const entries = new Map<string, OptionEntry>();
  const add = (word: string, deny?: Denial) => {
    const match = /^(.*?)(=\?|=2|=)?$/.exec(word)!;
    const names = match[1]!.split('|');
    const arg = match[2] === '=' ? 'required' : match[2] === '=?' ? 'optional' : match[2] === '=2' ? 'two' : 'none';
    const canonical = names.reduce((a, b) => (b.length > a.length ? b : a));
    const entry: OptionEntry = { canonical, arg };
    if (deny !== undefined) entry.deny = typeof deny === 'string' ? () => deny : deny;
    for (const name of names) entries.set(name, entry);
  };
  for (const word of allowed.split(/\s+/).filter(Boolean)) add(word);
  for (const [word, deny] of Object.entries(denied)) add(word, deny);
  return { entries, style };
}

/** One option as given: the name written (`--comp`), its entry, and its value when it took one. */
export interface GivenOption {
  written: string;
  entry: OptionEntry;
  value?: string;
  /** The second value of a `=2` option. */
  value2?: string;
}

/** The arguments read against a table: options in order, operands, or why they cannot be read. */
export interface ParsedArgs {
  options: GivenOption[];
  operands: string[];
  /** True when `--` was given (everything after it is an operand). */
  dashDash: boolean;
  /** Set when an option is not in the table, is ambiguous, or lacks its value: the option as written and what is wrong. */
  error?: { option: string; message: string };
}

/** Reads `args` against `table`. Stops at the first option it cannot place, with `error` set. */
export function parseWithTable(args: readonly string[], table: OptionTable): ParsedArgs {
  const { entries, style } = table;
  const result: ParsedArgs = { options: [], operands: [], dashDash: false };
  let optionsOver = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (optionsOver || arg === '-' || !arg.startsWith('-') || arg.length === 1) {
      result.operands.push(arg);
      if (style.optionsFirst) optionsOver = true;
      continue;
    }
    if (arg === '--') {
      result.dashDash = true;
      optionsOver = true;
      continue;
    }
    if (style.numericShort && /^-\d+$/.test(arg)) continue;
    const long = arg.startsWith('--') || style.singleDashLong;
    if (long) {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(0, eq) : arg;
      const found = lookupLong(name, entries, style.abbreviations ?? false);
      if (typeof found === 'string') return { ...result, error: { option: name, message: found } };
      const given: GivenOption = { written: name, entry: found };
      if (eq > 0) {
        if (found.arg === 'none' && !/^(?:true|false)$/.test(arg.slice(eq + 1))) return { ...result, error: { option: arg, message: 'gives a value to an option that takes none' } };
        given.value = arg.slice(eq + 1);
      } else if (found.arg === 'required' || found.arg === 'two') {
        if (i + 1 >= args.length) return { ...result, error: { option: name, message: 'lacks its value' } };
        given.value = args[++i]!;
      }
      if (found.arg === 'two') {
        if (i + 1 >= args.length) return { ...result, error: { option: name, message: 'lacks its second value' } };
        given.value2 = args[++i]!;
      }
      result.options.push(given);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const name = `-${arg[j]}`;
      const entry = entries.get(name);
      if (!entry) return { ...result, error: arg.length > 2 ? { option: arg, message: `has \`${name}\`, which ${UNKNOWN}` } : { option: name, message: UNKNOWN } };
      const given: GivenOption = { written: name, entry };
      if (entry.arg !== 'none') {
        let attached = arg.slice(j + 1);
        if (style.shortEquals && attached.startsWith('=')) attached = attached.slice(1);
        if (attached) given.value = attached;
        else if (entry.arg !== 'optional') {
          if (i + 1 >= args.length) return { ...result, error: { option: name, message: 'lacks its value' } };
          given.value = args[++i]!;
        }
        if (entry.arg === 'two') {
          if (i + 1 >= args.length) return { ...result, error: { option: name, message: 'lacks its second value' } };
          given.value2 = args[++i]!;
        }
        result.options.push(given);
        break;
      }
      result.options.push(given);
    }
  }
  return result;
}

function lookupLong(name: string, entries: Map<string, OptionEntry>, abbreviations: boolean): OptionEntry | string {
  const exact = entries.get(name);
  if (exact) return exact;
  if (abbreviations && name.startsWith('--') && name.length > 3) {
    const matches = new Set<OptionEntry>();
    const names: string[] = [];
    for (const [key, entry] of entries) {
      if (key.startsWith(name) && key.startsWith('--')) {
        if (!matches.has(entry)) names.push(key);
        matches.add(entry);
      }
    }
    if (matches.size === 1) return [...matches][0]!;
    if (matches.size > 1) return `is an ambiguous abbreviation (${names.map((n) => `\`${n}\``).join(', ')})`;
  }
  return UNKNOWN;
}

/** The first refused option, as "`label --name` reason", naming the full option after an abbreviation; undefined when none is refused. */
export function deniedOption(parsed: ParsedArgs, label: string): string | undefined {
  for (const option of parsed.options) {
    const reason = option.entry.deny?.(option.value);
    if (reason === undefined) continue;
    const { written, entry, value } = option;
    const shown = value === undefined || entry.arg === 'optional' ? written : `${written} ${value.length > 40 ? `${value.slice(0, 40)}…` : value}`;
    const abbreviated = written.startsWith('--') && written !== entry.canonical && entry.canonical.startsWith(written);
    return abbreviated ? `\`${label} ${shown}\` (\`${entry.canonical}\`) ${reason}` : `\`${label} ${shown}\` ${reason}`;
  }
  return undefined;
}

/** The value of the last of `names` given (options given twice: the last wins), or undefined. */
export function lastValue(parsed: ParsedArgs, ...names: string[]): string | undefined {
  for (let i = parsed.options.length - 1; i >= 0; i--) {
    const option = parsed.options[i]!;
    if (names.includes(option.entry.canonical) || names.includes(option.written)) return option.value ?? '';
  }
  return undefined;
}

/** True when any of `names` (canonical names) was given. */
export function given(parsed: ParsedArgs, ...names: string[]): boolean {
  return parsed.options.some((option) => names.includes(option.entry.canonical) || names.includes(option.written));
}
