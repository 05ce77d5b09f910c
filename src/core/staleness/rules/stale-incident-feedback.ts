import { RuleId } from '../../findings/finding';
import type { DocEvidence, StalenessReason } from '../model/evidence';
import type { DocRule } from './rule';

/** The most characters of a note quoted in a reason. */
const MAX_QUOTE = 100;

/**
 * `stale.incident-feedback`: a note written during an incident on a line of the doc, after the doc
 * was last changed or reviewed, and not resolved (see `evidence/incident-feedback.ts`). First-hand
 * evidence that the doc is wrong: weighs `incidentFeedback` per note, like a change.
 */
export const staleIncidentFeedback: DocRule = {
  id: RuleId.staleIncidentFeedback,
  weight: { weights: ['incidentFeedback'], counts: 'stale' },
  check({ evidence, options }) {
    // One weighting for all the notes: the weight times their number.
    return { reasons: feedbackReasons(evidence), stale: options.weights.incidentFeedback * (evidence.feedback?.length ?? 0) };
  },
};

/**
 * One `stale.incident-feedback` warning per record of `evidence.feedback`, on the line the note is
 * about, naming the incident, the day and the note, and saying what to do.
 */
export function feedbackReasons(evidence: DocEvidence): StalenessReason[] {
  const noun = evidence.kind === 'runbook' ? 'runbook' : 'doc';
  const after = afterText(evidence, noun);
  return (evidence.feedback ?? []).map((record) => {
    const incident = record.incident.title ? `incident "${record.incident.title}" (${record.incident.path})` : `incident ${record.incident.path}`;
    const by = record.author ? ` by ${record.author}` : '';
    return {
      ruleId: RuleId.staleIncidentFeedback,
      severity: 'warning',
      line: Math.max(1, record.line),
      message: `Noted in ${incident} on ${record.at.slice(0, 10)}${by}: "${quote(record.text)}"${after}. Update this step, or mark the ${noun} reviewed if it is still right.`,
      commits: [],
    };
  });
}

function afterText(evidence: DocEvidence, noun: string): string {
  const ref = evidence.reference;
  if (!ref) return '';
  if (ref.source === 'working-tree') return `, after this ${noun}'s uncommitted edits`;
  const day = new Date(ref.time * 1000).toISOString().slice(0, 10);
  return `, after this ${noun} was last ${ref.source === 'review' ? 'reviewed' : 'changed'} on ${day}`;
}

/** The note on one line, at most {@link MAX_QUOTE} characters (code points), cut with `…`. */
function quote(text: string): string {
  const flat = [...text.replace(/\s+/g, ' ').trim()];
  return flat.length > MAX_QUOTE ? `${flat.slice(0, MAX_QUOTE - 1).join('').trimEnd()}…` : flat.join('');
}
