import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * One JSON value in one file. Writes go to a temporary file that is then renamed over the old
 * one, so a crash mid-write leaves the previous value, never a torn file. A missing or unreadable
 * file loads as undefined: callers rebuild what it cached.
 */
export class JsonFileStore<T> {
  constructor(protected readonly file: string) {}

  async load(): Promise<T | undefined> {
    try {
      const parsed = JSON.parse(await fs.readFile(this.file, 'utf8')) as unknown;
      return parsed !== null && typeof parsed === 'object' ? (parsed as T) : undefined;
    } catch {
      return undefined;
    }
  }

  async save(value: T): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await fs.writeFile(temporary, JSON.stringify(value));
      await fs.rename(temporary, this.file);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }
}
