/**
 * Folders that keep records of the past: meeting minutes and notes, archives of retired docs.
 * Matched as a whole path segment (`sig-apps/minutes/`, `archive/wg-x/`, `meeting-notes-archive/`).
 */
const RECORD_FOLDER = /(?:^|\/)(?:minutes|meeting[-_ ]?(?:notes|minutes)(?:[-_ ]archive)?|notes[-_ ]archive|archived?|archives)\//i;

/** File names of records: minutes and meeting notes, changelogs and release notes. */
const RECORD_FILE = /(?:^|\/)(?:[^/]*meeting[-_ ]?(?:notes|minutes)[^/]*|[^/]*[-_ ]minutes(?:[-_ .][^/]*)?|CHANGELOG[^/]*|CHANGES(?:\.[^/]*)?|HISTORY\.md|release[-_ ]notes[^/]*)\.(?:md|markdown|mdx)$/i;

/**
 * Whether a doc is a record of the past (issue 18): minutes of a meeting, a notes archive, an
 * archived doc, a changelog or release notes. It says what was true then; later changes of what
 * it links do not make it wrong and nobody updates it, so like a release snapshot its targets are
 * only checked for existence.
 */
export function isPastRecord(docPath: string): boolean {
  return RECORD_FOLDER.test(docPath) || RECORD_FILE.test(docPath) || /(?:^|\/)CHANGELOG\//i.test(docPath);
}
