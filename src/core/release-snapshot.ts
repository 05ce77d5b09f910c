/** A folder named as a release version: `v1.14`, `v1.3.0`, `1.2`, Docusaurus' `version-2.3`. */
const RELEASE_FOLDER = /(?:^|\/)(?:v?\d+(?:\.\d+)+|version-\d+(?:\.\d+)*)\//;

/**
 * Whether a doc lives in a release snapshot of the docs (a folder named as a release version):
 * a frozen copy that describes that release's checkout, not the default branch's.
 */
export function isReleaseSnapshot(docPath: string): boolean {
  return RELEASE_FOLDER.test(docPath);
}
