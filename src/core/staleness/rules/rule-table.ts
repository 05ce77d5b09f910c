import { rulesOf, type RuleInfo } from '../../findings';

/** What a staleness rule means (an entry of the one rule table). */
export type StalenessRule = RuleInfo;

/** Every rule the staleness engine and the change-set check report, in a stable order (the `staleness` group of `RULES`). */
export const STALENESS_RULES: readonly StalenessRule[] = rulesOf('staleness');
