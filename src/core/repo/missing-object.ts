/**
 * Git could not read an object that the history needs: the clone is partial (blobs left out by a
 * filter) or damaged. Adapters throw it; the staleness engine turns it into `unknown` verdicts.
 */
export class MissingGitObjectError extends Error {
  constructor(readonly oid: string) {
    super(`git could not read object ${oid}`);
    this.name = 'MissingGitObjectError';
  }
}

/** The `staleness.unknown` reason for a missing object. */
export function missingObjectReason(error: MissingGitObjectError): string {
  return (
    `git could not read object ${error.oid.slice(0, 12)} of the history: this clone is missing objects ` +
    '(a partial clone, or a damaged repository: `git fsck` lists what is missing). Fetch the full history to check staleness.'
  );
}
