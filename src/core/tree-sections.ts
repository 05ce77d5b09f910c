import type { DocModel } from './doc-model';
import { groupDocs, sortByTitle, type DocGroup, type GroupBy } from './tree-groups';

/** What the user asked the tree to group by: a fixed key, or `auto` (service when docs declare one, else folder). */
export type GroupByChoice = GroupBy | 'auto';

/** The grouping the tree uses and why, for the view's description. */
export interface EffectiveGrouping {
  groupBy: GroupBy;
  /** Set when `auto` fell back to folders: the sentence to show in the view's description. */
  note?: string;
}

/**
 * The grouping to use. `auto` groups by service when at least one runbook or architecture doc
 * declares a service, else by folder (a tree with every doc under "No service" helps nobody).
 */
export function effectiveGrouping(choice: GroupByChoice, docs: readonly DocModel[]): EffectiveGrouping {
  if (choice !== 'auto') return { groupBy: choice };
  const anyService = docs.some((doc) => doc.kind !== 'other' && doc.meta.services.length > 0);
  return anyService ? { groupBy: 'service' } : { groupBy: 'folder', note: 'by folder: no runbook declares a service' };
}

const TEMPLATE_NAME = /^(?:template|example|_)/i;
const TEMPLATE_FOLDER = /(?:^|\/)(?:archetypes|_?templates?|_layouts)\//i;

/**
 * True for files that are templates to copy, not runbooks to follow: file names starting with
 * `template`, `example` or `_`, and files under `archetypes/`, `templates/`, `_templates/` or
 * `_layouts/` folders.
 */
export function isTemplatePath(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return TEMPLATE_NAME.test(name) || TEMPLATE_FOLDER.test(path);
}

/** A group of the tree; `special` marks the Templates and Docs groups that follow the others. */
export interface TreeSection<T> extends DocGroup<T> {
  special?: 'templates' | 'docs';
}

/**
 * The tree's top level: runbooks and architecture docs grouped by `groupBy` (catch-all group last),
 * then a "Templates" group for template files of any kind, then a "Docs" group for every other
 * markdown doc (when `includeDocs`). Empty special groups are left out.
 */
export function treeSections<T>(items: readonly T[], groupBy: GroupBy, docOf: (item: T) => DocModel, includeDocs: boolean): Array<TreeSection<T>> {
  const main: T[] = [];
  const templates: T[] = [];
  const docs: T[] = [];
  for (const item of items) {
    const doc = docOf(item);
    if (isTemplatePath(doc.path)) templates.push(item);
    else if (doc.kind === 'other') docs.push(item);
    else main.push(item);
  }
  const sections: Array<TreeSection<T>> = groupDocs(main, groupBy, docOf);
  const special = (key: 'templates' | 'docs', label: string, members: T[]) => {
    if (members.length) sections.push({ key: `special:${key}`, label, ungrouped: false, special: key, items: sortByTitle(members, docOf) });
  };
  special('templates', 'Templates', templates);
  if (includeDocs) special('docs', 'Docs', docs);
  return sections;
}

/**
 * The words after a doc's title in the tree: its health, owner and services, joined by ` · `.
 * Without any, where the doc is: its path, or in a folder group (whose label is the folder) only
 * its file name, and nothing when that merely spells the title (`disk-full.md` for "Disk full").
 */
export function docDescription(doc: DocModel, health: string | undefined, inFolderGroup: boolean): string {
  const about = [health, doc.meta.owner, doc.meta.services.join(', ')].filter(Boolean).join(' \u00b7 ');
  if (about) return about;
  if (!inFolderGroup) return doc.path;
  const name = doc.path.slice(doc.path.lastIndexOf('/') + 1);
  const spelled = (text: string) => text.replace(/\.(md|markdown|mdx)$/i, '').replace(/[\s_-]+/g, '').toLowerCase();
  return spelled(name) === spelled(doc.title) ? '' : name;
}
