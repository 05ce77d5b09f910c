import { parseAllDocuments } from 'yaml';

/** Files compared by shape: YAML and JSON by extension, and Kubernetes-style OWNERS files. */
const STRUCTURED = /(?:\.(?:ya?ml|json)|(?:^|\/)OWNERS(?:_ALIASES)?)$/i;

/** A mapping with this many keys or more is a collection keyed by name (redirects, entries), not a schema. */
const COLLECTION_KEYS = 12;

/** Whether `path` is a data file whose changes are compared by shape (see `dataShape`). */
export function isStructuredPath(path: string): boolean {
  return STRUCTURED.test(path);
}

/**
 * The shape of a YAML or JSON text: every key path with the kinds of value found there, list items
 * and the entries of large mappings (`COLLECTION_KEYS`) folded into one, and the values of settings
 * outside lists and collections; sorted and joined. Two texts with the same shape differ only in
 * their entries: entries added or removed with the same keys, or their values changed (a team, a
 * status, a version in a list of dependencies). Undefined when the text is not parseable data
 * (then lines count as usual).
 */
export function dataShape(text: string): string | undefined {
  const paths = new Set<string>();
  try {
    const docs = parseAllDocuments(text);
    if (!Array.isArray(docs)) return undefined;
    for (const doc of docs) {
      if (doc.errors.length > 0) return undefined;
      walk(doc.toJS({ maxAliasCount: 1000 }) as unknown, '', paths);
    }
  } catch {
    return undefined;
  }
  return [...paths].sort().join('\n');
}

function walk(value: unknown, at: string, paths: Set<string>): void {
  if (Array.isArray(value)) {
    paths.add(`${at}:list`);
    for (const item of value) walk(item, `${at}[]`, paths);
  } else if (value !== null && typeof value === 'object') {
    paths.add(`${at}:map`);
    const entries = Object.entries(value as Record<string, unknown>);
    const collection = entries.length >= COLLECTION_KEYS;
    for (const [key, item] of entries) walk(item, `${at}.${collection ? '*' : key}`, paths);
  } else {
    const kind = value === null ? 'null' : typeof value;
    // A setting at a fixed place (`pool.size: 10`) is part of what a doc describes; values inside
    // entries of a list or collection are the entries themselves.
    paths.add(at.includes('[]') || at.includes('.*') ? `${at}:${kind}` : `${at}:${kind}=${JSON.stringify(value)}`);
  }
}

/**
 * `same` when `after` has no key path, kind or setting that `before` lacks, and lost none outside
 * lists and collections: a key that only some entries had goes away with the last of them, which
 * is an entry removed, not a field. A key renamed inside entries shows up as a new one.
 */
export function compareShapes(before: string, after: string): 'same' | 'changed' {
  if (before === after) return 'same';
  const had = new Set(before.split('\n'));
  const has = new Set(after.split('\n'));
  for (const path of has) if (!had.has(path)) return 'changed';
  for (const path of had) if (!has.has(path) && !path.includes('[]') && !path.includes('.*')) return 'changed';
  return 'same';
}

/**
 * The top-level keys of a mapping that `before` has and `after` lacks (shapes from `dataShape`),
 * sorted: a section of the file removed or renamed, which a doc about the file's layout should
 * know of whatever words it uses. Keys of a large collection are entries, never sections; a file
 * of several YAML documents (`texts`, the two sides) has none.
 */
export function removedSections(before: string, after: string, texts?: [string, string]): string[] {
  // A multi-document file (Kubernetes manifests) has one set of top-level keys per document: a
  // document removed is an entry, not a section.
  if (texts?.some((t) => /\n---\s*(?:\n|$)/.test(t.trimEnd() + '\n'))) return [];
  const top = (shape: string) => new Set(shape.split('\n').map((p) => p.match(/^\.([^.[:*][^.[:]*)[:[.]/)?.[1]).filter((k): k is string => k !== undefined));
  // A mapping that grew into a collection (or shrank out of one) folds its keys: not comparable.
  const folded = (shape: string) => /^\.\*[:[.]/m.test(shape);
  if (folded(before) !== folded(after)) return [];
  const now = top(after);
  return [...top(before)].filter((k) => !now.has(k)).sort();
}

/** At least this share of a data file's values gone from it is a substantial part of what it said (see `sectionsGone`). */
const SUBSTANTIAL_SHARE = 1 / 4;

/**
 * Of the `removed` top-level sections of a data file (see `removedSections`; `shapes` from
 * `dataShape`, `texts` the two sides), those whose content left the file with a substantial part
 * of what it said, sorted: a doc pointing at the file as a whole ("the maintainers are in OWNERS")
 * relies on what it holds, not on how it is laid out. A section is not gone when it was renamed or
 * split (a new top-level list or mapping of the same shape holds some of its values: `assignees` →
 * `approvers`, `emeritus_approvers`), when most of its values (words of three characters or more)
 * are still in the file under other keys, or when fewer than a quarter of the file's values (its
 * scalar leaves, `SUBSTANTIAL_SHARE`) left it in all (a small settings key: an analytics id, a
 * bot's label). Issue 18: etcd's reviewers and
 * approvers moved out to OWNERS_ALIASES (6 of 19 values left) against kubeadm's `labels` (2 of 10)
 * and ingress-nginx's `google_analytics` (4 of 98).
 */
export function sectionsGone(removed: string[], shapes: [string, string], texts: [string, string]): string[] {
  if (removed.length === 0) return [];
  const [before, after] = texts.map(dataOf);
  if (!isMapping(before) || after === undefined) return [];
  const afterValues = new Set(leavesOf(after));
  const all = leavesOf(before);
  if (all.filter((v) => !afterValues.has(v)).length < SUBSTANTIAL_SHARE * all.length) return [];
  const [had, has] = shapes.map(topKeys);
  const came = isMapping(after) ? [...has.keys()].filter((k) => !had.has(k)) : [];
  return removed.filter((key) => {
    const below = had.get(key);
    if (below === undefined) return false;
    const words = [...new Set(leavesOf(before[key]).filter((v) => v.length >= 3 && /[A-Za-z]/.test(v)))];
    // Renamed or split: a new list or mapping of the same shape holds some of what it held.
    const renamed = /^:(?:list|map)/.test(below) && came.some((k) => has.get(k) === below && leavesOf((after as Record<string, unknown>)[k]).some((v) => words.includes(v)));
    // Moved: most of what it held is under other keys now.
    const moved = words.length > 0 && words.filter((v) => afterValues.has(v)).length * 2 > words.length;
    return !renamed && !moved;
  });
}

/** The data of a single-document YAML or JSON text; undefined when it is not parseable. */
function dataOf(text: string): unknown {
  try {
    const docs = parseAllDocuments(text);
    if (!Array.isArray(docs) || docs.length !== 1 || docs[0]!.errors.length > 0) return undefined;
    return docs[0]!.toJS({ maxAliasCount: 1000 }) as unknown;
  } catch {
    return undefined;
  }
}

const isMapping = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The scalar values of data, one per place, as text. */
function leavesOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) leavesOf(item, out);
  else if (isMapping(value)) for (const item of Object.values(value)) leavesOf(item, out);
  else if (value !== null && value !== undefined) out.push(String(value));
  return out;
}

/** Each top-level key of a shape (from `dataShape`) with the shape below it, setting values left out. */
function topKeys(shape: string): Map<string, string> {
  const below = new Map<string, string[]>();
  for (const path of shape.split('\n')) {
    const key = path.match(/^\.([^.[:*][^.[:]*)[:[.]/)?.[1];
    if (key === undefined) continue;
    const rest = path.slice(key.length + 1).replace(/^(.*?:[a-z]+)=.*$/s, '$1');
    below.set(key, [...(below.get(key) ?? []), rest]);
  }
  return new Map([...below].map(([key, paths]) => [key, paths.sort().join('\n')]));
}

/** The values of the settings of a shape (from `dataShape`: settings outside lists and collections), one a line. */
export function settingValues(shape: string | undefined): string {
  return (shape ?? '').split('\n').map((p) => p.match(/=(.*)$/)?.[1] ?? '').filter(Boolean).join('\n');
}
