import type { DocKind } from './doc-kind';
import type { DocLink } from './doc-link';
import type { Finding } from './findings/finding';

export type { DocKind } from './doc-kind';
export type { DocLink, LinkKind } from './doc-link';

/** A heading with the lines its section spans (1-based, inclusive). */
export interface Heading {
  text: string;
  depth: number;
  /** GitHub-style anchor slug, unique within the document (`#diagnosis`, `#diagnosis-1`). */
  slug: string;
  line: number;
  /** Last line of the section: the line before the next heading of the same or higher level, or the last line. */
  endLine: number;
}

/** An inline code span that looks like a path (`deploy/db/pool.yaml`), where it is written. */
export interface CodeSpan {
  text: string;
  line: number;
  column: number;
}

/** A value from a fence info string attribute: `{timeout=30}` gives 30, `{confirm}` gives true. */
export type AttributeValue = string | number | boolean;

/** A fenced code block with its exact place in the file. */
export interface CodeBlock {
  /** Language from the info string, lower-cased; empty when there is none. */
  lang: string;
  /** The full info string after the language, as written. */
  meta: string;
  /** Attributes parsed from `{key=value ...}` or Runme-style JSON `{"key":"value"}`. */
  attributes: Record<string, AttributeValue>;
  /** Set when the attributes could not be parsed; the block keeps `attributes: {}`. */
  attributeError?: string;
  /** The block's content without the fences, with `\n` line endings whatever the file uses. */
  value: string;
  /** Line of the opening fence. */
  line: number;
  /** Line of the closing fence (or the last line when unclosed). */
  endLine: number;
  /** The heading the block sits under (index into `headings`), or -1 before the first heading. */
  section: number;
}

/** Review metadata, kept as written; interpreted by the staleness rules. */
export interface ReviewMeta {
  /** ISO date (YYYY-MM-DD) of the latest review attestation found in front matter or comments. */
  reviewed?: string;
  /** Which field the date came from (`reviewed`, `last_reviewed`, `ms.date`, …). */
  reviewedField?: string;
  /** Review interval as written (`90d`, `3 months`, `P90D`). */
  interval?: string;
}

/** The front matter fields the extension understands, normalised. */
export interface DocMeta {
  owner?: string;
  team?: string;
  services: string[];
  tags: string[];
  alerts: string[];
  severity?: string;
  /** `type:`/`kind:` as written, when present. */
  type?: string;
  review: ReviewMeta;
}

/** Where a doc names an alert, strongest first: its front matter `alerts:`, its file name, a heading. */
export type AlertMatchSource = 'front-matter' | 'file-name' | 'heading';

/** The searchable text of one section; `heading` is an index into `headings`, -1 for text before any heading. */
export interface SectionText {
  heading: number;
  text: string;
}

/** Everything the extension knows about one markdown document. Paths are workspace-relative, posix. */
export interface DocModel {
  path: string;
  title: string;
  titleSource: 'front-matter' | 'heading' | 'file-name';
  kind: DocKind;
  /** Why the kind was chosen, for tooltips and `runbooks index`. */
  kindReason: string;
  /** The front matter as parsed, or undefined when there is none or it failed to parse. */
  frontMatter?: Record<string, unknown>;
  /** Lines the front matter block spans, when present. */
  frontMatterLines?: { start: number; end: number };
  meta: DocMeta;
  headings: Heading[];
  links: DocLink[];
  /**
   * Inline code spans that look like paths (a `/` or a file extension, no shell syntax), for the
   * staleness rules. Absent when there are none, and in models cached before they were collected.
   */
  codeSpans?: CodeSpan[];
  codeBlocks: CodeBlock[];
  sections: SectionText[];
  findings: Finding[];
  lineCount: number;
}
