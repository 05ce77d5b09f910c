import assert from 'node:assert/strict';
import { placeFinding } from '../../../../src/core/findings';
import { formatFindingLine } from '../../../../src/core/findings/format-text';
import { decodeText } from '../../../../src/core/decode-text';
import { parseDoc } from '../../../../src/core/parse-doc';

// The index rules in the unified/remark-lint style: a document in, exact finding lines out.
function lint(path: string, text: string): string[] {
  return parseDoc(path, text).findings.map((f) => formatFindingLine(placeFinding(path, f)));
}

describe('index rules: a document in, `path:line:column severity message [rule-id]` out', () => {
  it('front-matter.invalid', () => {
    assert.deepEqual(lint('runbooks/a.md', '---\nowner: [team\n---\n# A\n'), [
      'runbooks/a.md:2:8 error Front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]. Fix the YAML between the `---` lines; until then owner, service and alerts of this doc are unknown. [front-matter.invalid]',
    ]);
  });

  it('front-matter.not-a-mapping', () => {
    assert.deepEqual(lint('runbooks/a.md', '---\n- owner\n---\n# A\n'), [
      'runbooks/a.md:2 error Front matter must be a YAML mapping of `key: value` lines (e.g. `owner: team-db`); it was ignored. [front-matter.not-a-mapping]',
    ]);
  });

  it('front-matter.field-type', () => {
    assert.deepEqual(lint('runbooks/a.md', '---\nalerts: 3\n---\n# A\n'), [
      'runbooks/a.md:2 warning Front matter `alerts` should be a list of alert names; it was ignored. [front-matter.field-type]',
    ]);
  });

  it('doc.invalid-encoding', () => {
    const decoded = decodeText(new Uint8Array([0x23, 0x20, 0x41, 0x0a, 0x62, 0xff, 0x0a]));
    assert.deepEqual(decoded.findings.map((f) => formatFindingLine(placeFinding('runbooks/b.md', f))), [
      'runbooks/b.md:2 warning This file is not valid UTF-8; invalid bytes were shown as \uFFFD. Re-save it as UTF-8 so search and links see the real text. [doc.invalid-encoding]',
    ]);
  });

  it('no findings for a well-formed runbook', () => {
    assert.deepEqual(lint('runbooks/c.md', '---\nowner: team-db\nalerts: [PostgresDown]\n---\n# C\n\n```sh\necho ok\n```\n'), []);
  });
});
