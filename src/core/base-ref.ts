/** What the repository says about its default branch, read by an adapter. */
export interface BaseRefFacts {
  /** Where each remote's HEAD points (`git symbolic-ref refs/remotes/<remote>/HEAD`), e.g. `origin` → `origin/master`. */
  remoteHeads: ReadonlyArray<{ remote: string; target: string }>;
  /** Which of `BASE_REF_CANDIDATES` exist as branches. */
  existing: readonly string[];
}

/** Branches tried, in order, when no remote says what its default branch is. */
export const BASE_REF_CANDIDATES: readonly string[] = ['origin/main', 'origin/master', 'main', 'master'];

/**
 * The branch a change is compared with when the user did not name one: `origin`'s default branch
 * (its `origin/HEAD`), else another remote's, else the first of `origin/main`, `origin/master`,
 * `main`, `master` that exists.
 *
 * @returns the ref and a few words saying why it was chosen, for messages; undefined when the
 *   repository has none of these (the caller asks for `runbooks.staleness.baseRef`).
 */
export function chooseBaseRef(facts: BaseRefFacts): { ref: string; why: string } | undefined {
  const heads = [...facts.remoteHeads].sort((a, b) => Number(b.remote === 'origin') - Number(a.remote === 'origin'));
  const head = heads[0];
  if (head) return { ref: head.target, why: `${head.remote}/HEAD points at it` };
  const found = BASE_REF_CANDIDATES.find((ref) => facts.existing.includes(ref));
  return found ? { ref: found, why: 'no remote names its default branch; it exists' } : undefined;
}
