/** One note on a runbook line, written during an incident. */
export interface FeedbackRecord {
  /** The doc the note is about: workspace-relative posix path (see `normaliseFeedbackPath` in feedback.ts). */
  path: string;
  /** 1-based line of the doc. */
  line: number;
  /** What the note says (its first line). */
  text: string;
  /** When it was written, ISO 8601 UTC. */
  at: string;
  /** Who wrote it, when the entry says. */
  author?: string;
  /** The incident it was noted in: its file (workspace-relative), and id and title when the front matter is readable. */
  incident: { path: string; id?: string; title?: string };
  /** A later "Resolved feedback on <path>#L<line>" entry in the same incident marks it dealt with. */
  resolved: boolean;
}
