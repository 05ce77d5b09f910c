/** The `runbooks --help` text. */
export const USAGE = `runbooks — find and check on-call runbooks from the terminal and CI

Usage:
  runbooks index  [--root DIR] [--format text|json|github|sarif] [--config FILE]
                  [--no-cache]
  runbooks search QUERY [--root DIR] [--limit N] [--format text|json] [--no-cache]
  runbooks blocks DOC [--root DIR] [--format text|json|github|sarif]
  runbooks run DOC [--block NAME|INDEX] [--section HEADING] [--var KEY=VALUE ...]
               [--yes] [--context-override NAME] [--root DIR] [--format text|json]
  runbooks history [--doc PATH] [--since 2d|DATE] [--format text|json]
  runbooks incident start TITLE [--severity S] [--runbook PATH ...] [--alert NAME] [--paged TIME] [--incidents-dir DIR]
  runbooks incident page [--alert NAME] [--paged TIME] [--incidents-dir DIR]
  runbooks incident resolve [--incidents-dir DIR]
  runbooks incident list [--format text|json] [--incidents-dir DIR]
  runbooks note TEXT [--at HH:MM] [--incidents-dir DIR]
  runbooks report [--root DIR] [--format text|json|github|sarif]
                  [--only broken,stale,unknown,fresh,review] [--quiet]
                  [--fail-on none|warning|error]
                  [--incidents-dir DIR] [--config FILE] [--no-cache]
  runbooks check [--base REF] [--head REF] [--format text|json|github|sarif]
                 [--fail-on none|warning|error] [--root DIR] [--config FILE]
                 [--no-cache]
  runbooks coverage [--root DIR] [--format text|json|github|sarif]
                    [--fail-on none|warning|error] [--no-cache]
  runbooks --help | --version

Commands:
  index    List every document with its kind, title, owner, service, alerts,
           number of headings and code blocks, and its findings (front
           matter, encoding, blocks; links and staleness: see report).
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
           Context guard: when the runbook (front matter) or block declares
           kube-context, namespace, aws-profile, aws-account, gcp-project or
           azure-subscription, each kubectl/helm/oc/aws/gcloud/az command must
           resolve there (flags, environment, kubeconfig, ~/.aws/config...),
           else the run is refused; unknown counts as a mismatch. A change
           block in environment: production needs the context name typed.
  history  The run log: every block run from the CLI or the editor, newest
           first (time, result, kind, runbook#block, where it ran, user,
           how it was confirmed, the redacted command). One log per user in
           $XDG_STATE_HOME/living-runbooks/runs.jsonl (~/.local/state/...).
  incident start    Create incidents/YYYY-MM-DD-<slug>.md from the template
           (front matter, Summary, Actions, Follow-ups, Timeline); it becomes
           the active incident. The commander is git user.name.
  incident resolve  Mark the active incident resolved and write a postmortem
           draft next to it (<incident>-postmortem.md).
  incident page     Record the alert that paged and/or when (--paged HH:MM or
           an ISO time) in the active incident; the duration counts from it.
  incident list     Incidents, newest first, with status and timeline size.
  note     Append a timestamped note (UTC and local time, git user.name) to
           the active incident's timeline. Start TEXT with HH:MM, or pass
           --at HH:MM, for something that happened earlier (today, or
           yesterday if that time is still to come). Secrets are redacted.
  report   The totals, then every document, worst first (broken, stale,
           unknown, fresh; runbooks before other docs), with its staleness
           level, score and reasons: linked files, folders, globs
           (watches:), code spans and alert rules that changed in first-parent
           history after the doc was last changed or reviewed; broken links
           (with the new path when renamed); feedback on a doc's lines from
           incidents, not resolved and written after the doc was last changed
           or reviewed; review overdue. Bulk (>50 files), whitespace-only and
           .git-blame-ignore-revs commits do not count; uncommitted changes do.
           The weights and rules come from the config file (see --config).
  check    The code-review check: every runbook or architecture doc whose
           linked code or config changed between the merge base of --base and
           --head (default: the working tree) while the doc did not, reported
           on the changed code line (one warning per file and rule, listing
           the changed lines). Without --base: the default branch (origin/HEAD,
           else another remote's HEAD, else origin/main, origin/master, main or
           master), named on stderr. github: workflow annotations (at most 10,
           the rest summarised); sarif: SARIF 2.1.0.
  coverage Alert coverage: every alerting rule in the Prometheus, Thanos,
           Mimir or Cortex rule files (also PrometheusRule manifests) with its
           runbook (runbook_url, or a doc listing it in alerts:, a heading or
           a file named after it), the alerts without one, broken runbook
           URLs, and runbooks for alerts no rule defines; then the summary.

Options:
  --root DIR        Workspace root (default: the current directory). Paths in
                    the output are relative to it.
  --format FORMAT   text (default) or json; index, report and check also
                    github (workflow annotations) or sarif (SARIF 2.1.0).
  --limit N         Most hits to print (search; default 20).
  --no-cache        Neither read nor write the persisted index or history
                    (a cold run).
  --block NAME|N    run: the block with this name or index (see blocks).
  --section TEXT    run: the blocks under this heading (text or slug).
  --var KEY=VALUE   run: a value for an input; repeatable.
  --doc PATH        history: only the runs of this runbook.
  --since 2d|DATE   history: only runs since then (30m, 12h, 2d, 1w, 2026-12-01).
  -y, --yes         run: approve state-changing blocks without asking.
  --context-override NAME
                    run: NAME is where the commands would really run (the
                    refusal says it): runs despite a context mismatch, and is
                    the typed confirmation of a production change block.
  --severity S      incident start: the severity (SEV1, SEV2, …; default unknown).
  --runbook PATH    incident start: a runbook being followed; repeatable.
  --alert NAME      incident start, page: the alert that paged.
  --paged TIME      incident start, page: when the page came (HH:MM, or ISO 8601).
  --at HH:MM        note: when it happened, in the local time zone (TZ).
  --base REF        check: compare against the merge base with this ref
                    (default: the repository's default branch).
  --only LEVELS     report: list only these docs, comma-separated: broken,
                    stale, unknown, fresh, review (review overdue).
  -q, --quiet       report: leave out fresh docs without findings.
  --head REF        check: the end of the change set (default: working tree).
  --fail-on LEVEL   report, check: exit 1 when a finding is at least this
                    severe: none, warning or error (report: none; check:
                    warning).
  --incidents-dir DIR  incident, note, report: the incidents folder, relative
                    to --root (default incidents).
  --config FILE     index, report, check: the config file. Its staleness:
                    section sets the scoring (weights, staleThreshold,
                    bulkCommitFiles, ...), its rules: section the severity of
                    each rule (error, warning, info or off; see the README).
                    Default: .runbooks.yml or .runbooks.yaml in --root, if
                    there is one. An invalid file is an error (exit 2; index
                    only warns), listed line by line.
  -h, --help        Show this help.
  -v, --version     Show the version.

Exit codes: 0 ok; run: the first failing block's exit status (124 on
timeout, 1 when killed or judged failed by expect); report, check: 1 when a
finding reaches --fail-on; 2 usage or tool error (an invalid config file
too), or no active incident (note, incident resolve).`;
