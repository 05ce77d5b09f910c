/**
 * Reads a sed script command by command, to find the commands that write files (`w`, `W`, the `w`
 * flag of `s`) or run commands (`e`, the `e` flag of `s`). Anything it cannot read counts as such.
 */

const PLAIN = new Set(['p', 'P', 'd', 'D', 'n', 'N', 'g', 'G', 'h', 'H', 'x', 'l', '=', 'z', 'F', 'q', 'Q', 'L']);
const TO_END_OF_LINE = new Set(['a', 'i', 'c']);
const LABEL = new Set([':', 'b', 't', 'T']);

/** Why the script may write or run something (`"the \`w\` command writes a file"`), or undefined when it only prints. */
export function sedScriptDanger(script: string): string | undefined {
  const t = script;
  let i = 0;
  const skipBlanks = () => {
    while (i < t.length && /[\s;]/.test(t[i]!)) i++;
  };
  /** Skips a delimited part (regex or replacement) starting after its opening delimiter; false when it never closes. */
  const delimited = (delimiter: string): boolean => {
    while (i < t.length && t[i] !== delimiter) {
      if (t[i] === '\\') i++;
      else if (t[i] === '\n' && delimiter !== '\n') return false;
      i++;
    }
    if (i >= t.length) return false;
    i++;
    return true;
  };
  const address = (): boolean => {
    if (t[i] === '/') {
      i++;
      if (!delimited('/')) return false;
      while (/[IM]/.test(t[i] ?? '')) i++;
    } else if (t[i] === '\\') {
      const d = t[i + 1];
      if (d === undefined) return false;
      i += 2;
      if (!delimited(d)) return false;
      while (/[IM]/.test(t[i] ?? '')) i++;
    } else if (/[0-9$]/.test(t[i] ?? '')) {
      while (/[0-9$~]/.test(t[i] ?? '')) i++;
    } else return true;
    return true;
  };
  while (true) {
    skipBlanks();
    if (i >= t.length) return undefined;
    if (!address()) return 'has an address that cannot be read';
    if (t[i] === ',') {
      i++;
      if (t[i] === '+' || t[i] === '~') i++;
      if (!address()) return 'has an address that cannot be read';
    }
    while (t[i] === ' ' || t[i] === '!') i++;
    const c = t[i];
    if (c === undefined) return undefined;
    i++;
    if (c === '{' || c === '}') continue;
    if (c === '#') {
      while (i < t.length && t[i] !== '\n') i++;
      continue;
    }
    if (c === 'w' || c === 'W') return `runs the \`${c}\` command, which writes a file`;
    if (c === 'e') return 'runs the `e` command, which runs a shell command';
    if (c === 'r' || c === 'R' || TO_END_OF_LINE.has(c) || LABEL.has(c) || c === 'v') {
      while (i < t.length && t[i] !== '\n' && !(LABEL.has(c) && (t[i] === ';' || t[i] === '}'))) i++;
      continue;
    }
    if (PLAIN.has(c)) {
      while (/[ 0-9]/.test(t[i] ?? '')) i++;
      continue;
    }
    if (c === 's' || c === 'y') {
      const d = t[i];
      if (d === undefined || d === '\n' || d === '\\') return `has an \`${c}\` command that cannot be read`;
      i++;
      if (!delimited(d) || !delimited(d)) return `has an \`${c}\` command that cannot be read`;
      if (c === 'y') continue;
      while (i < t.length && !/[;\n}]/.test(t[i]!)) {
        const flag = t[i]!;
        if (flag === 'w') return 'uses the `w` flag of `s`, which writes a file';
        if (flag === 'e') return 'uses the `e` flag of `s`, which runs the result as a command';
        if (!/[gpiImM0-9 ]/.test(flag)) return `uses the \`${flag}\` flag of \`s\`, which is not known to be read-only`;
        i++;
      }
      continue;
    }
    return `runs the \`${c}\` command, which is not known to be read-only`;
  }
}
