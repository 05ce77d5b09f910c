import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TypeRequest } from '../../src/vscode/features/runner/run-typing';
import { api, inWorkspace, waitFor } from './helpers';

// scripts/run-vscode-tests.mjs points KUBECONFIG at test/fixtures/kube/staging-us.yaml (current-context staging-us).
describe('context guard', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('refuses a block whose runbook targets another kube context, naming both, and runs nothing', async () => {
    const runbooks = await api();
    const uri = inWorkspace('runbooks', 'db', 'pool-exhausted.md');
    const editor = await vscode.window.showTextDocument(uri);
    // An unsaved edit: the runbook now declares its target in the front matter.
    await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), 'kube-context: prod-eu-*\n'));
    const lens = await waitFor('the Run lens saying where the block would run', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return lenses.find((l) => l.range.start.line === 38 && l.command?.title.startsWith('$(warning) Run'))?.command?.title;
    });
    assert.equal(lens, '$(warning) Run (changes state)… · staging-us/orders ≠ prod-eu-*');

    const asked: TypeRequest[] = [];
    let confirmed = 0;
    const { typer, confirmer } = runbooks.runs;
    runbooks.runs.typer = async (request) => {
      asked.push(request);
      return 'prod-eu-1';
    };
    runbooks.runs.confirmer = async () => {
      confirmed++;
      return true;
    };
    try {
      const outcome = await vscode.commands.executeCommand('runbooks.runBlock', uri, 2);
      assert.equal(outcome, 'refused');
      assert.equal(asked.length, 1);
      assert.equal(asked[0]!.kind, 'override');
      assert.equal(asked[0]!.name, 'staging-us');
      assert.equal(
        asked[0]!.detail,
        'Not run: this runbook targets kube context `prod-eu-*`, `kubectl rollout restart` would run in `staging-us` (current-context of ' +
          process.env.KUBECONFIG +
          '). To run it anyway, give the name `staging-us` (CLI: --context-override staging-us; editor: "Run anyway").',
      );
      assert.equal(confirmed, 0);
      assert.equal(runbooks.runs.lastRun(uri, 'restart-workers'), undefined);
    } finally {
      runbooks.runs.typer = typer;
      runbooks.runs.confirmer = confirmer;
      // Later suites read this runbook's lines: take the edit back out and drop the unsaved state.
      const shown = await vscode.window.showTextDocument(uri);
      await shown.edit((edit) => edit.delete(new vscode.Range(1, 0, 2, 0)));
      await vscode.commands.executeCommand('workbench.action.files.revert', uri);
      assert.equal(shown.document.lineAt(1).text, 'title: Database connection pool exhausted');
    }
  });
});

describe('run history', () => {
  it('appends every run to the shared run log, and Run History lists this workspace\'s runs newest first', async () => {
    await api();
    const uri = inWorkspace('runbooks', 'db', 'pool-exhausted.md');
    await vscode.window.showTextDocument(uri);
    const record = await vscode.commands.executeCommand<{ finishedAt: Date }>('runbooks.runBlock', uri, 1);
    const runs = await vscode.commands.executeCommand<Array<{ doc: string; block: string; source: string; time: string; command: string; confirmation: string }>>('runbooks.showRunHistory', { pick: false });
    assert.ok(runs.length >= 1, 'no runs in the log');
    const newest = runs[0]!;
    assert.deepEqual([newest.doc, newest.block, newest.source, newest.command, newest.confirmation], ['runbooks/db/pool-exhausted.md', 'pool-max', 'editor', 'grep -c max deploy/pool.yaml', 'none']);
    assert.equal(newest.time, new Date(record.finishedAt).toISOString());
    // The launcher points XDG_STATE_HOME into its temp folder: the test never writes the user's log.
    assert.ok(process.env.XDG_STATE_HOME?.includes('runbooks-code-server-'), `XDG_STATE_HOME is ${process.env.XDG_STATE_HOME}`);
  });
});
