import assert from 'node:assert/strict';
import { awkProgramDanger } from '../../../../src/core/runner/awk-program';
import { sedScriptDanger } from '../../../../src/core/runner/sed-script';

describe('sed scripts', () => {
  it('lets printing, substituting, deleting and branching scripts through', () => {
    for (const script of ['s/a/b/g', '1,10p', '/^#/d', 's|/var/log|/tmp|2', ':a;N;$!ba;s/\\n/ /g', 'y/abc/xyz/', '/x/{s/a/b/;p}', '$!d', '10q', 's/we/you/I']) {
      assert.equal(sedScriptDanger(script), undefined, script);
    }
  });

  it('finds the commands that write or run', () => {
    assert.equal(sedScriptDanger('1,5w /tmp/x'), 'runs the `w` command, which writes a file');
    assert.equal(sedScriptDanger('/a/W out'), 'runs the `W` command, which writes a file');
    assert.equal(sedScriptDanger('1e touch x'), 'runs the `e` command, which runs a shell command');
    assert.equal(sedScriptDanger('s/.*/id/e'), 'uses the `e` flag of `s`, which runs the result as a command');
    assert.equal(sedScriptDanger('s/a/b/gw out'), 'uses the `w` flag of `s`, which writes a file');
    assert.equal(sedScriptDanger('s/w/e/'), undefined);
  });

  it('counts what it cannot read as unknown', () => {
    assert.equal(sedScriptDanger('s/a/b'), 'has an `s` command that cannot be read');
    assert.equal(sedScriptDanger('1K'), 'runs the `K` command, which is not known to be read-only');
  });
});

describe('awk programs', () => {
  it('lets filters, comparisons and regexes with `|` through', () => {
    for (const program of ['{print $1}', '$3 > 100 {print}', '/error|fail/ {n++} END {print n}', '{ print ($2 > 3) }', '{ printf "%s > %s\\n", $1, $2 }', 'BEGIN { x = "a|b" }', '{ print > "/dev/stderr" }', '$1 ~ /a|b/ || $2 == 1']) {
      assert.equal(awkProgramDanger(program), undefined, program);
    }
  });

  it('finds system(), pipes and redirections', () => {
    assert.equal(awkProgramDanger('BEGIN { system("id") }'), 'calls `system()`, which runs a command');
    assert.equal(awkProgramDanger('{ print | "sh" }'), 'pipes to or from a command with `|`');
    assert.equal(awkProgramDanger('BEGIN { "date" | getline d }'), 'pipes to or from a command with `|`');
    assert.equal(awkProgramDanger('{ print $1 > "out.txt" }'), 'redirects `print` output to a file with `>`');
    assert.equal(awkProgramDanger('{ print >> f }'), 'redirects `print` output to a file with `>`');
    assert.equal(awkProgramDanger('BEGIN { "id" |& getline }'), 'uses `|&`, which runs a command');
  });
});
