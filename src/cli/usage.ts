/** The `runbooks --help` text. */
export const USAGE = `runbooks — find and check on-call runbooks from the terminal and CI

Usage:
  runbooks index  [--root DIR] [--format text|json] [--no-cache]
  runbooks search QUERY [--root DIR] [--limit N] [--format text|json] [--no-cache]
  runbooks --help | --version

Commands:
  index    List every document with its kind, title, owner, service, alerts,
           number of headings and code blocks, and its findings.
  search   Ranked full-text search (title > alerts > headings > tags > body),
           with the section that matched.

Options:
  --root DIR        Workspace root (default: the current directory). Paths in
                    the output are relative to it.
  --format FORMAT   text (default) or json.
  --limit N         Most hits to print (search; default 20).
  --no-cache        Neither read nor write the persisted index (a cold run).
  -h, --help        Show this help.
  -v, --version     Show the version.

Exit codes: 0 ok, 2 usage or tool error.`;
