import type { DocEvidence } from '../model/evidence';
import type { DocStaleness } from '../model/report';
import type { StalenessOptions } from '../options';
import { VERDICT_RULES } from '../rules/rule-table';
import { verdictOf } from './verdict-of';

/** A doc's verdict under the rules of `VERDICT_RULES` (see `verdictOf`). */
export function scoreDoc(evidence: DocEvidence, options: StalenessOptions): DocStaleness {
  return verdictOf(evidence, options, VERDICT_RULES);
}
