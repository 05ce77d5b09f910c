import { MissingGitObjectError } from '../core/repo/missing-object';

/** What git prints on stderr when an object it needs is not in the repository. */
const MISSING_OBJECT = /(?:unable to read|missing (?:blob|tree|commit) object|bad object|could not read object|did not receive expected object)[ :]+([0-9a-f]{40,64})\b/;

/**
 * The error to reject with for a failed git call: a `MissingGitObjectError` when git says an object
 * is missing, the error itself otherwise.
 */
export function gitFailure(error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const found = MISSING_OBJECT.exec(message);
  return found ? new MissingGitObjectError(found[1]!) : error;
}
