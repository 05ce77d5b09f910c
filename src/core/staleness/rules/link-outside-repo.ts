import { RuleId } from '../../findings/finding';
import type { StalenessReason } from '../model/evidence';
import type { RuleDefinition } from '../model/rule-definition';

/**
 * `link.outside-repo`: a link or watched path resolves above the workspace root, where history is
 * not followed. Found while resolving targets (`targets/resolve-targets.ts`). Adds no weight.
 */
export const linkOutsideRepo: RuleDefinition = {
  id: RuleId.linkOutsideRepo,
  weight: undefined,
};

/** The finding for `raw`, written on `line` (and `column`) of the doc. */
export function outsideRepoReason(raw: string, line: number, column: number | undefined): StalenessReason {
  return {
    ruleId: RuleId.linkOutsideRepo,
    severity: 'warning',
    target: raw,
    line,
    ...(column !== undefined ? { column } : {}),
    message: `Link \`${raw}\` points above the workspace root, where its history is not followed. Link to a file inside the repository, or use a full URL.`,
    commits: [],
  };
}
