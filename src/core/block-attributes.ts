import type { AttributeValue, CodeBlock } from './doc-model';
import { parseDuration } from './duration';
import { RuleId, type Finding } from './findings/finding';

/**
 * A block's `timeout` attribute read by `parseDuration`.
 *
 * @returns undefined when the block has none, `{ seconds }` when it parses, `{ error }` (naming the
 *   attribute and the accepted forms) when it does not: such a block is never run with a default.
 */
export function readTimeoutAttribute(value: AttributeValue | undefined): { seconds: number } | { error: string } | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') return { error: `\`timeout=${String(value)}\` is not a duration` };
  const parsed = parseDuration(value);
  return 'error' in parsed ? { error: `\`timeout\`: ${parsed.error}` } : parsed;
}

/** `block.invalid-attribute` findings, on the fence line, for attributes of fenced blocks that do not parse. */
export function blockAttributeFindings(blocks: readonly CodeBlock[]): Finding[] {
  const findings: Finding[] = [];
  for (const block of blocks) {
    const timeout = readTimeoutAttribute(block.attributes.timeout);
    if (timeout && 'error' in timeout) {
      findings.push({
        ruleId: RuleId.blockInvalidAttribute,
        severity: 'error',
        message: `${timeout.error}. The block will not run until it is fixed.`,
        line: block.line,
      });
    }
  }
  return findings;
}
