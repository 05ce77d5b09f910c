import type { Nodes, Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { wordsOf } from '../diffs/vocabulary';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

/** Blocks whose words are what the doc says next to a link: a paragraph (of a list item too), a table row, a heading. */
const SAYING = new Set(['paragraph', 'tableRow', 'heading']);

/** The text of a node: its text, inline code and link texts, without link destinations. */
function plain(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') return node.value;
  if (!('children' in node)) return '';
  return (node.children as Nodes[]).map(plain).join(' ');
}

/** A doc's markdown tree, for `termsNear`: parse once per doc, however many of its targets changed. Generated sections are left out (see `withoutGenerated`). */
export function docTree(text: string): Root {
  return processor.parse(withoutGenerated(text)) as Root;
}

/** An HTML comment opening a section a generator writes (`<!-- MARKER: do not edit this section directly … -->`, `<!-- BEGIN GENERATED -->`). */
const GENERATED_START = /<!--[^>]*\b(?:do not edit|generated|auto-?gen(?:erated)?)\b[^>]*-->/i;
/** The comment that closes it (`<!-- END_MARKER -->`, `<!-- END GENERATED -->`). */
const GENERATED_END = /<!--\s*(?:END|\/)\b[^>]*-->|<!--\s*END_[A-Z_]*\s*-->/i;
/** A generator mark on the first lines with no end: the whole doc is generated. */
const HEAD_LINES = 5;

/**
 * The text with the lines a generator wrote blanked (line numbers kept): from a generator's
 * opening comment to its closing one, or to the end when a doc opens with one and never closes
 * it. What a generator wrote from a catalog is not what the doc's owner says about the code.
 */
export function withoutGenerated(text: string): string {
  if (!GENERATED_START.test(text)) return text;
  const lines = text.split('\n');
  let from = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (from < 0 && GENERATED_START.test(line) && !GENERATED_END.test(line)) {
      from = i;
      continue;
    }
    if (from >= 0 && GENERATED_END.test(line)) {
      for (let j = from; j <= i; j++) lines[j] = '';
      from = -1;
    }
  }
  if (from >= 0 && from < HEAD_LINES) for (let j = from; j < lines.length; j++) lines[j] = '';
  return lines.join('\n');
}

/**
 * What a doc says about the targets named on some of its lines, as normalised words with their
 * spelling in the doc (see `wordsOf`): the paragraph, list item paragraph, table row or heading holding each line,
 * and the list right after such a paragraph when it ends in `:`; for a
 * reference-style definition (`[x]: ../path`), the blocks that use `[x]`; and the heading of the
 * section of each of those blocks. The words of the target's own path are left out (`go.yaml`
 * does not make "go" something the doc says about the file).
 */
export function termsNear(tree: Root, lines: readonly number[], targetPath: string): Map<string, string> {
  const blocks: Nodes[] = [];
  const labels = new Set<string>();
  const at = new Set(lines);
  const visit = (node: Nodes, block: Nodes | undefined): void => {
    const p = node.position;
    const here = SAYING.has(node.type) ? node : block;
    if (node.type === 'definition' && p && at.has(p.start.line)) labels.add(node.identifier);
    if (SAYING.has(node.type) && p && lines.some((l) => l >= p.start.line && l <= p.end.line)) blocks.push(node);
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child, here);
  };
  visit(tree, undefined);
  if (labels.size > 0) {
    const uses = (node: Nodes, block: Nodes | undefined): void => {
      const here = SAYING.has(node.type) ? node : block;
      if ((node.type === 'linkReference' || node.type === 'imageReference') && labels.has(node.identifier) && here) blocks.push(here);
      if ('children' in node) for (const child of node.children as Nodes[]) uses(child, here);
    };
    uses(tree, undefined);
  }
  // A sentence that ends in `:` goes on in the list right after it ("the checks of this pipeline include:").
  const introduced = (node: Nodes): void => {
    if (!('children' in node)) return;
    const children = node.children as Nodes[];
    children.forEach((child, i) => {
      const next = children[i + 1];
      if (next?.type === 'list' && child.type === 'paragraph' && blocks.includes(child) && plain(child).trimEnd().endsWith(':')) collect(next, blocks);
      introduced(child);
    });
  };
  introduced(tree);
  const headings = tree.children.filter((n) => n.type === 'heading');
  for (const block of [...blocks]) {
    const line = block.position?.start.line ?? 0;
    const heading = headings.filter((h) => (h.position?.start.line ?? 0) <= line).pop();
    if (heading) blocks.push(heading);
  }
  const own = wordsOf(targetPath);
  const out = new Map<string, string>();
  for (const block of blocks) for (const [word, token] of wordsOf(plain(block))) if (!own.has(word) && !out.has(word)) out.set(word, token);
  return out;
}

/** The blocks (see `SAYING`) inside `node`, added to `into`. */
function collect(node: Nodes, into: Nodes[]): void {
  if (SAYING.has(node.type)) into.push(node);
  else if ('children' in node) for (const child of node.children as Nodes[]) collect(child, into);
}

/** Everything a doc says (its text, inline code, code blocks and link texts) as `termsNear` words, without those of `targetPath`. */
export function termsOfDoc(tree: Root, targetPath: string): Map<string, string> {
  const own = wordsOf(targetPath);
  const out = new Map<string, string>();
  for (const [word, token] of wordsOf(plain(tree))) if (!own.has(word)) out.set(word, token);
  return out;
}
