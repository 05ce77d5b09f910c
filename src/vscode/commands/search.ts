import { pickFromSearch } from '../features/search/search-quick-pick';
import type { Services } from '../services';
import { openDoc } from './open-doc';

/** Runbooks: Search Runbooks… — an optional string argument pre-fills the query. */
export async function searchRunbooks(services: Services, query?: unknown): Promise<void> {
  const chosen = await pickFromSearch(services.index, typeof query === 'string' ? query : '');
  if (chosen) await openDoc(chosen.uri, chosen.line);
}
