/**
 * The staleness engine's public surface, for the CLI and the VS Code extension: verdicts per doc
 * (`StalenessEngine.report`), the change-set check (`StalenessEngine.check`), the ports to
 * implement, the options with their defaults, and the rule table.
 */
export { StalenessEngine, type RunControl, type StalenessOptionsInput, type StalenessProgress } from './engine';
export { CheckError, type CheckFinding, type CheckReport } from './check/check-changes';
export { DEFAULT_STALENESS_OPTIONS, resolveStalenessOptions, type StalenessOptions, type StalenessWeights } from './options';
export { STALENESS_RULES, type StalenessRule } from './rules/rule-table';
export { formatRange, rangeFragment, type LineRange } from './model/line-ranges';
export type { CommitRef, DocStaleness, LinkedTarget, StalenessLevel, StalenessReason, StalenessReport, TargetOccurrence, TargetVia } from './model/report';
export type { FeedbackSource, GitHistory, HistoryStore, RepoState, StalenessDeps, WorkspaceFiles } from './ports';
export { referencesByTarget, type TargetReference } from './queries/target-references';
export { headBranchRef, stalenessRelevance, type PathEvent, type RelevanceOptions } from './queries/relevant-paths';
