/** How to read a command's options. Options not listed take no value. */
export interface ArgSpec {
  /** Short options that take a value: `-n ns`, `-nns`, and last in a cluster (`-tAc sql`). */
  short?: string;
  /** Short options whose value can only be attached (`mysql -psecret`; a bare `-p` prompts). */
  attachedShort?: string;
  /** Long options (without `--`) that take the next word as their value when written without `=`. */
  long?: readonly string[];
  /** The first positional word starts another command: it and everything after go to `rest`. */
  stopAtPositional?: boolean;
}

/** One option as written: `-n`, `--namespace`; `value` when it took one. */
export interface ScannedOption {
  name: string;
  value?: string;
}

/** A command's arguments sorted into options and positionals. */
export interface ScannedArgs {
  options: ScannedOption[];
  positionals: string[];
  /** The words after `--` (or from the first positional with `stopAtPositional`); undefined when there are none. */
  rest?: string[];
}

/**
 * Sorts arguments GNU-style: options may come before or after positionals, `--` ends them,
 * `-abc` is a cluster of short options, `--name=value` carries its value.
 */
export function scanArgs(args: readonly string[], spec: ArgSpec = {}): ScannedArgs {
  const short = spec.short ?? '';
  const attached = spec.attachedShort ?? '';
  const long = new Set(spec.long ?? []);
  const result: ScannedArgs = { options: [], positionals: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      result.rest = args.slice(i + 1);
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq > 0) result.options.push({ name: arg.slice(0, eq), value: arg.slice(eq + 1) });
      else if (long.has(arg.slice(2)) && i + 1 < args.length) result.options.push({ name: arg, value: args[++i]! });
      else result.options.push({ name: arg });
      continue;
    }
    if (arg.length > 1 && arg.startsWith('-')) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!;
        if (short.includes(letter)) {
          const value = j + 1 < arg.length ? arg.slice(j + 1) : args[i + 1];
          if (j + 1 >= arg.length && value !== undefined) i++;
          result.options.push(value === undefined ? { name: `-${letter}` } : { name: `-${letter}`, value });
          break;
        }
        if (attached.includes(letter)) {
          result.options.push(j + 1 < arg.length ? { name: `-${letter}`, value: arg.slice(j + 1) } : { name: `-${letter}` });
          break;
        }
        result.options.push({ name: `-${letter}` });
      }
      continue;
    }
    if (spec.stopAtPositional) {
      result.rest = args.slice(i);
      break;
    }
    result.positionals.push(arg);
  }
  return result;
}

/** True when any of `names` (`-n`, `--namespace`) was given. */
export function hasOption(args: ScannedArgs, ...names: string[]): boolean {
  return args.options.some((option) => names.includes(option.name));
}

/** The values given to any of `names`, in order. */
export function optionValues(args: ScannedArgs, ...names: string[]): string[] {
  return args.options.filter((option) => names.includes(option.name) && option.value !== undefined).map((option) => option.value!);
}
