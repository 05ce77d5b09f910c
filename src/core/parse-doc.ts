import GithubSlugger from 'github-slugger';
import type { Code, Nodes, Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { classifyDoc } from './doc-kind';
import type { CodeBlock, CodeSpan, DocLink, DocModel, Heading, SectionText } from './doc-model';
import { blockAttributeFindings } from './block-attributes';
import type { Finding } from './findings/finding';
import { emptyMeta, parseFrontMatter, toIsoDate } from './front-matter';
import { parseInfoAttributes } from './info-string';
import { classifyLinkTarget } from './link-target';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

/** The g3doc freshness comment: `<!--* freshness: { owner: 'x' reviewed: '2025-01-02' } *-->`. */
const FRESHNESS_COMMENT = /<!--\*\s*freshness:\s*\{([^}]*)\}\s*\*-->/;

/**
 * Parses one markdown document into the model the extension works with.
 * `path` is workspace-relative and posix; it feeds the kind decision and the fallback title.
 * Never throws on bad markdown or front matter: problems become `findings`.
 */
export function parseDoc(path: string, text: string, extraFindings: Finding[] = []): DocModel {
  const tree = processor.parse(text) as Root;
  const findings: Finding[] = [...extraFindings];
  const lineCount = countLines(text);

  let frontMatter: Record<string, unknown> | undefined;
  let frontMatterLines: DocModel['frontMatterLines'];
  let meta = emptyMeta();
  const first = tree.children[0];
  if (first && first.type === 'yaml' && first.position) {
    frontMatterLines = { start: first.position.start.line, end: first.position.end.line };
    const result = parseFrontMatter(first.value, first.position.start.line + 1);
    frontMatter = result.data;
    meta = result.meta;
    findings.push(...result.findings);
  }

  const headings = collectHeadings(tree, lineCount);
  const links: Array<DocLink & { identifier?: string }> = [];
  const codeBlocks: CodeBlock[] = [];
  const codeSpans: CodeSpan[] = [];
  // Reference identifier → the texts of the links that use it (`[flags.go:86-89][flags-go]`).
  const uses = new Map<string, string[]>();
  walk(tree, (node) => {
    if (node.type === 'linkReference') uses.set(node.identifier, [...(uses.get(node.identifier) ?? []), plainText(node).trim()]);
    if (node.type === 'link' || node.type === 'image') {
      pushLink(links, node.url, node.type === 'image' ? node.alt ?? '' : plainText(node), node);
    } else if (node.type === 'definition') {
      // Reference-style links are recorded once, where their target is written.
      pushLink(links, node.url, node.label ?? node.identifier, node, node.identifier);
    } else if (node.type === 'code') {
      codeBlocks.push(toCodeBlock(node, headings));
    } else if (node.type === 'text' && node.value.includes('{{') && node.position) {
      pushShortcodeLinks(links, node.value, node.position.start.line, node.position.start.column);
    } else if (node.type === 'inlineCode' && node.position && looksLikePath(node.value)) {
      codeSpans.push({ text: node.value.trim(), line: node.position.start.line, column: node.position.start.column });
    } else if (node.type === 'html' && !meta.review.reviewed) {
      applyFreshnessComment(node.value, meta);
    }
  });

  findings.push(...blockAttributeFindings(codeBlocks));
  for (const link of links) {
    const texts = link.viaReference ? uses.get(link.identifier ?? '') : undefined;
    delete link.identifier;
    if (texts?.length) link.useTexts = texts;
  }

  const titleHeading = headings.find((h) => h.depth === 1);
  const fmTitle = typeof frontMatter?.title === 'string' && frontMatter.title.trim() ? frontMatter.title.trim() : undefined;
  const title = withoutTitleLabel(fmTitle ?? titleHeading?.text) ?? fileStem(path);
  const kind = classifyDoc(path, meta.type, meta.alerts.length, headings.map((h) => h.text));

  return {
    path,
    title,
    titleSource: fmTitle ? 'front-matter' : titleHeading ? 'heading' : 'file-name',
    kind: kind.kind,
    kindReason: kind.reason,
    ...(frontMatter ? { frontMatter } : {}),
    ...(frontMatterLines ? { frontMatterLines } : {}),
    meta,
    headings,
    links,
    ...(codeSpans.length ? { codeSpans } : {}),
    codeBlocks,
    sections: collectSections(tree),
    findings,
    lineCount,
  };
}

function collectHeadings(tree: Root, lineCount: number): Heading[] {
  const slugger = new GithubSlugger();
  const headings: Heading[] = [];
  for (const node of tree.children) {
    if (node.type !== 'heading' || !node.position) continue;
    const text = plainText(node).trim();
    headings.push({ text, depth: node.depth, slug: slugger.slug(text), line: node.position.start.line, endLine: lineCount });
  }
  // One pass with a stack of open sections: a heading closes every open one of the same or a deeper level.
  const open: Heading[] = [];
  for (const heading of headings) {
    while (open.length && open[open.length - 1]!.depth >= heading.depth) {
      const closed = open.pop()!;
      closed.endLine = Math.max(closed.line, heading.line - 1);
    }
    open.push(heading);
  }
  return headings;
}

/** Index of the last heading at or before `line`, or -1. Headings are sorted by line. */
function sectionOf(headings: Heading[], line: number): number {
  let lo = 0;
  let hi = headings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (headings[mid]!.line <= line) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function collectSections(tree: Root): SectionText[] {
  const sections: SectionText[] = [];
  let current: SectionText = { heading: -1, text: '' };
  const parts: string[] = [];
  const flush = () => {
    current.text = parts.join('\n').trim();
    parts.length = 0;
    if (current.text || current.heading >= 0) sections.push(current);
  };
  let headingIndex = -1;
  for (const node of tree.children) {
    if (node.type === 'heading') {
      flush();
      headingIndex++;
      current = { heading: headingIndex, text: '' };
      continue;
    }
    const text = blockText(node);
    if (text) parts.push(text);
  }
  flush();
  return sections;
}

function blockText(node: RootContent): string {
  switch (node.type) {
    case 'yaml':
    case 'definition':
    case 'html':
      return '';
    case 'code':
      return node.value;
    default:
      return plainText(node);
  }
}

const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'tableCell']);

/** Plain text of a node; block children are separated by newlines so words never run together. */
function plainText(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') return node.value;
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? '';
  if (node.type === 'html' || node.type === 'yaml' || node.type === 'definition') return '';
  if (!('children' in node)) return node.type === 'break' ? '\n' : '';
  const separator = PHRASING_PARENTS.has(node.type) ? '' : node.type === 'tableRow' ? ' | ' : '\n';
  return (node.children as Nodes[]).map(plainText).join(separator);
}

/** `reference`: the identifier of a definition (a reference-style link's target). */
function pushLink(links: Array<DocLink & { identifier?: string }>, url: string, text: string, at: Nodes, reference?: string): void {
  if (!url || !at.position) return;
  links.push({
    raw: url,
    ...classifyLinkTarget(url),
    text: text.trim(),
    line: at.position.start.line,
    column: at.position.start.column,
    ...(reference !== undefined ? { viaReference: true, identifier: reference } : {}),
  });
}

/** `[text]({{< ref "path" >}})`: CommonMark reads it as text (the destination holds spaces). */
const SHORTCODE_LINK = /\]\(\s*(\{\{[<%]\s*(?:rel)?ref\s+"?[^"\s>%]+"?\s*[>%]\}\})\s*\)/g;

/** Hugo `ref`/`relref` shortcodes used as link destinations in a text node starting at `line`:`column`. */
function pushShortcodeLinks(links: DocLink[], text: string, line: number, column: number): void {
  for (const m of text.matchAll(SHORTCODE_LINK)) {
    const before = text.slice(0, m.index);
    const newlines = before.split('\n').length - 1;
    const at = m.index + 2 + (m[0].length - m[0].trimStart().length);
    const col = newlines === 0 ? column + at : at - before.lastIndexOf('\n');
    links.push({ raw: m[1]!, kind: 'relative', path: m[1]!, text: '', line: line + newlines, column: col });
  }
}

/** A `/` or a short file extension, no URL scheme, no shell syntax or globs, one line. */
function looksLikePath(text: string): boolean {
  const value = text.trim();
  if (!value || value.length > 300 || /[\n|;&<>$(){}*?`'"\\]/.test(value) || value.includes('://') || /^[-~]/.test(value)) return false;
  return value.includes('/') || /\.[A-Za-z0-9_-]{1,12}$/.test(value);
}

function toCodeBlock(node: Code, headings: Heading[]): CodeBlock {
  const { attributes, error } = parseInfoAttributes(node.meta);
  const line = node.position?.start.line ?? 1;
  const end = node.position?.end;
  return {
    lang: (node.lang ?? '').toLowerCase(),
    meta: node.meta ?? '',
    attributes,
    ...(error ? { attributeError: error } : {}),
    // CRLF files would otherwise hand a shell `\r` at the end of every command line but the last.
    value: node.value.replace(/\r\n?/g, '\n'),
    line,
    // An unclosed fence ends after the file's final newline, at column 1 of a line the editor does not show.
    endLine: !end ? line : end.column === 1 && end.line > line ? end.line - 1 : end.line,
    section: sectionOf(headings, line),
  };
}

function applyFreshnessComment(html: string, meta: DocModel['meta']): void {
  const match = FRESHNESS_COMMENT.exec(html);
  if (!match) return;
  const body = match[1]!;
  const reviewed = /reviewed:\s*['"]?([\d/-]+)['"]?/.exec(body)?.[1];
  const owner = /owner:\s*['"]?([\w.@-]+)['"]?/.exec(body)?.[1];
  const date = toIsoDate(reviewed);
  if (date) {
    meta.review.reviewed = date;
    meta.review.reviewedField = 'freshness comment';
  }
  if (owner && !meta.owner) meta.owner = owner;
}

function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children) walk(child as Nodes, visit);
}

// "Title: Disk full", "(Title: Name of alert)": a label someone typed into the heading, not part of the title.
const TITLE_LABEL = /^\(?\s*title\s*:\s*(.+?)\s*\)?$/i;

/** The title without a leading `Title:` label (and the parentheses around `(Title: X)`); undefined for undefined or a bare label. */
function withoutTitleLabel(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const match = TITLE_LABEL.exec(text);
  if (!match) return text;
  const inner = text.startsWith('(') ? match[1]! : text.replace(/^\s*title\s*:\s*/i, '');
  return inner.trim() || text;
}

function fileStem(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.replace(/\.(md|markdown|mdx)$/i, '');
}

/** Number of lines as an editor shows them: a trailing newline does not start a new line. */
export function countLines(text: string): number {
  if (text.length === 0) return 1;
  let count = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) count++;
  }
  const last = text.charCodeAt(text.length - 1);
  return last === 10 || last === 13 ? count - 1 : count;
}
