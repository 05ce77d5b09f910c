import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { CheckReport } from '../../src/core/staleness/model/check';
import { api, inWorkspace, ruleIdOf, waitFor, workspaceRoot } from './helpers';

/** Commits everything in the workspace at a fixed date, as a scripted history. */
function commit(message: string, date: string): void {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: workspaceRoot(),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: workspaceRoot(), env, stdio: 'pipe' });
  git('add', '-A');
  git('commit', '-q', '-m', message);
}

describe('staleness', () => {
  const runbook = () => inWorkspace('runbooks', 'db', 'pool-exhausted.md');
  const pool = () => inWorkspace('deploy', 'pool.yaml');

  before(async () => {
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: workspaceRoot() });
    commit('initial runbooks and config', '2025-01-01T10:00:00Z');
    const text = await fs.readFile(pool().fsPath, 'utf8');
    await fs.writeFile(pool().fsPath, text.replace('max: 50', 'max: 80'));
    commit('raise the orders pool', '2026-03-01T10:00:00Z');
  });

  it('marks a runbook stale when the lines it links changed after its review, with a finding on the link line', async () => {
    const runbooks = await api();
    await vscode.commands.executeCommand('runbooks.refreshStaleness');
    const verdict = runbooks.staleness.verdict(runbook());
    assert.equal(verdict?.level, 'stale', JSON.stringify(verdict?.reasons));
    const diagnostics = vscode.languages.getDiagnostics(runbook()).filter((d) => ruleIdOf(d)!.startsWith('stale.'));
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics.map((d) => [ruleIdOf(d), d.message])));
    assert.equal(diagnostics[0]!.range.start.line + 1, 15);
    assert.match(diagnostics[0]!.message, /raise the orders pool/);
    assert.equal(runbooks.staleness.verdict(inWorkspace('playbooks', 'failover.md'))?.level, 'fresh');
  });

  it('sees a linked file changed behind the editor\'s back on the next automatic re-check, and sees it put back', async () => {
    const runbooks = await api();
    // A whole-tree read first (the user's command); the automatic re-checks after it are told what the watcher saw.
    await vscode.commands.executeCommand('runbooks.refreshStaleness');
    const findings = () => vscode.languages.getDiagnostics(runbook()).filter((d) => ruleIdOf(d)!.startsWith('stale.')).map((d) => d.message).join('\n');
    const text = await fs.readFile(pool().fsPath, 'utf8');
    try {
      await fs.writeFile(pool().fsPath, text.replace('max: 80', 'max: 90'));
      await waitFor('the uncommitted change in the finding', async () => {
        await runbooks.staleness.refresh();
        return /uncommitted changes/.test(findings());
      }, 30_000);
    } finally {
      await fs.writeFile(pool().fsPath, text);
    }
    await waitFor('the finding without it once the file is put back', async () => {
      await runbooks.staleness.refresh();
      return findings() !== '' && !/uncommitted changes/.test(findings());
    }, 30_000);
  });

  it('takes the scoring from .runbooks.yml as it changes, with its problems on the file and the defaults for those settings', async () => {
    const runbooks = await api();
    const config = inWorkspace('.runbooks.yml');
    const level = () => runbooks.staleness.verdict(runbook())?.level;
    // Written behind the editor's back, as a pull would: the file watchers must notice.
    await fs.writeFile(config.fsPath, 'staleness:\n  staleThreshold: 100\n');
    await waitFor('the runbook to turn fresh under staleThreshold 100', () => level() === 'fresh', 30_000);

    await fs.writeFile(config.fsPath, 'staleness:\n  staleThreshold: 100\n  weights:\n    anchoredRange: -1\n  treshold: 2\n');
    const problems = await waitFor('the problems of the config file', () => {
      const found = vscode.languages.getDiagnostics(config);
      return found.length > 0 ? found : undefined;
    }, 30_000);
    assert.deepEqual(
      problems.map((d) => [ruleIdOf(d), d.severity, d.range.start.line + 1, d.message]),
      [
        ['config.invalid', vscode.DiagnosticSeverity.Error, 4, '`staleness.weights.anchoredRange` cannot be negative (`-1`); use 0 to leave this evidence out (the default is `2`).'],
        ['config.invalid', vscode.DiagnosticSeverity.Error, 5, '`staleness.treshold` is not a setting; did you mean `staleThreshold`?'],
      ],
    );
    // The valid setting still applies.
    assert.equal(level(), 'fresh');

    await fs.rm(config.fsPath);
    await waitFor('the defaults again once the file is gone', () => level() === 'stale' && vscode.languages.getDiagnostics(config).length === 0, 30_000);
  });

  it('lets runbooks.staleness.bulkCommitFiles win over .runbooks.yml only when it is set', async () => {
    const runbooks = await api();
    const folder = vscode.workspace.workspaceFolders![0]!;
    const config = inWorkspace('.runbooks.yml');
    const bulk = async () => (await runbooks.staleness.engine(folder)).options.bulkCommitFiles;
    const setting = vscode.workspace.getConfiguration('runbooks.staleness', folder);
    await fs.writeFile(config.fsPath, 'staleness:\n  bulkCommitFiles: 7\n');
    try {
      assert.equal(await bulk(), 7);
      await setting.update('bulkCommitFiles', 12, vscode.ConfigurationTarget.Workspace);
      assert.equal(await bulk(), 12);
      await setting.update('bulkCommitFiles', undefined, vscode.ConfigurationTarget.Workspace);
      assert.equal(await bulk(), 7);
    } finally {
      await fs.rm(config.fsPath, { force: true });
    }
    assert.equal(await bulk(), 50);
  });

  it('lists the runbook in a CodeLens at the top of the linked config file, and says so on hover over the linked lines', async () => {
    await api();
    await vscode.window.showTextDocument(pool());
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', pool());
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title]), [[0, '$(book) Referenced by 1 runbook · 1 stale']]);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', pool(), new vscode.Position(2, 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /Runbook `runbooks\/db\/pool-exhausted\.md` \(line 15, stale\) depends on lines 1–4/);
  });

  it('offers the diff of the linked file since the runbook last changed', async () => {
    await api();
    const [diagnostic] = vscode.languages.getDiagnostics(runbook()).filter((d) => ruleIdOf(d)!.startsWith('stale.'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', runbook(), diagnostic!.range);
    const show = actions.find((a) => a.title === 'Show changes to deploy/pool.yaml since this runbook changed');
    assert.ok(show?.command, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(await vscode.commands.executeCommand(show.command.command, ...(show.command.arguments ?? [])), true);
    const input = await waitFor('the diff editor', () => {
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return tab instanceof vscode.TabInputTextDiff ? tab : undefined;
    });
    assert.equal(input.original.scheme, 'runbooks-git');
    assert.equal(input.modified.toString(), pool().toString());
    const before = await vscode.workspace.openTextDocument(input.original);
    assert.match(before.getText(), /max: 50/);
  });

  it('clears the findings with the quick fix that marks the runbook reviewed', async () => {
    const runbooks = await api();
    const editor = await vscode.window.showTextDocument(runbook());
    const [diagnostic] = vscode.languages.getDiagnostics(runbook()).filter((d) => ruleIdOf(d)!.startsWith('stale.'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', runbook(), diagnostic!.range);
    const fix = actions.find((a) => a.title.startsWith('Mark runbook as reviewed today'));
    assert.ok(fix?.edit, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.match(editor.document.getText(), new RegExp(`\nreviewed: ${new Date().toISOString().slice(0, 10)}\n`));
    await editor.document.save();
    await vscode.commands.executeCommand('runbooks.refreshStaleness');
    assert.equal(runbooks.staleness.verdict(runbook())?.level, 'fresh');
    assert.deepEqual(vscode.languages.getDiagnostics(runbook()).filter((d) => ruleIdOf(d)!.startsWith('stale.')), []);
  });

  it('warns on the changed config line when a change leaves the runbook that describes it alone', async () => {
    await api();
    commit('review the pool runbook', '2026-11-20T10:00:00Z');
    const text = await fs.readFile(pool().fsPath, 'utf8');
    await fs.writeFile(pool().fsPath, text.replace('idle_timeout: 300s', 'idle_timeout: 60s'));
    const [report] = await vscode.commands.executeCommand<CheckReport[]>('runbooks.checkMyChanges', 'HEAD');
    assert.equal(report?.findings.length, 1);
    const [diagnostic] = vscode.languages.getDiagnostics(pool()).filter((d) => d.source === 'Living Runbooks');
    assert.ok(diagnostic, 'no review warning on the config file');
    assert.equal(diagnostic.range.start.line + 1, 4);
    assert.equal(diagnostic.relatedInformation?.[0]?.location.uri.toString(), runbook().toString());
  });
});
