import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { closest, isConfigFilePath, parseConfigFile } from '../../../src/core/config-file';
import { DEFAULT_STALENESS_OPTIONS, resolveStalenessOptions } from '../../../src/core/staleness/options';

/** The problems of a config text as `[line, column, message]`. */
function problems(text: string): Array<[number, number | undefined, string]> {
  const config = parseConfigFile(text);
  for (const p of config.problems) assert.deepEqual([p.ruleId, p.severity], ['config.invalid', 'error']);
  return config.problems.map((p) => [p.line, p.column, p.message]);
}

describe('the repository config file (.runbooks.yml)', () => {
  it('reads every staleness setting into engine options', () => {
    const config = parseConfigFile(
      [
        '# Scoring for the platform team',
        'staleness:',
        '  weights:',
        '    commit: 2',
        '    line: 0',
        '    maxLinesPerTarget: 200',
        '    anchoredRange: 3',
        '    uncommitted: 0.5',
        '    incidentFeedback: 1',
        '    brokenLink: 10',
        '    reviewOverdue: 0',
        '  staleThreshold: 2',
        '  bulkCommitFiles: 100',
        '  useBlameIgnoreRevs: false',
        '  workingTree: false',
        '  codeSpans: off',
        '  trackDocLinks: true',
        '  alertRuleFiles: [alerts/**/*.yml, "monitoring/*.yaml"]',
        '  maxAlertRuleFileBytes: 65536',
        '  defaultReviewInterval: 6 months',
        '  checkKinds:',
        '    - runbook',
        '',
      ].join('\n'),
    );
    assert.deepEqual(config, {
      staleness: {
        weights: { commit: 2, line: 0, maxLinesPerTarget: 200, anchoredRange: 3, uncommitted: 0.5, incidentFeedback: 1, brokenLink: 10, reviewOverdue: 0 },
        staleThreshold: 2,
        bulkCommitFiles: 100,
        useBlameIgnoreRevs: false,
        workingTree: false,
        codeSpans: 'off',
        trackDocLinks: true,
        alertRuleFiles: ['alerts/**/*.yml', 'monitoring/*.yaml'],
        maxAlertRuleFileBytes: 65536,
        defaultReviewInterval: '6 months',
        checkKinds: ['runbook'],
      },
      problems: [],
    });
  });

  it('sets nothing for an empty file, comments only, or a section whose settings are all commented out', () => {
    for (const text of ['', '# nothing yet\n', 'staleness:\n  # weights:\n  #   commit: 2\n', 'staleness:\n  weights:\n']) {
      assert.deepEqual(parseConfigFile(text), { staleness: {}, problems: [] }, text);
    }
  });

  it('keeps the valid settings beside invalid ones, which are left to their defaults', () => {
    const config = parseConfigFile('staleness:\n  weights:\n    commit: 2\n    line: -1\n  staleThreshold: high\n  bulkCommitFiles: 80\n');
    assert.deepEqual(config.staleness, { weights: { commit: 2 }, bulkCommitFiles: 80 });
    const options = resolveStalenessOptions(config.staleness);
    assert.deepEqual([options.weights.commit, options.weights.line, options.staleThreshold, options.bulkCommitFiles], [2, 0.01, 1, 80]);
  });

  it('reads a single glob or doc kind as a list of one, and a number of days as an interval', () => {
    assert.deepEqual(parseConfigFile('staleness:\n  alertRuleFiles: alerts/*.yml\n  checkKinds: runbook\n  defaultReviewInterval: 90\n').staleness, {
      alertRuleFiles: ['alerts/*.yml'],
      checkKinds: ['runbook'],
      defaultReviewInterval: '90',
    });
  });

  it('suggests the closest known key for an unknown one, on its line', () => {
    assert.deepEqual(
      problems(['staleness:', '  weights:', '    comit: 2', '    Anchored_Range: 3', '  treshold: 2', '  bulkCommits: 10', '  reviewInterval: 90d', 'stalenes: {}', ''].join('\n')),
      [
        [3, 5, '`staleness.weights.comit` is not a weight; did you mean `commit`?'],
        [4, 5, '`staleness.weights.Anchored_Range` is not a weight; did you mean `anchoredRange`?'],
        [5, 3, '`staleness.treshold` is not a setting; did you mean `staleThreshold`?'],
        [6, 3, '`staleness.bulkCommits` is not a setting; did you mean `bulkCommitFiles`?'],
        [7, 3, '`staleness.reviewInterval` is not a setting; did you mean `defaultReviewInterval`?'],
        [8, 1, '`stalenes` is not a section; did you mean `staleness`?'],
      ],
    );
  });

  it('lists the known keys when none is close, and does not accept the engine-only options', () => {
    assert.deepEqual(problems('staleness:\n  readAhead: true\npaging: {}\n'), [
      [
        2,
        3,
        '`staleness.readAhead` is not a setting; the settings are `weights`, `staleThreshold`, `bulkCommitFiles`, `useBlameIgnoreRevs`, `workingTree`, `codeSpans`, `trackDocLinks`, `mentions`, `alertRuleFiles`, `maxAlertRuleFileBytes`, `defaultReviewInterval` and `checkKinds`.',
      ],
      [3, 1, '`paging` is not a section; the sections are `staleness`, `rules`, `alerts`, `problems` and `site`.'],
    ]);
    assert.match(problems('staleness:\n  now: 2025-01-01\n')[0]![2], /^`staleness\.now` is not a setting; the settings are `weights`, /);
  });

  it('says where a weight or a setting belongs when it is one level off', () => {
    assert.deepEqual(problems('staleness:\n  commit: 2\n  weights:\n    staleThreshold: 3\n'), [
      [2, 3, '`staleness.commit` is a weight: put it under `weights:` (`staleness.weights.commit`).'],
      [4, 5, '`staleness.weights.staleThreshold` is not a weight. `staleThreshold` belongs directly under `staleness:`, not under `weights:`.'],
    ]);
  });

  it('rejects negative weights and values of the wrong type or range, pointing at the value', () => {
    assert.deepEqual(
      problems(
        [
          'staleness:',
          '  weights:',
          '    line: -0.5',
          '    maxLinesPerTarget: 1.5',
          '    anchoredRange: high',
          '  staleThreshold: 0',
          '  bulkCommitFiles: 0',
          '  workingTree: "yes"',
          '  codeSpans: none',
          '  maxAlertRuleFileBytes: 1 MiB',
          '  weights2: 1',
          '',
        ].join('\n'),
      ),
      [
        [3, 11, '`staleness.weights.line` cannot be negative (`-0.5`); use 0 to leave this evidence out (the default is `0.01`).'],
        [4, 24, '`staleness.weights.maxLinesPerTarget` must be a whole number of 0 or more, not `1.5` (the default is `500`).'],
        [5, 20, '`staleness.weights.anchoredRange` must be a number of 0 or more, not `high` (the default is `2`).'],
        [6, 19, '`staleness.staleThreshold` must be a number above 0, not `0` (the default is `1`).'],
        [7, 20, '`staleness.bulkCommitFiles` must be a whole number of 1 or more, not `0` (the default is `50`).'],
        [8, 16, '`staleness.workingTree` must be true or false, not `yes` (the default is `true`).'],
        [9, 14, '`staleness.codeSpans` must be runbooks, all or off, not `none` (the default is `runbooks`).'],
        [10, 26, '`staleness.maxAlertRuleFileBytes` must be a whole number of bytes, 0 or more, not `1 MiB` (the default is `1048576`).'],
        [11, 3, '`staleness.weights2` is not a setting; did you mean `weights`?'],
      ],
    );
  });

  it('rejects a review interval that is not a duration, and list items that are not globs or doc kinds', () => {
    assert.deepEqual(
      problems(['staleness:', '  defaultReviewInterval: fortnight', '  alertRuleFiles:', '    - alerts/*.yml', '    - 3', '  checkKinds: [runbook, adr]', '  weights: 3', ''].join('\n')),
      [
        [2, 26, '`staleness.defaultReviewInterval` is `fortnight`, which is not a duration; write e.g. `90d`, `3 months`, `P90D` or `quarterly` (the default is none).'],
        [5, 7, '`staleness.alertRuleFiles` must be a list of globs (e.g. `[alerts/**/*.yml]`); item 2 is `3` (the default is `[**/*.yml, **/*.yaml]`).'],
        [6, 25, '`staleness.checkKinds` holds `adr`, which is not a doc kind; use runbook, architecture or other (the default is `[runbook, architecture]`).'],
        [7, 12, '`staleness.weights` must be a mapping of settings (`key: value` lines indented below it), not `3`.'],
      ],
    );
  });

  it('refuses a rule-file glob over the bounds of a repository glob, naming the bound', () => {
    assert.deepEqual(problems(['staleness:', '  alertRuleFiles:', '    - alerts/*.yml', '    - "*a*a*a*a*a*a*a*a*a*a*c"', ''].join('\n')), [
      [4, 7, '`staleness.alertRuleFiles` holds a glob that is refused because it has 11 wildcards, over the bound of 10; it was ignored (the default is `[**/*.yml, **/*.yaml]`).'],
    ]);
  });

  it('says which setting has no value, on its key', () => {
    assert.deepEqual(problems('staleness:\n  staleThreshold:\n  defaultReviewInterval: ~\n'), [
      [2, 3, '`staleness.staleThreshold` has no value; set one or remove the line (the default is `1`).'],
      [3, 3, '`staleness.defaultReviewInterval` has no value; set one or remove the line (the default is none).'],
    ]);
  });

  it('reports invalid YAML on its line and sets nothing', () => {
    assert.deepEqual(parseConfigFile('staleness:\n  staleThreshold: 2\n  staleThreshold: 3\n'), {
      staleness: {},
      problems: [{ ruleId: 'config.invalid', severity: 'error', message: 'The config file is not valid YAML: Map keys must be unique.', line: 3, column: 3 }],
    });
    assert.deepEqual(problems('- staleness\n'), [[1, 1, 'The config file must be a YAML mapping with a `staleness:` section; it was ignored.']]);
    assert.deepEqual(problems('staleness: [1]\n'), [[1, 12, '`staleness` must be a mapping of settings (`key: value` lines indented below it), not a list.']]);
  });

  it('follows YAML aliases', () => {
    assert.deepEqual(parseConfigFile('staleness:\n  weights: &w\n    commit: 2\n  staleThreshold: 2\n').staleness, { weights: { commit: 2 }, staleThreshold: 2 });
  });

  it('reads the README example as valid, and it restates the defaults', () => {
    const readme = readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const example = /### Configuring the scoring[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(example, 'no example under "Configuring the scoring"');
    const config = parseConfigFile(example);
    assert.deepEqual(config.problems, []);
    const { now: _now, readAhead: _readAhead, ...resolved } = resolveStalenessOptions(config.staleness);
    const { now: _n, readAhead: _r, ...defaults } = DEFAULT_STALENESS_OPTIONS;
    assert.deepEqual(resolved, defaults);
    assert.equal(Object.keys(config.staleness).length, 11);
  });

  it('reads the alerts section: rule file globs (one or a list), excludes and detection by content, each problem on its line', () => {
    assert.deepEqual(parseConfigFile('alerts:\n  ruleFiles: ops/**/*.rules.yml\n  exclude: [ops/old/**]\n  detectByContent: false\n'), {
      staleness: {},
      alerts: { globs: ['ops/**/*.rules.yml'], exclude: ['ops/old/**'], detectByContent: false },
      problems: [],
    });
    const bad = parseConfigFile('alerts:\n  ruleFile: x\n  exclude: [3]\n  detectByContent: maybe\n');
    assert.deepEqual(bad.alerts, {});
    assert.deepEqual(bad.problems.map((p) => [p.line, p.message]), [
      [2, '`alerts.ruleFile` is not a setting; the settings are `ruleFiles`, `exclude` and `detectByContent`.'],
      [3, '`alerts.exclude` must be a list of globs (e.g. `[monitoring/**/*.yml]`).'],
      [4, '`alerts.detectByContent` must be true or false.'],
    ]);
  });

  it('refuses an alerts glob over the bounds of a repository glob, on its line, keeping the default', () => {
    const config = parseConfigFile('alerts:\n  ruleFiles:\n    - ops/*.yml\n    - "+(a|b).yml"\n  exclude: "{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}"\n');
    assert.deepEqual(config.alerts, {});
    assert.deepEqual(config.problems.map((p) => [p.line, p.message]), [
      [4, '`alerts.ruleFiles` holds a glob that is refused because the extglobs `*(…)`, `+(…)` and `!(…)` are not supported (use `{a,b}`, `@(a|b)` or `?(a)`); the key keeps its default.'],
      [5, '`alerts.exclude` holds a glob that is refused because its `{…}` alternatives expand to more than 64 patterns; the key keeps its default.'],
    ]);
  });

  it('knows the config file names at the root only', () => {
    assert.deepEqual(['.runbooks.yml', '.runbooks.yaml', 'ops/.runbooks.yml', 'runbooks.yml', '/.runbooks.yml'].map(isConfigFilePath), [true, true, false, false, true]);
  });

  it('finds the closest key by case and separators, edit distance, camelCase words, then containment', () => {
    const known = ['weights', 'staleThreshold', 'bulkCommitFiles', 'defaultReviewInterval'];
    assert.deepEqual(
      ['STALE-THRESHOLD', 'wieghts', 'thresold', 'reviewinterval', 'bulk', 'xyz', ''].map((n) => closest(n, known)),
      ['staleThreshold', 'weights', 'staleThreshold', 'defaultReviewInterval', 'bulkCommitFiles', undefined, undefined],
    );
  });

  describe('the rules: section', () => {
    it('reads a severity or off for each rule id, beside the staleness settings', () => {
      const config = parseConfigFile('staleness:\n  staleThreshold: 2\nrules:\n  link.anchor-drifted: error\n  review.overdue: off\n  stale.linked-code-changed: info\n');
      assert.deepEqual([config.problems, config.staleness, config.rules], [[], { staleThreshold: 2 }, { 'link.anchor-drifted': 'error', 'review.overdue': 'off', 'stale.linked-code-changed': 'info' }]);
      assert.deepEqual(parseConfigFile('rules: { review.overdue: warning }\n').rules, { 'review.overdue': 'warning' });
      assert.equal(parseConfigFile('rules:\n').rules, undefined);
    });

    it('reports an unknown rule id with the closest one, and a value that is not a severity, on their lines', () => {
      const config = parseConfigFile(['rules:', '  link.anchor-drift: error', '  review.overdue: fatal', '  stale.linked-code-changed:', '  nothing-like-it: off', '  link.missing-target: 3', '  watches.no-match: warning', ''].join('\n'));
      assert.deepEqual(
        config.problems.map((p) => [p.line, p.column, p.message]),
        [
          [2, 3, '`rules.link.anchor-drift` is not a rule id; did you mean `link.anchor-drifted`?'],
          [3, 19, '`rules.review.overdue` must be error, warning, info or off, not `fatal` (the default is `warning`).'],
          [4, 3, '`rules.stale.linked-code-changed` has no value; set error, warning, info or off, or remove it (the default is `warning`).'],
          [5, 3, '`rules.nothing-like-it` is not a rule id; the rule ids are listed in the README (Rules), e.g. `link.anchor-drifted`.'],
          [6, 24, '`rules.link.missing-target` must be error, warning, info or off, not `3` (the default is `error`).'],
        ],
      );
      assert.deepEqual(config.rules, { 'watches.no-match': 'warning' });
    });

    it('says a rules section that is not a mapping is one', () => {
      assert.deepEqual(problems('rules: [review.overdue]\n'), [[1, 8, '`rules` must be a mapping of settings (`key: value` lines indented below it), not a list.']]);
    });
  });
});

describe('parseConfigFile: values out of range', () => {
  it('refuses a weight of 1e308 and a threshold of 1e308, naming the key', () => {
    const config = parseConfigFile('staleness:\n  weights:\n    commit: 1e308\n  staleThreshold: 1e308\n');
    assert.deepEqual(config.staleness, {});
    assert.deepEqual(config.problems.map((p) => [p.line, p.message.split(' (')[0]]), [
      [3, '`staleness.weights.commit` is `1e+308`, over the largest value allowed, 1,000'],
      [4, '`staleness.staleThreshold` is `1e+308`, over the largest value allowed, 1,000,000'],
    ]);
  });

  it('reads problems.allDocs, and says what is wrong with a value that is not true or false or an unknown key', () => {
    assert.deepEqual(parseConfigFile('problems:\n  allDocs: true\n').problemsOptions, { allDocs: true });
    assert.equal(parseConfigFile('staleness:\n  staleThreshold: 2\n').problemsOptions, undefined);
    assert.deepEqual(problems('problems:\n  allDocs: yes please\n  alldocs: true\n'), [
      [2, 12, '`problems.allDocs` must be true or false, not `yes please` (the default is `false`).'],
      [3, 3, '`problems.alldocs` is not a setting; did you mean `allDocs`?'],
    ]);
  });
});
