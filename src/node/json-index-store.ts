import type { IndexStore, PersistedIndex } from '../core/ports';
import { JsonFileStore } from './json-file-store';

/** Persists the index as one JSON file, written atomically (see `JsonFileStore`). */
export class JsonIndexStore extends JsonFileStore<PersistedIndex> implements IndexStore {}
