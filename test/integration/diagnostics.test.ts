import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, inWorkspace, waitFor } from './helpers';

describe('findings in the Problems panel', () => {
  it('reports a broken front matter on its line with a stable rule id', async () => {
    await api();
    const uri = inWorkspace('drafts', 'broken-front-matter.md');
    const [diagnostic] = await waitFor('the front matter diagnostic', () => {
      const list = vscode.languages.getDiagnostics(uri);
      return list.length ? list : undefined;
    });
    assert.equal(diagnostic!.code, 'front-matter.invalid');
    assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic!.range.start.line + 1, 3);
    assert.match(diagnostic!.message, /^Front matter is not valid YAML/);
  });
});
