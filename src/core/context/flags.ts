import { ARITHMETIC_WORD, SUBSTITUTION_WORD } from '../shell/shell-words';

/**
 * The value of a command-line option as Go's pflag, Python's argparse and the AWS/Azure CLIs read
 * it: `--name value`, `--name=value`, and for one-letter `short` names `-n value`, `-nvalue`,
 * `-n=value`. The last occurrence wins; scanning stops at `--` (what follows belongs to another
 * command, as in `kubectl exec … -- cmd`). Undefined when the option is absent or has no value.
 */
export function flagValue(args: readonly string[], long: readonly string[], short: readonly string[] = []): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    for (const name of long) {
      if (arg === `--${name}`) value = args[i + 1];
      else if (arg.startsWith(`--${name}=`)) value = arg.slice(name.length + 3);
    }
    for (const name of short) {
      if (arg === `-${name}`) value = args[i + 1];
      else if (arg.startsWith(`-${name}=`)) value = arg.slice(name.length + 2);
      else if (arg.startsWith(`-${name}`) && !arg.startsWith('--')) value = arg.slice(name.length + 1);
    }
  }
  return value;
}

/** True when one of the flags is present (before any `--`). */
export function hasFlag(args: readonly string[], names: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((arg) => names.includes(arg));
}

/** True when a word still holds something unexpanded (a `$`, a substitution). */
export function isUnresolved(word: string): boolean {
  return word.includes('$') || word.includes(SUBSTITUTION_WORD) || word.includes(ARITHMETIC_WORD);
}
