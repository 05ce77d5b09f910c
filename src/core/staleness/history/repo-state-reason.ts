import type { RepoState } from '../ports';

/** The `staleness.unknown` reason for a repository state, or undefined when history can be used. */
export function unknownReason(state: RepoState): string | undefined {
  if (state.kind === 'none') return state.reason;
  if (state.shallow) {
    return 'this is a shallow clone, so the history is cut off. Fetch the full history (`git fetch --unshallow`, or `fetch-depth: 0` for actions/checkout).';
  }
  if (state.head === undefined) return 'the repository has no commits yet. Commit the runbooks and the files they link to.';
  return undefined;
}
