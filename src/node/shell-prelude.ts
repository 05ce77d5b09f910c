import * as path from 'node:path';
import type { CommandFailure } from '../core/ports';

/** The file descriptor on which the bash prelude reports failing commands (also the run's tracker). */
export const REPORT_FD = 3;

/** How strictly a script runs. */
export interface StrictOptions {
  /** A pipeline fails when any of its commands fails, not only the last. */
  pipefail: boolean;
  /** Stop at the first failing command, with the same exemptions as `set -e`. */
  stopOnError: boolean;
}

/**
 * Shell code put before the script, on its first line (so the shell's line numbers in errors and
 * `$LINENO` stay the script's own). Empty when nothing is asked.
 *
 * bash gets `set -E -o pipefail` and an ERR trap instead of `set -e`: the trap fires under exactly
 * the conditions `set -e` would stop (not in `if`/`while` tests, `&&`/`||` lists but the last, `!`),
 * reports the exit status, the line, every status of the pipeline and the command on
 * {@link REPORT_FD}, then exits, or not when the block keeps going. `-E` hands the trap to
 * functions and subshells, as `set -e` reaches them. A pipeline whose only failures are SIGPIPE
 * (141) before a last command that succeeded (`journalctl | head -1`) is not a failure: the reader
 * had what it wanted. Other shells get `set -e` and, where they know it, `pipefail`; they cannot
 * say which command failed.
 */
export function strictPrelude(shell: string, options: StrictOptions): string {
  if (!options.pipefail && !options.stopOnError) return '';
  if (path.basename(shell) === 'bash') {
    const exit = options.stopOnError ? ' [ "$__rb_f" = 1 ] || exit "${__rb[0]}";' : '';
    const trap = [
      '__rb=("$?" "$LINENO" "${PIPESTATUS[@]}"); __rb_f=1;',
      'for __rb_x in "${__rb[@]:2}"; do case $__rb_x in 0|141) ;; *) __rb_f=0 ;; esac; done;',
      '[ "${__rb[${#__rb[@]}-1]}" = 0 ] || __rb_f=0;',
      `printf "%s\\t%s\\t%s\\t%s\\t%s\\0" "$__rb_f" "\${__rb[0]}" "\${__rb[1]}" "\${__rb[*]:2}" "$BASH_COMMAND" >&${REPORT_FD} 2>/dev/null;`,
      exit,
    ].join(' ');
    const pipefail = options.pipefail ? ' -o pipefail' : '';
    // The EXIT trap turns a script that ended on a forgiven SIGPIPE pipeline into a success.
    return `set -E${pipefail}; trap '${trap}' ERR; trap '[ $? = 141 ] && [ "\${__rb_f-}" = 1 ] && exit 0' EXIT; `;
  }
  const errexit = options.stopOnError ? 'set -e; ' : '';
  const pipefail = options.pipefail ? '(set -o pipefail) 2>/dev/null && set -o pipefail; ' : '';
  return `${errexit}${pipefail}`;
}

/**
 * Reads what the prelude wrote on {@link REPORT_FD}: one NUL-terminated record per failing
 * command, `forgiven \t status \t line \t pipe statuses \t command`. Forgiven (SIGPIPE-only)
 * records and malformed ones are left out.
 */
export function parseFailureReports(text: string): CommandFailure[] {
  const failures: CommandFailure[] = [];
  for (const record of text.split('\0')) {
    const fields = record.split('\t');
    if (fields.length < 5 || fields[0] !== '0') continue;
    const exitCode = Number(fields[1]);
    const line = Number(fields[2]);
    const pipeStatus = fields[3]!.split(' ').filter(Boolean).map(Number);
    if (!Number.isInteger(exitCode) || !Number.isInteger(line) || pipeStatus.some((s) => !Number.isInteger(s))) continue;
    failures.push({ exitCode, line, pipeStatus, command: fields.slice(4).join('\t') });
  }
  return failures;
}
