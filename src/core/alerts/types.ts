/** Rule files larger than this are not read (1 MiB). */
export const MAX_RULE_FILE_BYTES = 1024 * 1024;

/** Which annotation named the alert's runbook. */
export type RunbookKey = 'runbook_url' | 'runbook' | 'runbook_url_template' | 'runbookUrl' | 'runbook-url';

/** The runbook annotation of an alert rule, as written. */
export interface RunbookAnnotationValue {
  key: RunbookKey;
  /** The value without quotes. */
  value: string;
  /** 1-based line of the annotation in the rule file. */
  line: number;
  /** True when the value holds template syntax (`{{ … }}`, `%s`, `${…}`) that Prometheus or a generator fills in. */
  templated: boolean;
}

/** One alerting rule (`- alert: Name`) of a Prometheus, Thanos, Mimir or Cortex rule file. */
export interface AlertRule {
  name: string;
  /** Root-relative posix path of the rule file. */
  file: string;
  /** 1-based line of the `alert:` key. */
  line: number;
  /** The `name:` of the rule group, when there is one. */
  group?: string;
  /** `expr:` as written (multi-line expressions keep their line breaks); undefined when the rule has none. */
  expr?: string;
  /** `for:` as written. */
  for?: string;
  /** `labels.severity`; undefined when the rule sets none. */
  severity?: string;
  /** Every label with a scalar value, as strings. */
  labels: Record<string, string>;
  /** The runbook annotation; undefined when the rule has none. */
  runbook?: RunbookAnnotationValue;
  /** True when the rule was read line by line (a Helm template or a file that is not valid YAML): expr and labels may be missing. */
  approximate?: boolean;
}

/** Why a rule file could not be read as YAML, on the line to fix. */
export interface RuleFileProblem {
  file: string;
  line: number;
  column: number;
  /** The parser's reason, one line. */
  reason: string;
}

/** What one rule file holds. */
export interface RuleFileResult {
  alerts: AlertRule[];
  /** YAML errors (empty for a valid file and for a Helm template, which is read line by line instead). */
  problems: RuleFileProblem[];
  /** How the file was read: as YAML, or line by line because it is a template or invalid. */
  readAs: 'yaml' | 'lines';
}

/** Where an alert's runbook annotation leads. */
export type RunbookTarget =
  /** A doc of this repository (at the heading the anchor names, else line 1); `missingAnchor` when the URL's anchor names no heading of it. */
  | { kind: 'doc'; path: string; line: number; how: 'path' | 'repo-url' | 'site-url' | 'name'; missingAnchor?: string }
  /** A doc path or anchor of this repository that does not exist. */
  | { kind: 'broken'; path: string; anchor?: string; reason: string }
  /** A URL that leads out of the repository (a wiki, a runbooks site whose pages are not here). */
  | { kind: 'external'; url: string }
  /** A template whose result cannot be known, or a value that is neither a path nor a URL. */
  | { kind: 'unresolved'; value: string };

/** How an alert found its runbook. */
export type CoverageVia = 'runbook_url' | 'front-matter' | 'heading' | 'file-name';

/** One alert and its runbook. */
export interface AlertCoverage {
  alert: AlertRule;
  /**
   * `covered`: a doc of this repository is its runbook; `external`: its `runbook_url` leads outside
   * the repository (counted as having a runbook); `uncovered`: neither.
   */
  status: 'covered' | 'external' | 'uncovered';
  /** The doc, when covered: path, line to open at, and how it was found. */
  runbook?: { path: string; line: number; via: CoverageVia };
  /** The URL, when external. */
  url?: string;
  /** Where the runbook annotation leads; undefined when the rule has none. */
  target?: RunbookTarget;
}

/** A runbook that declares an alert no rule file defines. */
export interface MissingAlert {
  alert: string;
  doc: string;
  /** 1-based line of the `alerts:` entry (or the front matter's first line when unknown). */
  line: number;
  /** The defined alert with the nearest name (a rename), when one is close. */
  suggestion?: string;
}

/** An alert rule file coupled to a doc by one of its annotations. */
export interface AlertRuleLink {
  /** Root-relative path of the rule file. */
  ruleFile: string;
  /** Line of the annotation in the rule file. */
  line: number;
  value: string;
  /** Root-relative path of the doc it points at. */
  doc: string;
}
