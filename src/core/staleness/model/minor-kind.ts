/**
 * What a hunk of a net change is when it is not a real change: only version numbers changed
 * (`golang:1.21` → `1.22`, `@v3` → `@v4`), only comment lines changed, or its lines were only moved
 * (imports reordered). A doc that points to a file is not made wrong by these (issue 18, patterns
 * 4 and 5); a doc that quotes an old version is, which is why the old versions are kept.
 */
export type MinorKind = 'versions' | 'comments' | 'moved';
