import type { DocKind } from '../doc-model';
import { RuleId, type Severity } from '../findings';
import type { FeedbackRecord } from '../incident/feedback';
import { feedbackReasons } from './incident-feedback';
import { formatRange, rangeFragment, type LineRange } from './line-ranges';
import type { ReviewStatus } from './review';
import type { CommitRef, DocStaleness, LinkedTarget, StalenessLevel, StalenessReason } from './types';

/**
 * How much each kind of evidence adds to a doc's score. The score orders docs by how much they
 * need attention; whether a doc is `stale` depends only on the evidence that it no longer matches
 * what it describes (commits, lines, anchored ranges, uncommitted edits, open incident feedback)
 * reaching `StalenessOptions.staleThreshold`; broken links and overdue reviews do not count there.
 */
export interface StalenessWeights {
  /** Per commit that changed a linked target after the doc's reference time. Default 1. */
  commit: number;
  /** Per changed line (added + deleted, whitespace ignored) in those commits. Default 0.01. */
  line: number;
  /** At most this many lines count per target, so one generated file cannot dominate. Default 500. */
  maxLinesPerTarget: number;
  /** Per linked line range (`#L10-L20`) whose lines changed. Default 2. */
  anchoredRange: number;
  /** Per linked target with uncommitted (non-whitespace) changes. Default 1. */
  uncommitted: number;
  /** Per open note from an incident (unresolved, after the reference time). Default 1: one makes the doc stale. */
  incidentFeedback: number;
  /** Per broken link. Default 5. */
  brokenLink: number;
  /** When the review is overdue (does not make a doc stale). Default 0.5. */
  reviewOverdue: number;
}

/** Every setting of the staleness rules, with the defaults in `DEFAULT_STALENESS_OPTIONS`. */
export interface StalenessOptions {
  weights: StalenessWeights;
  /** A doc whose change evidence (incident feedback included) weighs at least this is `stale`. Default 1 (one commit or one open note). */
  staleThreshold: number;
  /** Commits touching more files than this (in the whole repository) are noise: formatting, renames, imports. Default 50. */
  bulkCommitFiles: number;
  /** Ignore the commits listed in `.git-blame-ignore-revs`. Default true. */
  useBlameIgnoreRevs: boolean;
  /** Uncommitted changes count (linked targets edited, docs being edited). Default true. */
  workingTree: boolean;
  /** Which docs' inline code spans count as links when they name existing paths. Default `runbooks`. */
  codeSpans: 'runbooks' | 'all' | 'off';
  /** Edits of linked markdown docs age the linking doc. Default false (existence is always checked). */
  trackDocLinks: boolean;
  /** Globs of the files scanned for `runbook_url:` / `runbook:` annotations. Default every YAML file. */
  alertRuleFiles: string[];
  /** Larger rule files are not scanned. Default 1 MiB. */
  maxAlertRuleFileBytes: number;
  /** Review interval for docs that declare none (`90d`, `3 months`, `P90D`); default none. */
  defaultReviewInterval?: string;
  /** Kinds of docs the change-set check (`runbooks check`) looks at. Default runbooks and architecture docs. */
  checkKinds: DocKind[];
  /** The clock, for review due dates. Default `() => new Date()`. */
  now: () => Date;
  /**
   * On a cold run, read linked files while the history pass streams. Pays off with spare cores;
   * on two, the reads slow the history pass as much as they save later. Default false (the Node
   * adapter turns it on with 4 or more cores).
   */
  readAhead: boolean;
}

/** The documented defaults; see the field comments of `StalenessOptions` and `StalenessWeights`. */
export const DEFAULT_STALENESS_OPTIONS: Readonly<StalenessOptions> = Object.freeze({
  weights: Object.freeze({ commit: 1, line: 0.01, maxLinesPerTarget: 500, anchoredRange: 2, uncommitted: 1, incidentFeedback: 1, brokenLink: 5, reviewOverdue: 0.5 }),
  staleThreshold: 1,
  bulkCommitFiles: 50,
  useBlameIgnoreRevs: true,
  workingTree: true,
  codeSpans: 'runbooks',
  trackDocLinks: false,
  alertRuleFiles: ['**/*.yml', '**/*.yaml'],
  maxAlertRuleFileBytes: 1024 * 1024,
  checkKinds: ['runbook', 'architecture'],
  now: () => new Date(),
  readAhead: false,
}) as Readonly<StalenessOptions>;

/** Options with every field set: `partial` over the defaults (weights merged field by field). */
export function resolveStalenessOptions(partial: Partial<Omit<StalenessOptions, 'weights'>> & { weights?: Partial<StalenessWeights> } = {}): StalenessOptions {
  return { ...DEFAULT_STALENESS_OPTIONS, ...partial, weights: { ...DEFAULT_STALENESS_OPTIONS.weights, ...partial.weights } };
}

/** Changes of one target (file, folder or glob) after the doc's reference time. */
export interface ChangeEvidence {
  target: LinkedTarget;
  /** Qualifying commits, newest first (bulk, ignored and whitespace-only commits already left out). */
  commits: CommitRef[];
  added: number;
  deleted: number;
  /** Files of a folder or glob target that changed. */
  files: number;
  /** Uncommitted, non-whitespace changes in the working tree. */
  uncommitted?: { added: number; deleted: number; files: number };
}

/** What happened to a linked line range after the doc's reference time. */
export interface AnchorEvidence {
  target: LinkedTarget & { lines: LineRange };
  /** When the range changed: the commits that changed the file since the reference, newest first. */
  touchedBy: CommitRef[];
  /** When the range only moved: the commits that changed the file since the reference, newest first. */
  movedBy: CommitRef[];
  /** Where the range is now (estimated when touched); undefined when its lines were all removed. */
  now: LineRange | undefined;
  /** Uncommitted changes touch the range. */
  uncommittedTouch: boolean;
}

/** A link whose target does not exist. */
export interface BrokenEvidence {
  target: LinkedTarget;
  /** Followed renames end here, at a path that exists. */
  renamedTo?: { path: string; commit?: CommitRef; uncommitted?: boolean };
  /** The commit that deleted it (or `uncommitted` for a working-tree deletion). */
  deletedIn?: CommitRef;
  deletedUncommitted?: boolean;
  /** For pinned links: the ref where it is missing. */
  pinnedAt?: string;
}

/** Everything known about one doc, gathered by the engine, ready to be scored. */
export interface DocEvidence {
  path: string;
  kind: DocKind;
  owner?: string;
  /** Why no verdict is possible (no repository, shallow clone, uncommitted doc), when that is so. */
  unknown?: string;
  reference?: {
    /** Unix seconds. */
    time: number;
    source: 'commit' | 'review' | 'working-tree';
    commit?: CommitRef;
    reviewed?: string;
    reviewedField?: string;
  };
  targets: LinkedTarget[];
  changes: ChangeEvidence[];
  anchors: AnchorEvidence[];
  broken: BrokenEvidence[];
  /** Reasons found while resolving (outside the repository, bad `watches`, unverifiable pins). */
  problems: StalenessReason[];
  /** Open incident feedback on the doc (see `withFeedback`), oldest first; undefined when there is none. */
  feedback?: FeedbackRecord[];
  review: ReviewStatus;
  /** Line for doc-level review reasons (the front matter's first line, else 1). */
  reviewLine?: number;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Turns a doc's evidence into its verdict. Level: `broken` when a link target is missing; else
 * `unknown` when history cannot be trusted; else `stale` when the change evidence (with open
 * incident feedback) weighs at least `staleThreshold`; else `fresh`. The score adds every weighted
 * piece of evidence, rounded to two decimals. Review overdue sets `reviewDue` and adds its own
 * reason and weight, never the level.
 */
export function scoreDoc(evidence: DocEvidence, options: StalenessOptions): DocStaleness {
  const w = options.weights;
  const reasons: StalenessReason[] = [];
  const noun = evidence.kind === 'runbook' ? 'runbook' : 'doc';
  const since = sinceText(evidence, noun);
  let change = 0;

  for (const c of evidence.changes) {
    const lines = Math.min(c.added + c.deleted + (c.uncommitted ? c.uncommitted.added + c.uncommitted.deleted : 0), w.maxLinesPerTarget);
    change += w.commit * c.commits.length + w.line * lines + (c.uncommitted ? w.uncommitted : 0);
    reasons.push({
      ruleId: RuleId.staleLinkedCodeChanged,
      severity: 'warning',
      target: c.target.path,
      line: c.target.line,
      ...(c.target.column !== undefined ? { column: c.target.column } : {}),
      message: changeMessage(c, since, noun),
      commits: c.commits,
      added: c.added + (c.uncommitted?.added ?? 0),
      deleted: c.deleted + (c.uncommitted?.deleted ?? 0),
    });
  }

  for (const a of evidence.anchors) {
    const where = `lines ${formatRange(a.target.lines)} of \`${a.target.path}\` (${rangeFragment(a.target.lines)})`;
    if (a.touchedBy.length > 0 || a.uncommittedTouch) {
      change += w.anchoredRange;
      const count = a.touchedBy.length;
      const what = [count ? `changed since ${since}` : '', a.uncommittedTouch ? `${count ? 'and have' : 'have'} uncommitted changes` : ''].filter(Boolean).join(' ');
      const latest = a.touchedBy[0] ? ` (${plural(count, 'commit')} changed the file since — latest: ${commitText(a.touchedBy[0])})` : '';
      const moved = a.now && (a.now.start !== a.target.lines.start || a.now.end !== a.target.lines.end) ? ` They are now around lines ${formatRange(a.now)}.` : '';
      const gone = a.now ? '' : ' The lines were removed.';
      reasons.push({
        ruleId: RuleId.staleAnchoredRangeChanged,
        severity: 'warning',
        target: a.target.path,
        line: a.target.line,
        ...(a.target.column !== undefined ? { column: a.target.column } : {}),
        message: `${cap(where)} ${what}${latest}.${moved}${gone} Check that this ${noun} still matches them, then update it (and the link) or mark it reviewed.`,
        commits: a.touchedBy,
        ...(a.now ? { suggestion: { path: a.target.path, lines: a.now } } : {}),
      });
    } else if (a.now && (a.now.start !== a.target.lines.start || a.now.end !== a.target.lines.end)) {
      reasons.push({
        ruleId: RuleId.linkAnchorDrifted,
        severity: 'info',
        target: a.target.path,
        line: a.target.line,
        ...(a.target.column !== undefined ? { column: a.target.column } : {}),
        message: `${cap(where)} moved to lines ${formatRange(a.now)}: lines were added or removed above them${a.movedBy[0] ? ` (latest: ${commitText(a.movedBy[0])})` : ''}. Update the link to ${rangeFragment(a.now)}.`,
        commits: a.movedBy,
        suggestion: { path: a.target.path, lines: a.now },
      });
    }
  }

  // Incident feedback is first-hand evidence that the doc is wrong: it weighs like a change.
  change += w.incidentFeedback * (evidence.feedback?.length ?? 0);
  reasons.push(...feedbackReasons(evidence));

  for (const b of evidence.broken) {
    reasons.push(brokenReason(b));
  }
  reasons.push(...evidence.problems);

  if (evidence.unknown) {
    reasons.push({ ruleId: RuleId.stalenessUnknown, severity: 'info', line: 1, message: `Staleness unknown: ${evidence.unknown}`, commits: [] });
  }

  if (evidence.review.invalidInterval !== undefined) {
    reasons.push({
      ruleId: RuleId.reviewInvalidInterval,
      severity: 'warning',
      line: evidence.reviewLine ?? 1,
      message: `Review interval \`${evidence.review.invalidInterval}\` is not a duration; write e.g. \`90d\`, \`3 months\`, \`P90D\` or \`quarterly\`.`,
      commits: [],
    });
  }
  if (evidence.review.due) {
    const last = evidence.reference ? isoDay(evidence.reference.time) : undefined;
    const owner = evidence.owner ? ` Owner: ${evidence.owner}.` : '';
    reasons.push({
      ruleId: RuleId.reviewOverdue,
      severity: 'warning',
      line: evidence.reviewLine ?? 1,
      message: `Review overdue since ${evidence.review.dueDate} (review every ${evidence.review.interval}${last ? `; last changed or reviewed ${last}` : ''}).${owner} Review this ${noun}, then set \`reviewed: ${isoDay(options.now().getTime() / 1000)}\` in its front matter.`,
      commits: [],
    });
  }

  const broken = evidence.broken.length;
  const score = change + w.brokenLink * broken + (evidence.review.due ? w.reviewOverdue : 0);
  const level: StalenessLevel = broken > 0 ? 'broken' : evidence.unknown ? 'unknown' : change >= options.staleThreshold ? 'stale' : 'fresh';
  reasons.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.line - b.line || (a.column ?? 0) - (b.column ?? 0));

  const ref = evidence.reference;
  return {
    path: evidence.path,
    kind: evidence.kind,
    level,
    score: Math.round(score * 100) / 100,
    reviewDue: evidence.review.due,
    ...(ref && !evidence.unknown ? { referenceTime: isoTime(ref.time), referenceSource: ref.source } : {}),
    ...(ref?.commit ? { lastContentCommit: ref.commit } : {}),
    ...(evidence.owner ? { owner: evidence.owner } : {}),
    reasons,
    targets: evidence.targets,
  };
}

function brokenReason(b: BrokenEvidence): StalenessReason {
  const t = b.target;
  const at = { target: t.path, line: t.line, ...(t.column !== undefined ? { column: t.column } : {}) };
  const what = t.via === 'watches' ? 'Watched path' : t.via === 'alert-rule' ? 'Alert rule file' : 'Link target';
  if (b.pinnedAt) {
    return {
      ruleId: RuleId.linkMissingTarget,
      severity: 'error',
      ...at,
      message: `${what} \`${t.path}\` does not exist at ${b.pinnedAt.slice(0, 12)}, the commit or tag this link is pinned to. Fix the link.`,
      commits: [],
    };
  }
  if (b.renamedTo) {
    const when = b.renamedTo.commit ? ` in ${commitText(b.renamedTo.commit)}` : b.renamedTo.uncommitted ? ' (uncommitted)' : '';
    return {
      ruleId: RuleId.linkRenamedTarget,
      severity: 'error',
      ...at,
      message: `${what} \`${t.path}\` does not exist: it was renamed to \`${b.renamedTo.path}\`${when}. Update the link to \`${b.renamedTo.path}\`.`,
      commits: b.renamedTo.commit ? [b.renamedTo.commit] : [],
      suggestion: { path: b.renamedTo.path, ...(t.lines ? { lines: t.lines } : {}), ...(b.renamedTo.commit ? { commit: b.renamedTo.commit } : {}) },
    };
  }
  const deleted = b.deletedIn ? ` (deleted in ${commitText(b.deletedIn)})` : b.deletedUncommitted ? ' (deleted in the working tree, not committed)' : '';
  return {
    ruleId: RuleId.linkMissingTarget,
    severity: 'error',
    ...at,
    message: `${what} \`${t.path}\` does not exist${deleted}. Fix or remove the link.`,
    commits: b.deletedIn ? [b.deletedIn] : [],
  };
}

function changeMessage(c: ChangeEvidence, since: string, noun: string): string {
  const t = c.target;
  const what =
    t.kind === 'glob'
      ? `Watched files \`${t.path}\``
      : t.kind === 'directory'
        ? `Linked folder \`${t.path || '.'}/\``
        : t.via === 'alert-rule'
          ? `Alert rule file \`${t.path}\` (its \`runbook_url\` points here)`
          : t.via === 'code-span'
            ? `\`${t.path}\` (named in this ${noun})`
            : t.via === 'watches'
              ? `Watched file \`${t.path}\``
              : `Linked file \`${t.path}\``;
  const files = t.kind === 'glob' || t.kind === 'directory' ? ` (${plural(c.files, 'file')})` : '';
  const parts: string[] = [];
  if (c.commits.length > 0) parts.push(`changed${files} in ${plural(c.commits.length, 'commit')} (${lineCounts(c.added, c.deleted)})`);
  if (c.uncommitted) parts.push(`has uncommitted changes (${lineCounts(c.uncommitted.added, c.uncommitted.deleted)})`);
  const latest = c.commits[0] ? ` — latest: ${commitText(c.commits[0])}` : '';
  return `${what} ${parts.join(' and ')} since ${since}${latest}. Check this ${noun} against the change, then update it or mark it reviewed.`;
}

function sinceText(evidence: DocEvidence, noun: string): string {
  const ref = evidence.reference;
  if (!ref) return `this ${noun} was written`;
  if (ref.source === 'working-tree') return `this ${noun}'s uncommitted edits`;
  const day = isoDay(ref.time);
  return ref.source === 'review' ? `this ${noun} was last reviewed on ${day}` : `this ${noun} was last changed on ${day}`;
}

function lineCounts(added: number, deleted: number): string {
  return `+${added}/\u2212${deleted} lines`;
}

/** `a1b2c3d "raise pool size"`. */
export function commitText(commit: CommitRef): string {
  return `${commit.sha.slice(0, 7)} "${commit.subject}"`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Unix seconds → `YYYY-MM-DDTHH:mm:ssZ`. */
export function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Unix seconds → `YYYY-MM-DD` (UTC). */
export function isoDay(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}
