// Builders of staleness evidence for the rule tests: no git, no files; every field the rules read
// is given explicitly, so each test shows the evidence it feeds in.
import type { DocEvidence } from '../../../../../src/core/staleness/model/evidence';
import type { CommitRef, DocStaleness, LinkedTarget } from '../../../../../src/core/staleness/model/report';
import { resolveStalenessOptions, type StalenessOptions, type StalenessOptionsInput } from '../../../../../src/core/staleness/options';
import { VERDICT_RULES } from '../../../../../src/core/staleness/rules/rule-table';
import { verdictOf } from '../../../../../src/core/staleness/verdict/verdict-of';

/** A doc's verdict under the rules of `VERDICT_RULES`, as the engine scores it (see `verdictOf`). */
export function scoreDoc(evidence: DocEvidence, options: StalenessOptions): DocStaleness {
  return verdictOf(evidence, options, VERDICT_RULES);
}

/** 2024-05-01T00:00:00Z in Unix seconds: the reference time of the docs below. */
export const MAY_1 = Date.UTC(2024, 4, 1) / 1000;

/** A commit as evidence. */
export function commit(sha: string, date: string, subject: string): CommitRef {
  return { sha, date, subject };
}

/** A file target linked on `line`:`column`. */
export function target(path: string, line: number, more: Partial<LinkedTarget> = {}): LinkedTarget {
  return { path, kind: 'file', via: 'link', tracked: true, line, column: 3, raw: path, occurrences: [{ line, column: 3, raw: path }], ...more };
}

/** A runbook last changed on 2024-05-01 with no evidence at all; `more` adds some. */
export function evidence(more: Partial<DocEvidence> = {}): DocEvidence {
  return {
    path: 'runbooks/db.md',
    kind: 'runbook',
    reference: { time: MAY_1, source: 'commit', commit: commit('c0ffee0000000000000000000000000000000000', '2024-05-01T00:00:00Z', 'write the db runbook') },
    targets: [],
    changes: [],
    anchors: [],
    broken: [],
    problems: [],
    review: { due: false },
    reviewLine: 1,
    ...more,
  };
}

/** The verdict on `doc`, with the options `input` (now: 2024-09-01). */
export function verdict(doc: DocEvidence, input: StalenessOptionsInput = {}): DocStaleness {
  return scoreDoc(doc, resolveStalenessOptions({ now: () => new Date('2024-09-01T12:00:00Z'), ...input }));
}

/** The verdict's reasons as remark-lint prints them: `path:line:column severity message [rule-id]`. */
export function lines(doc: DocEvidence, input: StalenessOptionsInput = {}): string[] {
  const v = verdict(doc, input);
  return v.reasons.map((r) => `${v.path}:${r.line}:${r.column ?? 1} ${r.severity} ${r.message} [${r.ruleId}]`);
}
