import { RuleId, type Severity } from '../../findings';
import { feedbackReasons } from '../evidence/incident-feedback';
import { formatRange, rangeFragment } from '../model/line-ranges';
import type { BrokenEvidence, ChangeEvidence, DocEvidence } from '../model/evidence';
import type { StalenessOptions } from '../options';
import type { CommitRef, DocStaleness, StalenessLevel, StalenessReason } from '../model/report';

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
