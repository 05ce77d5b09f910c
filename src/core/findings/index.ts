// The one Finding type and the rule ids: what every producer of findings imports. The rule table
// (`./rule-table`), the severity settings (`./severity`) and the formatters (`./format-text`,
// `./format-json`, `./format-github`, `./format-sarif`) are imported from their own modules, so
// that a producer does not depend on them.
export * from './finding';
