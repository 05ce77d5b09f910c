import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, inWorkspace, ruleIdOf, waitFor } from './helpers';

describe('findings in the Problems panel', () => {
  it('reports a broken front matter on its line with a stable rule id', async () => {
    await api();
    const uri = inWorkspace('drafts', 'broken-front-matter.md');
    const [diagnostic] = await waitFor('the front matter diagnostic', () => {
      const list = vscode.languages.getDiagnostics(uri);
      return list.length ? list : undefined;
    });
    assert.equal(ruleIdOf(diagnostic!), 'front-matter.invalid');
    assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic!.range.start.line + 1, 3);
    assert.match(diagnostic!.message, /^Front matter is not valid YAML/);
  });

  it('links the rule id to its row in the README, and applies runbooks.rules.severity', async () => {
    await api();
    const uri = inWorkspace('drafts', 'broken-front-matter.md');
    const severity = () => vscode.languages.getDiagnostics(uri).find((d) => ruleIdOf(d) === 'front-matter.invalid')?.severity;
    await waitFor('the front matter diagnostic', () => severity() !== undefined);
    const [diagnostic] = vscode.languages.getDiagnostics(uri);
    const code = diagnostic!.code as { value: string; target: vscode.Uri };
    assert.equal(code.target.toString(true), 'https://example.invalid/living-runbooks#rule-front-matter-invalid');

    const rules = vscode.workspace.getConfiguration('runbooks.rules');
    try {
      await rules.update('severity', { 'front-matter.invalid': 'warning' }, vscode.ConfigurationTarget.Workspace);
      await waitFor('the finding to become a warning', () => severity() === vscode.DiagnosticSeverity.Warning);
      await rules.update('severity', { 'front-matter.invalid': 'off' }, vscode.ConfigurationTarget.Workspace);
      await waitFor('the finding to disappear', () => vscode.languages.getDiagnostics(uri).every((d) => ruleIdOf(d) !== 'front-matter.invalid'));
    } finally {
      await rules.update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('the finding to come back as an error', () => severity() === vscode.DiagnosticSeverity.Error);
  });
});
