import type { DiffJob, DiffSide } from '../core/staleness/diffs/noted-diff';

// How diff jobs cross to the diff worker: each distinct text once per message (a rule file at HEAD
// is a side of hundreds of jobs, and posting a message copies every string it holds).

/** A job as posted: its sides' texts by index into `WireBatch.texts`. */
export interface WireJob extends Omit<DiffJob, 'from' | 'to'> {
  from?: Omit<DiffSide, 'text'> & { text: number };
  to?: Omit<DiffSide, 'text'> & { text: number };
}

/** Jobs as posted to the worker. */
export interface WireBatch {
  texts: string[];
  jobs: WireJob[];
}

/** `jobs` with each text sent once (sides with the same key have the same text). */
export function toWire(jobs: readonly DiffJob[]): WireBatch {
  const texts: string[] = [];
  const index = new Map<string, number>();
  const side = (s: DiffSide | undefined) => {
    if (!s) return undefined;
    let at = index.get(s.key);
    if (at === undefined) index.set(s.key, (at = texts.push(s.text) - 1));
    return { path: s.path, key: s.key, text: at };
  };
  return {
    texts,
    jobs: jobs.map(({ from, to, ...rest }) => {
      const [a, b] = [side(from), side(to)];
      return { ...rest, ...(a ? { from: a } : {}), ...(b ? { to: b } : {}) };
    }),
  };
}

/** The jobs of a posted batch. */
export function fromWire({ texts, jobs }: WireBatch): DiffJob[] {
  const side = (s: WireJob['from']): DiffSide | undefined => s && { path: s.path, key: s.key, text: texts[s.text]! };
  return jobs.map(({ from, to, ...rest }) => {
    const [a, b] = [side(from), side(to)];
    return { ...rest, ...(a ? { from: a } : {}), ...(b ? { to: b } : {}) };
  });
}
