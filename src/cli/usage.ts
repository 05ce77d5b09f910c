/** The `runbooks --help` text. */
export const USAGE = `runbooks — find and check on-call runbooks from the terminal and CI

Usage:
  runbooks index  [--root DIR] [--format text|json] [--no-cache]
  runbooks search QUERY [--root DIR] [--limit N] [--format text|json] [--no-cache]
  runbooks blocks DOC [--root DIR] [--format text|json]
  runbooks run DOC [--block NAME|INDEX] [--section HEADING] [--var KEY=VALUE ...]
               [--yes] [--root DIR] [--format text|json]
  runbooks --help | --version

Commands:
  index    List every document with its kind, title, owner, service, alerts,
           number of headings and code blocks, and its findings.
  search   Ranked full-text search (title > alerts > headings > tags > body),
           with the section that matched.
  blocks   List the runnable blocks of a runbook (sh, bash, zsh, shell, console)
           with their index, name, line, kind (check or change) and inputs.
  run      Run blocks of a runbook one after another, stopping at the first
           failure: one --block, the blocks under a --section heading, or all.
           Inputs (<placeholder>, $VAR) come from --var, the environment or
           their default, else are asked on a terminal. A block that changes
           state runs only with --yes or after "y" on a terminal; without a
           terminal it is refused. Output is capped and secrets redacted.

Options:
  --root DIR        Workspace root (default: the current directory). Paths in
                    the output are relative to it.
  --format FORMAT   text (default) or json.
  --limit N         Most hits to print (search; default 20).
  --no-cache        Neither read nor write the persisted index (a cold run).
  --block NAME|N    run: the block with this name or index (see blocks).
  --section TEXT    run: the blocks under this heading (text or slug).
  --var KEY=VALUE   run: a value for an input; repeatable.
  -y, --yes         run: approve state-changing blocks without asking.
  -h, --help        Show this help.
  -v, --version     Show the version.

Exit codes: 0 ok; run: the first failing block's exit status (124 on
timeout, 1 when killed or judged failed by expect); 2 usage or tool error.`;
