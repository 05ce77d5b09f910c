/**
 * Incident feedback as staleness evidence: a note someone wrote on a runbook line during an
 * incident ("step 3 is wrong: the pool is in pgbouncer.ini now") says first-hand that the doc no
 * longer matches reality. It counts until it is resolved in its incident, or until the doc is
 * changed or reviewed after it (its reference time): such an edit or review is taken to have
 * addressed it.
 */
import type { FeedbackRecord } from '../../incident/feedback';
import type { FeedbackSource } from '../ports';
import type { DocEvidence } from '../model/evidence';

/** Unresolved feedback by doc path, oldest first per doc. */
export type FeedbackIndex = ReadonlyMap<string, readonly FeedbackRecord[]>;

/**
 * The unresolved records of `records`, grouped by `path`, each group ordered by time, then
 * incident path, then line. Resolved records are left out.
 */
export function indexFeedback(records: readonly FeedbackRecord[]): FeedbackIndex {
  const index = new Map<string, FeedbackRecord[]>();
  for (const record of records) {
    if (record.resolved) continue;
    const list = index.get(record.path);
    if (list) list.push(record);
    else index.set(record.path, [record]);
  }
  for (const list of index.values()) {
    list.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.incident.path.localeCompare(b.incident.path) || a.line - b.line);
  }
  return index;
}

/**
 * Reads the feedback through `source` and indexes it. Never rejects for unreadable incidents: the
 * index is then empty and `warnings` says why (the verdicts are still worth having). Rejects when
 * `signal` is aborted. An undefined `source` gives an empty index.
 */
export async function loadFeedback(source: FeedbackSource | undefined, signal?: AbortSignal): Promise<{ index: FeedbackIndex; warnings: string[] }> {
  if (!source) return { index: new Map(), warnings: [] };
  try {
    return { index: indexFeedback(await source.load(signal)), warnings: [] };
  } catch (error) {
    signal?.throwIfAborted();
    return { index: new Map(), warnings: [`could not read incident feedback, so it was left out: ${(error as Error).message}`] };
  }
}

/**
 * The open feedback on a doc: its unresolved records written strictly after its reference time
 * (every record when the doc has none). Empty for a doc whose staleness is `unknown`: without
 * a usable history there is no telling whether it was edited after the note. A record whose `at`
 * is not a date never counts.
 */
export function openFeedback(index: FeedbackIndex, evidence: Pick<DocEvidence, 'path' | 'unknown' | 'reference'>): FeedbackRecord[] {
  if (evidence.unknown !== undefined) return [];
  const records = index.get(evidence.path);
  if (!records) return [];
  const since = evidence.reference?.time ?? -Infinity;
  return records.filter((r) => Date.parse(r.at) / 1000 > since);
}

/** `evidence` with its open feedback (see {@link openFeedback}) as `feedback`; unchanged when there is none. */
export function withFeedback(evidence: DocEvidence, index: FeedbackIndex): DocEvidence {
  const feedback = openFeedback(index, evidence);
  return feedback.length > 0 ? { ...evidence, feedback } : evidence;
}
