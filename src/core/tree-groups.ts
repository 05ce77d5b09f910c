import type { DocModel } from './doc-model';
import { compareCodeUnits, compareForDisplay } from './compare';

/** How the Runbooks view groups documents. */
export type GroupBy = 'service' | 'folder' | 'tag';

/** A group of documents under one label; `key` is stable across refreshes. */
export interface DocGroup<T> {
  key: string;
  label: string;
  /** True for the catch-all group of documents without a service, tag or folder. */
  ungrouped: boolean;
  items: T[];
}

const UNGROUPED_LABEL: Record<GroupBy, string> = { service: 'No service', tag: 'Untagged', folder: '(workspace root)' };

/**
 * Groups documents for the tree. By service or tag a document appears under each of its services
 * or tags. Groups are sorted by label with the catch-all group last; items by title, then path.
 */
export function groupDocs<T>(items: T[], by: GroupBy, docOf: (item: T) => DocModel): Array<DocGroup<T>> {
  const groups = new Map<string, DocGroup<T>>();
  const add = (label: string | undefined, item: T) => {
    const key = label ?? '';
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key: `${by}:${key}`, label: label ?? UNGROUPED_LABEL[by], ungrouped: label === undefined, items: [] }));
    group.items.push(item);
  };
  for (const item of items) {
    const doc = docOf(item);
    const labels = by === 'service' ? doc.meta.services : by === 'tag' ? doc.meta.tags : [folderOf(doc.path)].filter(Boolean);
    if (labels.length === 0) add(undefined, item);
    else for (const label of new Set(labels)) add(label, item);
  }
  const sorted = [...groups.values()].sort((a, b) => Number(a.ungrouped) - Number(b.ungrouped) || compareForDisplay(a.label, b.label));
  for (const group of sorted) sortByTitle(group.items, docOf);
  return sorted;
}

/** Sorts `items` in place by their document's title, then path; returns them. */
export function sortByTitle<T>(items: T[], docOf: (item: T) => DocModel): T[] {
  return items.sort((a, b) => compareForDisplay(docOf(a).title, docOf(b).title) || compareCodeUnits(docOf(a).path, docOf(b).path));
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** A heading with its sub-headings, for the tree's outline under a document. */
export interface HeadingNode {
  index: number;
  children: HeadingNode[];
}

/**
 * The outline of a document as a forest: the H1 that titles the document is left out, and each
 * heading holds the deeper headings that follow it.
 */
export function headingOutline(doc: DocModel): HeadingNode[] {
  const roots: HeadingNode[] = [];
  const stack: Array<{ depth: number; node: HeadingNode }> = [];
  const skipTitle = doc.headings.filter((h) => h.depth === 1).length === 1;
  doc.headings.forEach((heading, index) => {
    if (skipTitle && heading.depth === 1) return;
    const node: HeadingNode = { index, children: [] };
    while (stack.length && stack[stack.length - 1]!.depth >= heading.depth) stack.pop();
    (stack.length ? stack[stack.length - 1]!.node.children : roots).push(node);
    stack.push({ depth: heading.depth, node });
  });
  return roots;
}
