/** Where a selection pasted into the incident timeline came from, as the editor knows it. */
export interface SelectionSource {
  /** The document's URI scheme: `file`, `output`, `untitled`, `git`, … */
  scheme: string;
  /** The URI's path (for `output`, VS Code's internal channel id). */
  path: string;
  /** Workspace-relative path, when the document is a file in the workspace. */
  relative?: string;
  /** 1-based line of the selection's start. */
  line: number;
}

/**
 * A readable label for a pasted selection: `runbooks/db.md:12` for a workspace file, `Output
 * "Runbook Runs"` for an Output channel (never VS Code's internal id
 * `extension-output-publisher.name-#2-Runbook Runs`), `an untitled editor`, else the file name and line.
 */
export function selectionSourceLabel(source: SelectionSource): string {
  if (source.scheme === 'output') {
    const name = /-#\d+-(.+)$/.exec(decodeSafely(source.path))?.[1] ?? decodeSafely(source.path).replace(/^.*[\\/]/, '').replace(/^extension-output-[^-]+-?/, '');
    return `Output "${name.trim() || 'output'}"`;
  }
  if (source.scheme === 'untitled') return 'an untitled editor';
  if (source.scheme === 'file' && source.relative) return `${source.relative}:${source.line}`;
  const base = decodeSafely(source.path).replace(/^.*[\\/]/, '') || source.scheme;
  return `${base}:${source.line}`;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
