import * as path from 'node:path';
import type { HistoryStore } from '../core/staleness/ports';
import { cliIndexCacheFile } from './cache-location';
import { JsonFileStore } from './json-file-store';

/** The CLI's history cache for a workspace root: `history.json` beside the index cache (outside the repository). */
export function cliHistoryCacheFile(root: string, env: Record<string, string | undefined>): string {
  return path.join(path.dirname(cliIndexCacheFile(root, env)), 'history.json');
}

/**
 * Keeps the history snapshot in one JSON file. Writes go to a temporary file renamed over the old
 * one, so a crash mid-write leaves the previous cache. An unreadable file loads as undefined (the
 * history is then read again from git); the snapshot's own format check rejects stale shapes.
 */
export class JsonHistoryStore extends JsonFileStore<unknown> implements HistoryStore {}
