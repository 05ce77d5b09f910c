/**
 * Reads an awk program for what makes it more than a filter: `system()`, pipes to or from commands
 * (`print | "sh"`, `"cmd" | getline`, `|&`), and output redirection (`print > "file"`, `>>`).
 * String and regex literals are blanked first, so `/a|b/` and `"x > y"` are not taken for either.
 */

/** Why the program may write or run something, or undefined when it only reads and prints. */
export function awkProgramDanger(program: string): string | undefined {
  const text = blankLiterals(program);
  if (/\bsystem\s*\(/.test(text)) return 'calls `system()`, which runs a command';
  if (/\|&/.test(text)) return 'uses `|&`, which runs a command';
  if (/(?<!\|)\|(?!\|)/.test(text)) return 'pipes to or from a command with `|`';
  if (/@load\b|@include\b/.test(text)) return 'loads code with `@load`/`@include`';
  const print = /\bprintf?\b/g;
  let match: RegExpExecArray | null;
  while ((match = print.exec(text))) {
    // The statement runs to its `;`, `}` or newline; a `>` outside parentheses there is a redirection.
    let depth = 0;
    for (let i = match.index + match[0].length; i < text.length && !/[;}\n]/.test(text[i]!); i++) {
      const c = text[i];
      if (c === '(') depth++;
      else if (c === ')') depth = Math.max(0, depth - 1);
      else if (c === '>' && depth === 0) {
        // Blanking keeps offsets, so the target is read from the program as written.
        const target = program.slice(i).replace(/^>>?\s*/, '');
        if (/^"\/dev\/(?:stdout|stderr)"/.test(target)) break;
        return 'redirects `print` output to a file with `>`';
      }
    }
  }
  return undefined;
}

/** Blanks string literals and regex literals (a `/` where awk expects an operand), keeping offsets. */
function blankLiterals(program: string): string {
  let out = '';
  let i = 0;
  let previous = '';
  while (i < program.length) {
    const c = program[i]!;
    if (c === '#') {
      const end = program.indexOf('\n', i);
      const stop = end < 0 ? program.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
      continue;
    }
    if (c === '"' || (c === '/' && (previous === '' || /[(,!~{};&|?:=\n]/.test(previous)))) {
      let j = i + 1;
      while (j < program.length && program[j] !== c && !(c === '/' && program[j] === '\n')) j += program[j] === '\\' ? 2 : 1;
      const end = Math.min(j + 1, program.length);
      out += c + ' '.repeat(Math.max(0, end - i - 2)) + (end - i >= 2 ? c : '');
      i = end;
      previous = 'x';
      continue;
    }
    out += c;
    if (!/\s/.test(c)) previous = c;
    else if (c === '\n') previous = '\n';
    i++;
  }
  return out;
}
