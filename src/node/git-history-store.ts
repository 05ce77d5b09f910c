import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { HistoryStore } from '../core/staleness/ports';
import { cliIndexCacheFile } from './cache-location';
import { JsonFileStore } from './json-file-store';

/** The CLI's history cache for a workspace root: `history.json` beside the index cache (outside the repository). */
export function cliHistoryCacheFile(root: string, env: Record<string, string | undefined>): string {
  return path.join(path.dirname(cliIndexCacheFile(root, env)), 'history.json');
}

/** Past this size the journal is folded into a whole write of the snapshot. */
const MAX_JOURNAL_BYTES = 4 * 1024 * 1024;

/**
 * Keeps the history snapshot in one JSON file, and what later runs added in a journal beside it
 * (`history.json.journal`, one JSON entry a line; see core history-journal.ts). Whole writes go
 * to a temporary file renamed over the old one, so a crash mid-write leaves the previous cache,
 * and then start a new journal. An unreadable snapshot loads as undefined (the history is then
 * read again from git); an unreadable journal line ends what is replayed.
 */
export class JsonHistoryStore extends JsonFileStore<unknown> implements HistoryStore {
  private readonly journal: string;
  private readonly maxJournalBytes: number;

  constructor(file: string, options: { maxJournalBytes?: number } = {}) {
    super(file);
    this.journal = `${file}.journal`;
    this.maxJournalBytes = options.maxJournalBytes ?? MAX_JOURNAL_BYTES;
  }

  override async load(): Promise<unknown> {
    const base = await super.load();
    if (base === undefined) return undefined;
    const text = await fs.readFile(this.journal, 'utf8').catch(() => '');
    const journal: unknown[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        journal.push(JSON.parse(line) as unknown);
      } catch {
        break;
      }
    }
    return journal.length > 0 ? { base, journal } : base;
  }

  override async save(value: unknown): Promise<void> {
    await super.save(value);
    await fs.rm(this.journal, { force: true });
  }

  /** Appends one entry after the snapshot; false (nothing written) when there is no snapshot or the journal is past its bound: write the whole snapshot then. */
  async append(entry: unknown): Promise<boolean> {
    const [snapshot, journal] = await Promise.all([fs.stat(this.file).catch(() => undefined), fs.stat(this.journal).catch(() => undefined)]);
    if (!snapshot || (journal?.size ?? 0) > this.maxJournalBytes) return false;
    await fs.appendFile(this.journal, `${JSON.stringify(entry)}\n`);
    return true;
  }
}
