/** The `runbooks --help` text. */
export const USAGE = `runbooks — find and check on-call runbooks from the terminal and CI

Usage:
  runbooks index  [--root DIR] [--format text|json] [--no-cache]
  runbooks search QUERY [--root DIR] [--limit N] [--format text|json] [--no-cache]
  runbooks blocks DOC [--root DIR] [--format text|json]
  runbooks run DOC [--block NAME|INDEX] [--section HEADING] [--var KEY=VALUE ...]
               [--yes] [--root DIR] [--format text|json]
  runbooks incident start TITLE [--severity S] [--runbook PATH ...] [--incidents-dir DIR]
  runbooks incident resolve [--incidents-dir DIR]
  runbooks incident list [--format text|json] [--incidents-dir DIR]
  runbooks note TEXT [--at HH:MM] [--incidents-dir DIR]
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
  incident start    Create incidents/YYYY-MM-DD-<slug>.md from the template
           (front matter, Summary, Actions, Follow-ups, Timeline); it becomes
           the active incident. The commander is git user.name.
  incident resolve  Mark the active incident resolved and write a postmortem
           draft next to it (<incident>-postmortem.md).
  incident list     Incidents, newest first, with status and timeline size.
  note     Append a timestamped note (UTC and local time, git user.name) to
           the active incident's timeline. Start TEXT with HH:MM, or pass
           --at HH:MM, for something that happened earlier (today, or
           yesterday if that time is still to come). Secrets are redacted.

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
  --severity S      incident start: the severity (SEV1, SEV2, …; default unknown).
  --runbook PATH    incident start: a runbook being followed; repeatable.
  --at HH:MM        note: when it happened, in the local time zone (TZ).
  --incidents-dir DIR  incident, note: the incidents folder, relative to --root
                    (default incidents).
  -h, --help        Show this help.
  -v, --version     Show the version.

Exit codes: 0 ok; run: the first failing block's exit status (124 on
timeout, 1 when killed or judged failed by expect); 2 usage or tool error,
or no active incident (note, incident resolve).`;
