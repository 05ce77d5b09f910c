import type { IndexStore, PersistedIndex } from '../../../src/core/ports';

/**
 * An in-memory `IndexStore`. Keeps the index as a JSON string, as a file would, so nothing that
 * does not survive serialisation leaks from one `WorkspaceIndex` to the next.
 */
export class MemoryIndexStore implements IndexStore {
  /** The stored JSON, or undefined when nothing was saved. */
  json: string | undefined;
  saves = 0;

  async load(): Promise<PersistedIndex | undefined> {
    return this.json === undefined ? undefined : (JSON.parse(this.json) as PersistedIndex);
  }

  async save(index: PersistedIndex): Promise<void> {
    this.saves++;
    this.json = JSON.stringify(index);
  }
}
