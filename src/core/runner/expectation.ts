import type { AttributeValue } from '../doc-model';
import type { Expectation } from './types';

/** The expectation of a block without an `expect` attribute: exit code 0. */
export const DEFAULT_EXPECTATION: Readonly<Expectation> = Object.freeze({ exitCodes: [0] });

/** An expectation read from an `expect` attribute, and what was wrong with it when it could not be read. */
export interface ParsedExpectation {
  expect: Expectation;
  /** Set when the attribute could not be read; `expect` is then the default (exit code 0). */
  error?: string;
}

const CODES = String.raw`\d+(?:\s*,\s*\d+)*`;
const REGEX = String.raw`\/(.*)\/([a-z]*)`;
const FORMS: Array<{ re: RegExp; codes?: number; pattern?: number; flags?: number }> = [
  { re: new RegExp(`^(${CODES})$`), codes: 1 },
  { re: new RegExp(`^${REGEX}$`, 's'), pattern: 1, flags: 2 },
  { re: new RegExp(`^exit=(${CODES})(?:\\s+output=${REGEX})?$`, 's'), codes: 1, pattern: 2, flags: 3 },
  { re: new RegExp(`^output=${REGEX}(?:\\s+exit=(${CODES}))?$`, 's'), pattern: 1, flags: 2, codes: 3 },
];
const ALLOWED_FLAGS = /^[imsu]*$/;

/**
 * Reads the `expect` attribute of a block. Accepted forms:
 * `0` (a number), `"0,1"` (exit codes), `"/regex/"` or `"/regex/i"` (the output must match, and the
 * exit code must still be 0), and `"exit=0,2 output=/ready/"` (either part may come first or alone).
 * Exit codes are 0–255; regex flags may be `i`, `m`, `s`, `u`.
 * `undefined` gives the default: exit code 0, any output.
 */
export function parseExpectation(attr: AttributeValue | undefined): ParsedExpectation {
  if (attr === undefined) return { expect: { exitCodes: [0] } };
  if (typeof attr === 'boolean') return invalid('`expect` needs a value, e.g. `expect=0` or `expect="/ready/"`');
  if (typeof attr === 'number') {
    return Number.isInteger(attr) && attr >= 0 && attr <= 255 ? { expect: { exitCodes: [attr] } } : invalid(`\`expect=${attr}\` is not an exit code (0–255)`);
  }
  const text = attr.trim();
  for (const form of FORMS) {
    const match = form.re.exec(text);
    if (!match) continue;
    const codesText = form.codes !== undefined ? match[form.codes] : undefined;
    const pattern = form.pattern !== undefined ? match[form.pattern] : undefined;
    const flags = form.flags !== undefined ? match[form.flags] ?? '' : '';
    const exitCodes = codesText !== undefined ? [...new Set(codesText.split(',').map((c) => Number(c.trim())))] : [0];
    if (exitCodes.some((code) => code > 255)) return invalid(`\`expect=${text}\` has an exit code above 255`);
    const expect: Expectation = { exitCodes };
    if (pattern !== undefined) {
      if (!pattern) return invalid('`expect` has an empty output pattern `//`');
      if (!ALLOWED_FLAGS.test(flags)) return invalid(`\`expect\` regex flags may only be i, m, s and u, not \`${flags}\``);
      try {
        new RegExp(pattern, flags);
      } catch (error) {
        return invalid(`\`expect\` output pattern /${pattern}/ is not a valid regular expression (${(error as Error).message})`);
      }
      expect.outputPattern = pattern;
      if (flags) expect.outputFlags = flags;
    }
    return { expect };
  }
  return invalid(`cannot read \`expect=${text}\`; write exit codes (\`0,1\`), a regex (\`/ready/\`) or both (\`exit=0 output=/ready/\`)`);
}

function invalid(error: string): ParsedExpectation {
  return { expect: { exitCodes: [0] }, error };
}

/**
 * Decides whether a run passed: its exit code is one of `expect.exitCodes` and, when there is an
 * output pattern, the output matches it. The pattern is matched with the `m` flag, so `^` and `$`
 * match at line breaks. A run killed by a signal (`exitCode` null) never passes; neither does one
 * whose pattern cannot be compiled.
 */
export function judge(expect: Expectation, exitCode: number | null, output: string): boolean {
  if (exitCode === null || !expect.exitCodes.includes(exitCode)) return false;
  if (expect.outputPattern === undefined) return true;
  try {
    const flags = [...new Set(`m${expect.outputFlags ?? ''}`)].join('');
    return new RegExp(expect.outputPattern, flags).test(output);
  } catch {
    return false;
  }
}
