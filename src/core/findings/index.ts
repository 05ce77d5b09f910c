// One finding, one rule table, four formatters. A producer of findings needs only the Finding type
// and the rule ids (`./finding`); the faces use the rule table (`./rule-table`), the severity
// settings (`./severity`) and the formatters (`./format-*`). Importing those modules directly keeps
// a producer's import chain short; this index re-exports them all for convenience.
export * from './finding';
export * from './rule-table';
export * from './severity';
export { formatFindingLine, formatReportLine, formatText } from './format-text';
export { findingToJson, findingsEnvelope, formatJson, JSON_SCHEMA_VERSION, type EnvelopeInput, type FindingJson, type FindingsEnvelope } from './format-json';
export { formatGithub, GITHUB_ANNOTATION_LIMIT, type GithubOptions } from './format-github';
export { formatSarif, sarifLevel, type SarifOptions } from './format-sarif';
