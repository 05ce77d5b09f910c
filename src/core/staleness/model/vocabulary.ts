/**
 * What a net change did to the words of a file, for telling a pointer link from a description
 * (issue 18): the words it took out of the file altogether, the words it brought in that the file
 * did not have, and the new entries it added that copy the body of existing entries (a new member
 * of a list). Words are compared normalised (see `normalWord`).
 */
export interface Vocabulary {
  /** Words in the file before and nowhere in it now, as first spelt there. */
  lost: string[];
  /** Words in the file now and nowhere in it before, as first spelt there. */
  gained: string[];
  /** Entries added with the same body as existing ones: the new entry's key, and the keys it copies, as spelt. */
  copies: Array<{ key: string; like: string[] }>;
}
