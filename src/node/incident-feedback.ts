import { feedbackRecords, type FeedbackRecord } from '../core/incident/feedback';
import type { FeedbackSource } from '../core/staleness/ports';
import { IncidentStore } from './incident-store';

/**
 * The feedback written in the incident files of one folder, for the staleness engine: every
 * incident (`IncidentStore.list`, postmortem drafts left out) read afresh on each `load`.
 */
export class IncidentFeedbackSource implements FeedbackSource {
  private readonly store: IncidentStore;

  /**
   * @param incidentsDir absolute path of the incidents folder (none there: no feedback)
   * @param root absolute path of the workspace root, which feedback paths are relative to
   */
  constructor(incidentsDir: string, root: string) {
    this.store = new IncidentStore(incidentsDir, root);
  }

  /** Every feedback record, resolved or not. Rejects when the folder exists but cannot be listed. */
  async load(signal?: AbortSignal): Promise<FeedbackRecord[]> {
    signal?.throwIfAborted();
    const incidents = await this.store.list();
    signal?.throwIfAborted();
    return feedbackRecords(incidents);
  }
}
