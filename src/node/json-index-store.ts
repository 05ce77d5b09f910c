import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { IndexStore, PersistedIndex } from '../core/ports';

/**
 * Persists the index as one JSON file. Writes go to a temporary file that is then renamed over the
 * old one, so a crash mid-write leaves the previous cache, never a torn one.
 */
export class JsonIndexStore implements IndexStore {
  constructor(private readonly file: string) {}

  async load(): Promise<PersistedIndex | undefined> {
    try {
      const parsed = JSON.parse(await fs.readFile(this.file, 'utf8')) as PersistedIndex;
      return parsed && typeof parsed === 'object' ? parsed : undefined;
    } catch {
      return undefined; // No cache, or an unreadable one: the index is rebuilt from the files.
    }
  }

  async save(index: PersistedIndex): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await fs.writeFile(temporary, JSON.stringify(index));
      await fs.rename(temporary, this.file);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }
}
