import { classifyDoc } from './doc-kind';
import type { DocModel } from './doc-model';
import type { Finding } from './findings/finding';
import { emptyMeta } from './front-matter';

/**
 * A document that could not be read or parsed: listed under its file name (kind from its path),
 * with no headings, links or blocks, and `finding` saying why.
 */
export function placeholderDoc(path: string, finding: Finding, lineCount = 1): DocModel {
  const title = path.slice(path.lastIndexOf('/') + 1).replace(/\.(md|markdown)$/i, '');
  const kind = classifyDoc(path, undefined, 0, []);
  return {
    path, title, titleSource: 'file-name', kind: kind.kind, kindReason: kind.reason, meta: emptyMeta(),
    headings: [], links: [], codeBlocks: [], sections: [], findings: [finding], lineCount,
  };
}
