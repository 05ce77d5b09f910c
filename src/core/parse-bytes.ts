import { decodeText } from './decode-text';
import type { DocModel } from './doc-model';
import { parseDoc } from './parse-doc';
import type { DocParser } from './ports';

/** Decodes and parses a file's bytes: what every parser (in-process or in a worker) does. */
export function parseBytes(path: string, bytes: Uint8Array): DocModel {
  const decoded = decodeText(bytes);
  return parseDoc(path, decoded.text, decoded.findings);
}

/** Parses on the calling thread. */
export const inProcessParser: DocParser = {
  parse: async (path, bytes) => parseBytes(path, bytes),
};
