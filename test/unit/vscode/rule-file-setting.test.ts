import assert from 'node:assert/strict';
import { ruleFileSetting } from '../../../src/vscode/features/alerts/rule-file-setting';

describe('ruleFileSetting (runbooks.alerts.ruleFiles)', () => {
  it('keeps the globs within the bounds and warns about each one the bounds refuse, naming the pattern and the bound', () => {
    const tooMany = '*a*a*a*a*a*a*a*a*a*a*c';
    const tooLong = `rules/${'x'.repeat(260)}.yml`;
    const setting = ruleFileSetting(['alerts/**/*.yml', tooMany, tooLong]);
    assert.deepEqual(setting.globs, ['alerts/**/*.yml']);
    assert.deepEqual(setting.warnings, [
      'Runbooks: the pattern "*a*a*a*a*a*a*a*a*a*a*c" in the setting runbooks.alerts.ruleFiles is ignored: it has 11 wildcards, over the bound of 10.',
      `Runbooks: the pattern "${tooLong.slice(0, 60)}…" in the setting runbooks.alerts.ruleFiles is ignored: it is 270 characters long, over the bound of 256.`,
    ]);
  });

  it('falls back to the config file or the defaults when every pattern is refused or empty, and says so', () => {
    const setting = ruleFileSetting(['+(a|b).yml', '  ']);
    assert.equal(setting.globs, undefined);
    assert.deepEqual(setting.warnings, [
      'Runbooks: the pattern "+(a|b).yml" in the setting runbooks.alerts.ruleFiles is ignored: the extglobs `*(…)`, `+(…)` and `!(…)` are not supported (use `{a,b}`, `@(a|b)` or `?(a)`). No pattern of the setting is left: the config file or the default rule-file globs apply.',
    ]);
  });

  it('shows control characters in a pattern escaped', () => {
    const setting = ruleFileSetting([`\u001b]0;x\u0007${'*x'.repeat(11)}`]);
    assert.equal(setting.warnings[0], 'Runbooks: the pattern "\\x1b]0;x\\x07*x*x*x*x*x*x*x*x*x*x*x" in the setting runbooks.alerts.ruleFiles is ignored: it has 11 wildcards, over the bound of 10. No pattern of the setting is left: the config file or the default rule-file globs apply.');
  });

  it('passes an empty or missing setting as undefined with no warning', () => {
    assert.deepEqual(ruleFileSetting([]), { globs: undefined, warnings: [] });
    assert.deepEqual(ruleFileSetting(undefined), { globs: undefined, warnings: [] });
  });
});
