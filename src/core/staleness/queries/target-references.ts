import type { DocStaleness, StalenessLevel } from '../model/report';

/** One doc that depends on a file, for "Referenced by 2 runbooks · 1 stale" and hovers on linked ranges. */
export interface TargetReference {
  doc: string;
  level: StalenessLevel;
  /** The doc's line that names the file. */
  line: number;
  /** The linked range of the file, when the link names one. */
  lines?: { start: number; end: number };
  via: DocStaleness['targets'][number]['via'];
}

/**
 * The reverse of the docs' targets: for each linked file (root-relative), the docs that depend on
 * it, in doc order. Folder and glob targets are listed under their path or pattern as written;
 * missing targets are left out.
 */
export function referencesByTarget(docs: DocStaleness[]): Map<string, TargetReference[]> {
  const byTarget = new Map<string, TargetReference[]>();
  for (const doc of docs) {
    for (const target of doc.targets) {
      if (target.kind === 'missing') continue;
      const list = byTarget.get(target.path) ?? [];
      list.push({ doc: doc.path, level: doc.level, line: target.line, ...(target.lines ? { lines: target.lines } : {}), via: target.via });
      byTarget.set(target.path, list);
    }
  }
  return byTarget;
}
