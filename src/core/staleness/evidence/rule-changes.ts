import { matchRunbookValue } from '../../alerts/runbook-annotations';
import type { RuleChange, StoredDiff } from '../history/history-types';
import type { LinkedTarget } from '../model/report';
import type { EvidenceRun } from './evidence-run';

/**
 * For an alert rule file: the changes of the rules whose runbook is `doc` (see `RuleChange`);
 * undefined for other targets and when the rules were not compared (every change then counts).
 */
export function docRules(run: EvidenceRun, target: LinkedTarget, change: { path: string }, diff: StoredDiff | undefined, doc: string | undefined): RuleChange[] | undefined {
  if (target.via !== 'alert-rule' || doc === undefined || !diff?.rules) return undefined;
  return diff.rules.filter((r) => matchRunbookValue(r.value, change.path, docPaths(run), run.context.repos, run.context.refs) === doc);
}

/** The paths of the docs of a run, as a set (built once per workspace context). */
const docPathSets = new WeakMap<object, ReadonlySet<string>>();
function docPaths(run: EvidenceRun): ReadonlySet<string> {
  let set = docPathSets.get(run.context);
  if (!set) docPathSets.set(run.context, (set = new Set(run.context.docs.keys())));
  return set;
}
