import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { HistoryStore } from '../core/staleness/ports';
import { cliIndexCacheFile } from './cache-location';

/** The CLI's history cache for a workspace root: `history.json` beside the index cache (outside the repository). */
export function cliHistoryCacheFile(root: string, env: Record<string, string | undefined>): string {
  return path.join(path.dirname(cliIndexCacheFile(root, env)), 'history.json');
}

/**
 * Keeps the history snapshot in one JSON file. Writes go to a temporary file renamed over the old
 * one, so a crash mid-write leaves the previous cache. An unreadable file loads as undefined (the
 * history is then read again from git); the snapshot's own format check rejects stale shapes.
 */
export class JsonHistoryStore implements HistoryStore {
  constructor(private readonly file: string) {}

  async load(): Promise<unknown> {
    try {
      return JSON.parse(await fs.readFile(this.file, 'utf8')) as unknown;
    } catch {
      return undefined;
    }
  }

  async save(snapshot: unknown): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await fs.writeFile(temporary, JSON.stringify(snapshot));
      await fs.rename(temporary, this.file);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }
}
