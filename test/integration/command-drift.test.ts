import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { api, inWorkspace, ruleIdOf, waitFor } from './helpers';

// Written at test time and removed after, so the other suites see the fixture as it is.
const MAKEFILE = 'deploy:\n\t@echo deploy\n\ncanary-deploy:\n\t@echo canary\n';
const RUNBOOK = [
  '# Canary deploy',
  '',
  'Roll the canary out first.',
  '',
  '```sh {cwd=../..}',
  'make -C ops deploy',
  'make -C ops deploy-canary',
  '```',
  '',
].join('\n');

/** Runs Re-check Staleness; false when it has not settled within `ms`. */
async function refreshSettles(ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = await Promise.race([Promise.resolve(vscode.commands.executeCommand('runbooks.refreshStaleness')).then(() => true), late]);
  clearTimeout(timer);
  return settled;
}

describe('command drift in the Problems panel', () => {
  const makefile = () => inWorkspace('ops', 'Makefile');
  const runbook = () => inWorkspace('runbooks', 'deploy', 'canary.md');

  before(async () => {
    await fs.mkdir(inWorkspace('ops').fsPath, { recursive: true });
    await fs.mkdir(inWorkspace('runbooks', 'deploy').fsPath, { recursive: true });
    await fs.writeFile(makefile().fsPath, MAKEFILE);
    await fs.writeFile(runbook().fsPath, RUNBOOK);
  });

  after(async () => {
    await fs.rm(inWorkspace('ops').fsPath, { recursive: true, force: true });
    await fs.rm(inWorkspace('runbooks', 'deploy').fsPath, { recursive: true, force: true });
    await vscode.commands.executeCommand('runbooks.refreshStaleness');
  });

  it('shows command.missing-target on the command\'s line, with "did you mean" and a quick fix', async function () {
    // Two waits of up to 60 s each: the suite's 60 s would cut the first short and hide what it waited for
    // (it did, twice, in full CI runs on 2026-12-07; the suite alone passed both times after).
    this.timeout(150_000);
    const runbooks = await api();
    const drift = () => vscode.languages.getDiagnostics(runbook()).filter((d) => ruleIdOf(d) === 'command.missing-target');
    // What the last probe saw, for the timeout message: twice in full CI runs the wait ran out with
    // nothing to say (2026-12-07), and repeated runs under load did not fail again.
    let seen = 'nothing yet';
    const [diagnostic] = await waitFor('the command.missing-target diagnostic', async () => {
      if (!runbooks.index.docAt(runbook())) return void (seen = 'the runbook is not indexed');
      const settled = await refreshSettles(20_000);
      const rules = vscode.languages.getDiagnostics(runbook()).map((d) => ruleIdOf(d));
      seen = `${settled ? 'the re-check settled' : 'a re-check had not settled after 20 s'}; the runbook's diagnostics: ${JSON.stringify(rules)}`;
      return drift().length ? drift() : undefined;
    }, 60_000).catch((error: Error) => assert.fail(`${error.message}; last probe: ${seen}`));
    assert.equal(drift().length, 1);
    assert.equal(diagnostic!.range.start.line + 1, 7);
    assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic!.message, '`make` target `deploy-canary` is not defined in `ops/Makefile`. Did you mean `canary-deploy`? Fix the command.');

    const document = await vscode.workspace.openTextDocument(runbook());
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', runbook(), diagnostic!.range);
    const fix = actions.find((a) => a.title === 'Change `deploy-canary` to `canary-deploy`.');
    assert.ok(fix?.edit, JSON.stringify(actions.map((a) => a.title)));
    await vscode.workspace.applyEdit(fix.edit);
    assert.equal(document.lineAt(6).text, 'make -C ops canary-deploy');
    await document.save();
    await waitFor('the finding to go once the command is fixed', async () => {
      await vscode.commands.executeCommand('runbooks.refreshStaleness');
      return drift().length === 0;
    }, 60_000);
  });
});
