/** How a link target was written. */
export type LinkKind = 'relative' | 'anchor' | 'url' | 'absolute-path';

/** A link found in a document (inline, reference-style, autolink or definition). */
export interface DocLink {
  /** The target exactly as written (after reference resolution). */
  raw: string;
  kind: LinkKind;
  /** For relative links: the path as written, without `#fragment` or `?query`, URL-decoded. */
  path?: string;
  /** The fragment without `#`, when present. */
  anchor?: string;
  /** Line range from a `#L10` / `#L10-L20` / `#L10-20` fragment (1-based, inclusive). */
  lines?: { start: number; end: number };
  /** The link text, for messages. */
  text: string;
  line: number;
  column: number;
  /** True for `[text][ref]` links, whose target is written on the definition's line. */
  viaReference?: boolean;
  /** For a reference-style definition: the texts of the links that use it, in order (absent when none does). */
  useTexts?: string[];
}
