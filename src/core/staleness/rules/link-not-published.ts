import { RuleId } from '../../findings/finding';
import type { StalenessReason } from '../model/evidence';
import type { RuleDefinition } from '../model/rule-definition';

/**
 * `link.not-published`: a relative link of a docs-site page resolves to a file in the repository
 * that the site does not serve (outside its source folder, or in a template folder), so it is a
 * 404 on the published site. Found while resolving targets. Adds no weight.
 */
export const linkNotPublished: RuleDefinition = {
  id: RuleId.linkNotPublished,
  weight: undefined,
};

/** The finding for link `raw` on `line`, resolving to `path`, which the site built from `source` by `generator` does not serve. */
export function notPublishedReason(raw: string, path: string, site: { generator: string; source: string }, line: number, column: number | undefined): StalenessReason {
  const where = site.source ? `outside \`${site.source}/\`, the folder the ${site.generator} site is built from` : `in a folder the ${site.generator} site does not serve`;
  return {
    ruleId: RuleId.linkNotPublished,
    severity: 'warning',
    target: path,
    line,
    ...(column !== undefined ? { column } : {}),
    message: `Link \`${raw}\` resolves to \`${path}\`, ${where}: it works in the repository but is a 404 on the published site. Link to the file's URL on the forge, or to a page of the site.`,
    commits: [],
  };
}
