import type { WorkspaceIndex } from '../../core/workspace-index';
import { escapeControl } from '../../core/terminal-text';
import type { OutputFormat } from '../args';

/** Renders ranked hits; JSON is an array of `{path, title, heading, line, score}`. */
export function renderSearch(index: WorkspaceIndex, query: string, limit: number, format: OutputFormat): string {
  const hits = index.find(query, { limit });
  if (format === 'json') {
    return JSON.stringify(
      hits.map((h) => ({ path: h.path, title: h.title, heading: h.heading ?? null, line: h.line, score: h.score })),
      null,
      2,
    );
  }
  if (hits.length === 0) return `No documents match "${escapeControl(query)}".`;
  return hits
    .map((h, i) => `${String(i + 1).padStart(2)}. ${escapeControl(h.title)}  ${escapeControl(h.path)}:${h.line}${h.heading ? `  § ${escapeControl(h.heading)}` : ''}  (${h.score})`)
    .join('\n');
}
