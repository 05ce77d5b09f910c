import { RuleId, type Finding } from './findings/finding';

/** Decoded text and what went wrong while decoding. */
export interface DecodedText {
  text: string;
  findings: Finding[];
}

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8', { fatal: false });

/**
 * Decodes file bytes as UTF-8 (a byte-order mark is dropped). Invalid bytes are replaced with
 * U+FFFD and reported once, on the first line that has one, so the doc stays searchable and the
 * owner learns the file needs re-saving as UTF-8.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const wide = utf16Order(bytes);
  if (wide) {
    // ASCII text saved as UTF-16 without a byte-order mark is valid UTF-8 full of NULs: it would index as an empty doc.
    return {
      text: new TextDecoder(wide, { fatal: false }).decode(bytes),
      findings: [{ ruleId: RuleId.docInvalidEncoding, severity: 'warning', message: `This file is UTF-16 (${wide === 'utf-16le' ? 'little' : 'big'}-endian), not UTF-8; it was read as UTF-16. Re-save it as UTF-8 so other tools see the text.`, line: 1 }],
    };
  }
  try {
    return { text: strict.decode(bytes), findings: [] };
  } catch {
    const text = lenient.decode(bytes);
    const at = text.indexOf('\uFFFD');
    const line = at < 0 ? 1 : text.slice(0, at).split(/\r\n|\r|\n/).length;
    return {
      text,
      findings: [
        {
          ruleId: RuleId.docInvalidEncoding,
          severity: 'warning',
          message: 'This file is not valid UTF-8; invalid bytes were shown as \uFFFD. Re-save it as UTF-8 so search and links see the real text.',
          line,
        },
      ],
    };
  }
}

/**
 * `utf-16le` or `utf-16be` when the bytes look like UTF-16: a UTF-16 byte-order mark, or (without
 * one) NUL in most odd (little-endian) or even (big-endian) positions of the first 4 KB. Else undefined.
 */
export function utf16Order(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let oddNuls = 0;
  let evenNuls = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNuls++;
    if (bytes[i + 1] === 0) oddNuls++;
  }
  const pairs = n / 2;
  if (oddNuls >= pairs * 0.6 && evenNuls < pairs * 0.1) return 'utf-16le';
  if (evenNuls >= pairs * 0.6 && oddNuls < pairs * 0.1) return 'utf-16be';
  return undefined;
}
