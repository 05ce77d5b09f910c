import assert from 'node:assert/strict';
import { classifyLinkTarget, lineRange } from '../../../src/core/link-target';

describe('classifyLinkTarget', () => {
  it('reads an in-page anchor', () => {
    assert.deepEqual(classifyLinkTarget('#mitigation'), { kind: 'anchor', anchor: 'mitigation' });
  });

  it('reads URLs with any scheme and protocol-relative URLs', () => {
    assert.deepEqual(
      ['https://grafana.example.com/d/x', 'mailto:oncall@example.com', 'vscode://file/x', '//cdn.example.com/a.png'].map(classifyLinkTarget),
      [{ kind: 'url' }, { kind: 'url' }, { kind: 'url' }, { kind: 'url' }],
    );
  });

  it('reads a path from the repository root', () => {
    assert.deepEqual(classifyLinkTarget('/deploy/k8s/api.yaml#L5'), {
      kind: 'absolute-path',
      path: '/deploy/k8s/api.yaml',
      anchor: 'L5',
      lines: { start: 5, end: 5 },
    });
  });

  it('reads a relative path, dropping the query and decoding percent escapes', () => {
    assert.deepEqual(classifyLinkTarget('../runbooks/Disk%20Full.md?plain=1#Next%20steps'), {
      kind: 'relative',
      path: '../runbooks/Disk Full.md',
      anchor: 'Next steps',
    });
  });

  it('keeps a path with a malformed escape as written', () => {
    assert.deepEqual(classifyLinkTarget('100%.md'), { kind: 'relative', path: '100%.md' });
  });

  it('reads GitHub, GitLab and Bitbucket line fragments', () => {
    assert.deepEqual(
      ['a.py#L10', 'a.py#L10-L20', 'a.py#L10-20', 'a.py#L10C2-L12C4'].map((t) => classifyLinkTarget(t).lines),
      [
        { start: 10, end: 10 },
        { start: 10, end: 20 },
        { start: 10, end: 20 },
        { start: 10, end: 12 },
      ],
    );
  });
});

describe('lineRange', () => {
  it('returns undefined for fragments that are not line ranges', () => {
    assert.deepEqual(['L0', 'L20-L10', 'Lfoo', 'diagnosis', 'L10-', ''].map(lineRange), [
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('accepts a lower-case l', () => {
    assert.deepEqual(lineRange('l3-l4'), { start: 3, end: 4 });
  });
});
