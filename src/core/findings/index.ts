// One finding, one rule table, four formatters. Everything that reports a problem in a file
// produces a `Finding`; every face formats it with these.
export * from './finding';
export * from './rule-table';
export * from './severity';
export { formatFindingLine, formatReportLine, formatText } from './format-text';
export { findingToJson, formatJson, type FindingJson } from './format-json';
export { formatGithub, GITHUB_ANNOTATION_LIMIT, type GithubOptions } from './format-github';
export { formatSarif, sarifLevel, type SarifOptions } from './format-sarif';
