import type { Location, Log, ReportingDescriptor, Result } from 'sarif';
import type { PlacedFinding, Severity } from './finding';
import { RULES, ruleHelpUri, type RuleInfo } from './rule-table';

/** Options of `formatSarif`. */
export interface SarifOptions {
  /** The tool's version (`tool.driver.version`). */
  version: string;
  /** The rules to describe in `tool.driver.rules`, in order. Default: the whole rule table. */
  rules?: readonly RuleInfo[];
  /** Prefix of the root below the repository's top level (`ops/`): SARIF paths are repository-relative. Default ''. */
  repoPrefix?: string;
}

/**
 * A SARIF 2.1.0 log: the rules (with `helpUri` into the README's rule table and their default
 * level) and one result per finding, with its related locations, commits (`properties.commits`)
 * and suggested fix (`properties.fix`). Paths are URI-encoded relative to `SRCROOT`, the
 * repository root.
 */
export function formatSarif(findings: readonly PlacedFinding[], options: SarifOptions): Log {
  const ruleList = options.rules ?? RULES;
  const prefix = options.repoPrefix ?? '';
  const rules: ReportingDescriptor[] = ruleList.map((rule) => ({
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.description },
    helpUri: ruleHelpUri(rule.id),
    defaultConfiguration: { level: sarifLevel(rule.defaultSeverity) },
  }));
  const ruleIndex = new Map(ruleList.map((rule, i) => [rule.id as string, i]));
  const results: Result[] = findings.map((f) => ({
    ruleId: f.ruleId,
    ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId)! } : {}),
    level: sarifLevel(f.severity),
    message: { text: f.message },
    locations: [location(prefix + f.path, f)],
    ...(f.related?.length
      ? { relatedLocations: f.related.map((r, i) => ({ id: i + 1, ...location(prefix + r.path, r), ...(r.message !== undefined ? { message: { text: r.message } } : {}) })) }
      : {}),
    partialFingerprints: { 'runbooksTarget/v1': `${f.ruleId}:${f.target ?? f.path}:${(f.related?.length ? f.related.map((r) => r.path) : [f.path]).join(',')}` },
    ...(f.commits?.length || f.fix ? { properties: { ...(f.commits?.length ? { commits: f.commits } : {}), ...(f.fix ? { fix: f.fix } : {}) } } : {}),
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'runbooks', fullName: 'Living Runbooks', version: options.version, semanticVersion: options.version, rules } },
        originalUriBaseIds: { SRCROOT: { description: { text: 'The repository root.' } } },
        results,
      },
    ],
  };
}

function location(path: string, at: { line: number; column?: number; endLine?: number; endColumn?: number }): Location {
  return {
    physicalLocation: {
      artifactLocation: { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' },
      region: {
        startLine: at.line,
        ...(at.column !== undefined ? { startColumn: at.column } : {}),
        ...(at.endLine !== undefined ? { endLine: at.endLine } : {}),
        ...(at.endColumn !== undefined ? { endColumn: at.endColumn } : {}),
      },
    },
  };
}

/** The SARIF level of a severity (`info` is `note`). */
export function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}
