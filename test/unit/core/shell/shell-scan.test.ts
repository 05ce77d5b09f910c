import assert from 'node:assert/strict';
import { scanShell } from '../../../../src/core/shell/shell-commands';

describe('scanShell', () => {
  it('tells the quoting context of each placeholder', () => {
    const script = `a <u> "<d>" '<s>' "$(b <n>)" \`c <t>\`\n# <comment>\ncat <<EOF\n<h>\nEOF\ncat <<'X'\n<l>\nX`;
    assert.deepEqual(
      scanShell(script).placeholders.map((p) => [p.name, p.context, p.inBacktick]),
      [
        ['u', 'unquoted', false],
        ['d', 'double', false],
        ['s', 'single', false],
        ['n', 'unquoted', false],
        ['t', 'unquoted', true],
        ['h', 'heredoc', false],
        ['l', 'heredoc-literal', false],
      ],
    );
  });

  it('finds here-document bodies, with <<- and quoted delimiters', () => {
    const script = "cat <<-EOF\n\tone\n\tEOF\ncat <<'END' > x\ntwo\nEND\necho after";
    const scan = scanShell(script);
    assert.deepEqual(
      scan.hereDocs.map((h) => [h.delimiter, h.literal, script.slice(h.bodyStart, h.bodyEnd), script.slice(h.bodyStart, h.end)]),
      [
        ['EOF', false, '\tone\n', '\tone\n\tEOF'],
        ['END', true, 'two\n', 'two\nEND'],
      ],
    );
    assert.deepEqual(scan.problems, []);
  });

  it('does not take shifts in arithmetic for here-documents', () => {
    const scan = scanShell('echo $((1 << 4))\n(( x <<= 1 ))\nrm -rf /tmp/x');
    assert.deepEqual(scan.hereDocs, []);
    assert.deepEqual(scan.substitutions.map((s) => s.kind), ['arithmetic', 'arithmetic']);
    assert.equal(scan.newlines.length, 2);
  });

  it('ends a comment at the newline and only at the start of a word', () => {
    const script = 'echo a#b # note\nls';
    const scan = scanShell(script);
    assert.deepEqual(scan.comments.map((c) => script.slice(c.start, c.end)), ['# note']);
    assert.deepEqual(scan.hashes, [6]);
  });

  it('reports what is never closed', () => {
    assert.deepEqual(scanShell(`echo "a`).problems, ['a `"` quote is never closed']);
    assert.deepEqual(scanShell('echo $(date').problems, ['a `(` substitution is never closed']);
    assert.deepEqual(scanShell('echo `date').problems, ['a backtick substitution is never closed']);
    assert.deepEqual(scanShell('echo ${X').problems, ['a `${` is never closed']);
  });

  it('reads variable defaults and marks operators other than defaults as not simple', () => {
    assert.deepEqual(
      scanShell('echo $A ${B} ${C:-c} ${D-"d d"} ${E:=e} ${F%.*} ${#G} ${H:?missing}').variables.map((v) => [v.name, v.simple, v.defaultValue]),
      [
        ['A', true, undefined],
        ['B', true, undefined],
        ['C', true, 'c'],
        ['D', true, 'd d'],
        ['E', true, 'e'],
        ['F', false, undefined],
        ['G', false, undefined],
        ['H', false, undefined],
      ],
    );
  });
});
