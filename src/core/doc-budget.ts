/**
 * Bounds on the shape of one markdown document, checked in one pass before it is parsed. The
 * markdown parser is recursive and builds a node per line of structure: 4,000 `>` on one line
 * overflow its stack, a million `# h` lines take gigabytes, long runs of unmatched brackets or
 * emphasis take minutes. A runbook is far inside every bound; a file past one is listed with a
 * `doc.unparseable` finding and the rest of the repository is processed.
 */
export interface DocBudget {
  /** Lines in the file. */
  maxLines: number;
  /** ATX heading lines (`# …`). */
  maxHeadings: number;
  /** List item lines (`- `, `* `, `1. `). */
  maxListItems: number;
  /** Nesting of block quotes and lists on one line (`>` markers, list markers, indentation / 2). */
  maxNesting: number;
  /** Bracket, emphasis and code-span delimiters in one paragraph (outside fenced code). */
  maxDelimitersPerParagraph: number;
  /** Characters in one line outside fenced code. */
  maxLineLength: number;
}

/** The defaults: a 5 MB generated runbook of 2,000 sections and 90,000 lines fits well inside. */
export const DEFAULT_DOC_BUDGET: Readonly<DocBudget> = Object.freeze({
  maxLines: 250_000,
  maxHeadings: 10_000,
  maxListItems: 25_000,
  maxNesting: 32,
  maxDelimitersPerParagraph: 5_000,
  maxLineLength: 100_000,
});

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const DELIMITERS = /[[\]*_`]/g;

/**
 * Why `text` is over `budget`, as words that complete "This file …" (e.g. "has 1,000,000
 * headings; the limit is 10,000"), or undefined when it is within every bound. Linear in the text.
 */
export function overDocBudget(text: string, budget: DocBudget = DEFAULT_DOC_BUDGET): string | undefined {
  let lines = 0;
  let headings = 0;
  let items = 0;
  let paragraphDelimiters = 0;
  let fence: string | undefined;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    lines++;
    if (lines > budget.maxLines) return `has more than ${n(budget.maxLines)} lines; the limit is ${n(budget.maxLines)}`;
    const fenceMatch = FENCE.exec(line);
    if (fence !== undefined) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length && line.trim() === fenceMatch[1]) fence = undefined;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      paragraphDelimiters = 0;
      continue;
    }
    if (line.length > budget.maxLineLength) return `has a line of ${n(line.length)} characters outside code blocks; the limit is ${n(budget.maxLineLength)}`;
    if (line.trim() === '') {
      paragraphDelimiters = 0;
      continue;
    }
    const depth = nesting(line, budget.maxNesting);
    if (depth > budget.maxNesting) return `nests block quotes or lists more than ${budget.maxNesting} levels deep on line ${n(lines)}; the limit is ${budget.maxNesting}`;
    if (HEADING.test(line) && ++headings > budget.maxHeadings) return `has more than ${n(budget.maxHeadings)} headings; the limit is ${n(budget.maxHeadings)}`;
    if (LIST_ITEM.test(line) && ++items > budget.maxListItems) return `has more than ${n(budget.maxListItems)} list items; the limit is ${n(budget.maxListItems)}`;
    paragraphDelimiters += line.match(DELIMITERS)?.length ?? 0;
    if (paragraphDelimiters > budget.maxDelimitersPerParagraph) {
      return `has more than ${n(budget.maxDelimitersPerParagraph)} brackets, emphasis or code marks in one paragraph (ending near line ${n(lines)}); the limit is ${n(budget.maxDelimitersPerParagraph)}`;
    }
  }
  return undefined;
}

/** Container depth at the start of `line`: `>` markers, list markers and every two columns of indentation; stops counting past `limit`. */
function nesting(line: string, limit: number): number {
  let depth = 0;
  let columns = 0;
  for (let i = 0; i < line.length && depth <= limit; i++) {
    const c = line[i];
    if (c === '>') {
      depth++;
      columns = 0;
    } else if (c === ' ') columns++;
    else if (c === '\t') columns += 4;
    else if ((c === '-' || c === '*' || c === '+') && (line[i + 1] === ' ' || line[i + 1] === '\t')) {
      depth += 1 + Math.floor(columns / 2);
      columns = 0;
    } else break;
  }
  return depth + Math.floor(columns / 4);
}

function n(value: number): string {
  return value.toLocaleString('en-US');
}
