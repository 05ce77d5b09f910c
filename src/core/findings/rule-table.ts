import { RuleId, type RuleIdValue, type Severity } from './finding';

/** Where a rule's findings come from. */
export type RuleGroup = 'index' | 'config' | 'staleness' | 'alerts' | 'commands';

/** What a rule means: for SARIF `rules`, help links, the severity settings and the README's rule table. */
export interface RuleInfo {
  id: RuleIdValue;
  /** PascalCase name (SARIF `name`). */
  name: string;
  group: RuleGroup;
  /** The severity its findings have unless `.runbooks.yml` `rules:` or `runbooks.rules.severity` say otherwise. */
  defaultSeverity: Severity;
  /** One sentence. */
  description: string;
  /** The `staleness.weights` that score its findings (names of `StalenessWeights`); empty when it does not score. */
  weights: readonly string[];
}

/**
 * Where the README lives; `helpUri` of a rule is this plus `#rule-<id with dots as dashes>`, the
 * anchor of its row in the README's rule table. Kept equal to package.json's `repository.url` by a test.
 */
export const README_URL = 'https://example.invalid/living-runbooks';

const rule = (id: RuleIdValue, name: string, group: RuleGroup, defaultSeverity: Severity, description: string, weights: readonly string[] = []): RuleInfo =>
  Object.freeze({ id, name, group, defaultSeverity, description, weights: Object.freeze([...weights]) });

/** Every rule, in a stable order: index, staleness, config, alerts, commands. */
export const RULES: readonly RuleInfo[] = Object.freeze([
  rule(RuleId.frontMatterInvalid, 'FrontMatterInvalid', 'index', 'error', 'The YAML front matter could not be parsed; the doc is read without it.'),
  rule(RuleId.frontMatterNotMapping, 'FrontMatterNotMapping', 'index', 'error', 'The front matter parsed but is not a mapping (e.g. a bare list or string).'),
  rule(RuleId.frontMatterFieldType, 'FrontMatterFieldType', 'index', 'warning', 'A known front matter field has the wrong shape (e.g. `alerts: 3`).'),
  rule(RuleId.docInvalidEncoding, 'InvalidEncoding', 'index', 'warning', 'The file is not valid UTF-8; invalid bytes were replaced.'),
  rule(RuleId.docTooLarge, 'DocTooLarge', 'index', 'info', 'The file is larger than `runbooks.index.maxFileSizeMB` and was not parsed.'),
  rule(RuleId.docUnreadable, 'DocUnreadable', 'index', 'error', 'The file could not be read.'),
  rule(RuleId.docUnparseable, 'DocUnparseable', 'index', 'error', 'The file is over a parse budget (lines, headings, list items, nesting, bracket or emphasis marks, time, memory) or the parser failed on it; it is listed but not parsed or searched.'),
  rule(RuleId.pathNotUtf8, 'PathNotUtf8', 'index', 'warning', 'The file name is not valid UTF-8; it is shown with the other bytes as `\\xNN`, and links, git history and other tools cannot name it reliably.'),
  rule(RuleId.blockInvalidAttribute, 'BlockInvalidAttribute', 'index', 'error', 'An attribute of a fenced block (`timeout=2x`) does not parse; the block is refused until it is fixed.'),
  rule(RuleId.staleLinkedCodeChanged, 'LinkedCodeChanged', 'staleness', 'warning', 'A file the doc links to or is named by, or a file in a folder or glob it watches, changed after the doc was last changed or reviewed (folder links, figures, version bumps and entry-only data changes do not count).', ['commit', 'line', 'uncommitted']),
  rule(RuleId.staleAnchoredRangeChanged, 'AnchoredRangeChanged', 'staleness', 'warning', 'Lines the doc links to (#L10-L20) changed after the doc was last changed or reviewed.', ['anchoredRange']),
  rule(RuleId.staleIncidentFeedback, 'IncidentFeedback', 'staleness', 'warning', 'Feedback on a line of the doc, written during an incident after the doc was last changed or reviewed, is not resolved.', ['incidentFeedback']),
  rule(RuleId.staleMinorChange, 'MinorChange', 'staleness', 'info', 'A linked file or line range changed after the doc was last changed or reviewed, but only in version numbers the doc does not quote, in comments, or by lines moving: shown, never enough to make the doc stale.', ['minorChange']),
  rule(RuleId.staleUnmentionedChange, 'UnmentionedChange', 'staleness', 'info', 'A linked file changed after the doc was last changed or reviewed, but the change took nothing the doc says next to the link out of it (words it only brought in are named: what a file gains does not make a doc wrong), removed no top-level section the doc names or whose contents left the file (a renamed or moved section, a small setting, is named instead) and added no entry like ones it names: the link is a pointer and stays true; or a script or make target the doc calls changed only inside, not in how it is called (arguments, options, usage, the variables the doc names); or the linked file (or the lines a #L anchor names in it) was written after the doc; shown, never enough to make the doc stale.', ['minorChange']),
  rule(RuleId.linkMissingTarget, 'MissingLinkTarget', 'staleness', 'error', 'A link target does not exist.', ['brokenLink']),
  rule(RuleId.linkRenamedTarget, 'RenamedLinkTarget', 'staleness', 'error', 'A link target was renamed; the link should point at the new path.', ['brokenLink']),
  rule(RuleId.linkOutsideRepo, 'LinkOutsideRepository', 'staleness', 'warning', 'A link points above the workspace root, where its history is not followed.'),
  rule(RuleId.linkNotPublished, 'LinkNotPublished', 'staleness', 'warning', 'A relative link of a docs-site page resolves to a file the site does not serve, so it works in the repository but is a 404 on the published site.'),
  rule(RuleId.linkAnchorDrifted, 'LineAnchorDrifted', 'staleness', 'info', 'Lines were added or removed above a linked line range, so the anchor points elsewhere now.'),
  rule(RuleId.linkPinnedUnverifiable, 'PinnedLinkUnverifiable', 'staleness', 'info', 'A link is pinned to a commit or tag that is not in this clone.'),
  rule(RuleId.watchesNoMatch, 'WatchesNoMatch', 'staleness', 'warning', 'A front matter watches pattern matches no file.'),
  rule(RuleId.watchesUnsafePattern, 'WatchesUnsafePattern', 'staleness', 'warning', 'A front matter watches glob is over the bounds every glob from a repository must keep (256 characters, 10 wildcards, 64 `{a,b}` alternatives) or uses an unsupported extglob; it was ignored.'),
  rule(RuleId.reviewOverdue, 'ReviewOverdue', 'staleness', 'warning', 'The doc is older than its review interval.', ['reviewOverdue']),
  rule(RuleId.reviewInvalidInterval, 'InvalidReviewInterval', 'staleness', 'warning', 'The review interval is not a duration.'),
  rule(RuleId.reviewFutureDate, 'ReviewDateInFuture', 'staleness', 'warning', 'The `reviewed:` date is in the future, which would keep the doc fresh until then; it was ignored.'),
  rule(RuleId.stalenessUnknown, 'StalenessUnknown', 'staleness', 'info', 'No verdict: not a git repository, a shallow clone, or an uncommitted doc.'),
  rule(RuleId.configInvalid, 'ConfigInvalid', 'config', 'error', 'The repository config file (`.runbooks.yml`) is not valid YAML, or a setting in it is unknown or has a wrong value.'),
  rule(RuleId.alertNoRunbook, 'AlertWithoutRunbook', 'alerts', 'warning', 'An alerting rule has no runbook: no runbook_url leads to one and no doc lists it in `alerts:`, has a heading or a file named after it (info for `severity: info` or `none`).'),
  rule(RuleId.alertRunbookUrlBroken, 'AlertRunbookUrlBroken', 'alerts', 'error', "An alert's runbook_url points at a doc path or anchor of this repository that does not exist (a missing anchor is a warning)."),
  rule(RuleId.alertRuleFileInvalid, 'AlertRuleFileInvalid', 'alerts', 'error', 'A file with alerting rules is not valid YAML; its alerts were read line by line.'),
  rule(RuleId.runbookAlertMissing, 'RunbookAlertMissing', 'alerts', 'warning', 'A runbook lists an alert in `alerts:` that no rule file defines (info when the repository has no rule files).'),
  rule(RuleId.commandMissingScript, 'CommandMissingScript', 'commands', 'error', 'A command of a runnable block runs a repository file (`./scripts/x.sh`, `bash ops/x.sh`, `python tools/x.py`, `go run ./cmd/x`) that does not exist; says where git shows it was renamed to.'),
  rule(RuleId.commandMissingTarget, 'CommandMissingTarget', 'commands', 'error', 'A command runs a `make`/`just`/`task`/`npm run`/`yarn`/`pnpm`/`rake`/`mage` target that the file the tool would read does not define (said only when that file can be read whole).'),
  rule(RuleId.commandUnknownFlag, 'CommandUnknownFlag', 'commands', 'warning', "A command passes a repository script a long option that the script's own option parsing never mentions, or `gh workflow run` an input the workflow does not declare (said only when the parsing can be read)."),
]);

const BY_ID = new Map<string, RuleInfo>(RULES.map((r) => [r.id, r]));

/** The rule with this id; undefined for an id that is not in the table. */
export function ruleInfo(id: string): RuleInfo | undefined {
  return BY_ID.get(id);
}

/** The rules of one group, in table order. */
export function rulesOf(group: RuleGroup): readonly RuleInfo[] {
  return RULES.filter((r) => r.group === group);
}

/** The README anchor of a rule's row (`rule-link-anchor-drifted`). */
export function ruleAnchor(id: string): string {
  return `rule-${id.replace(/[^a-z0-9-]/gi, '-')}`;
}

/** The help link of a rule: its row in the README's rule table. */
export function ruleHelpUri(id: string): string {
  return `${README_URL}#${ruleAnchor(id)}`;
}
