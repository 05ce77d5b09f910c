import { RuleId, type Finding } from './findings';

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
