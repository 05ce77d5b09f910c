import { decodeText } from './decode-text';
import { DEFAULT_DOC_BUDGET, overDocBudget, type DocBudget } from './doc-budget';
import type { DocModel } from './doc-model';
import { RuleId } from './findings/finding';
import { countLines, parseDoc } from './parse-doc';
import { placeholderDoc } from './placeholder-doc';
import type { DocParser } from './ports';

/**
 * Decodes and parses a file's bytes: what every parser (in-process or in a worker) does. Never
 * throws: a file over the parse budget (`overDocBudget`), or one the parser fails on (a stack
 * overflow, a YAML reader error), becomes a placeholder with a `doc.unparseable` finding.
 */
export function parseBytes(path: string, bytes: Uint8Array, budget: DocBudget = DEFAULT_DOC_BUDGET): DocModel {
  const decoded = decodeText(bytes);
  const over = overDocBudget(decoded.text, budget);
  if (over) return unparseable(path, `This file ${over}`, decoded.text);
  try {
    return parseDoc(path, decoded.text, decoded.findings);
  } catch (error) {
    return unparseable(path, `The markdown parser failed on this file (${error instanceof Error ? error.message : String(error)})`, decoded.text);
  }
}

/** The placeholder for a file that was not parsed; `why` is the first sentence of the finding. */
export function unparseable(path: string, why: string, text = ''): DocModel {
  return placeholderDoc(
    path,
    { ruleId: RuleId.docUnparseable, severity: 'error', message: `${why}. It is listed but not parsed or searched; split or simplify it.`, line: 1 },
    countLines(text),
  );
}

/** Parses on the calling thread. */
export const inProcessParser: DocParser = {
  parse: async (path, bytes) => parseBytes(path, bytes),
};
