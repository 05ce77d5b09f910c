import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunRecord } from '../../src/vscode/features/runner/block-run-service';
import type { ConfirmRequest } from '../../src/vscode/features/runner/run-confirmation';
import { api, inWorkspace, waitFor } from './helpers';

const runbook = () => inWorkspace('runbooks', 'db', 'pool-exhausted.md');

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
  return lenses.map((l) => `${l.range.start.line + 1}: ${l.command?.title ?? ''}`);
}

describe('running runbook blocks', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('shows Run, Run in Terminal and Copy above each runnable block, and Run checks on the section', async () => {
    await api();
    await vscode.window.showTextDocument(runbook());
    const titles = await lensTitles(runbook());
    for (const expected of [
      '21: $(run-all) Run 2 checks in section',
      '25: $(play) Run',
      '25: Run in Terminal',
      '25: Copy',
      '29: $(play) Run',
      // Where it would run now: the fake kubeconfig's context and the block's -n (scripts/run-vscode-tests.mjs).
      '38: $(warning) Run (changes state)… · staging-us/orders',
      '38: Run in Terminal',
    ]) {
      assert.ok(titles.includes(expected), `missing CodeLens "${expected}" in ${JSON.stringify(titles)}`);
    }
  });

  it('runs a check, captures its output and marks it passed', async () => {
    const runbooks = await api();
    await vscode.window.showTextDocument(runbook());
    const record = await vscode.commands.executeCommand<RunRecord>('runbooks.runBlock', runbook(), 0);
    assert.equal(record.blockName, 'pool-config');
    assert.equal(record.result.passed, true);
    assert.equal(record.result.exitCode, 0);
    assert.equal(record.command, 'cat deploy/pool.yaml');
    assert.equal(record.cwd, '.');
    assert.match(record.result.output, /max: 50/);
    assert.equal(runbooks.runs.lastRun(runbook(), 'pool-config'), record);
    const titles = await lensTitles(runbook());
    assert.ok(titles.some((t) => t.startsWith('25: $(pass-filled) ')), `no ✓ lens in ${JSON.stringify(titles)}`);
  });

  it('asks before a state-changing block, showing the exact command and where it runs, and runs nothing when declined', async () => {
    const runbooks = await api();
    const asked: ConfirmRequest[] = [];
    const original = runbooks.runs.confirmer;
    runbooks.runs.confirmer = async (request) => {
      asked.push(request);
      return false;
    };
    try {
      const outcome = await vscode.commands.executeCommand('runbooks.runBlock', runbook(), 2);
      assert.equal(outcome, 'declined');
      assert.equal(asked.length, 1);
      assert.equal(asked[0]!.command, 'kubectl -n orders rollout restart deploy/orders-worker');
      assert.equal(asked[0]!.cwd, 'runbooks/db');
      assert.equal(runbooks.runs.lastRun(runbook(), 'restart-workers'), undefined);
    } finally {
      runbooks.runs.confirmer = original;
    }
  });

  it('runs the checks of a section one after another', async () => {
    await api();
    const records = await vscode.commands.executeCommand<RunRecord[]>('runbooks.runSection', runbook(), 3);
    assert.deepEqual(
      records.map((r) => [r.blockName, r.result.passed, r.result.output.trim()]),
      [
        ['pool-config', true, 'pool:\n  min: 5\n  max: 50\n  idle_timeout: 300s'],
        ['pool-max', true, '1'],
      ],
    );
  });

  it('runs the command after the prompt of a prompted bash block from its CodeLens and marks it passed', async () => {
    const runbooks = await api();
    const uri = inWorkspace('runbooks', 'prompted-check.md');
    const text = '# Pool check\n\n## Diagnosis\n\n```bash {cwd=..}\n$ cat deploy/pool.yaml\npool:\n  max: 50\n```\n';
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    try {
      await vscode.window.showTextDocument(uri);
      const run = await waitFor('a Run lens on the prompted block', async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
        return lenses.find((l) => l.range.start.line === 4 && l.command?.title === '$(play) Run');
      });
      const record = await vscode.commands.executeCommand<RunRecord>(run.command!.command, ...(run.command!.arguments ?? []));
      assert.equal(record.command, 'cat deploy/pool.yaml');
      assert.equal(record.result.passed, true);
      assert.match(record.result.output, /max: 50/);
      assert.equal(runbooks.runs.lastRun(uri, record.blockName), record);
      const titles = await lensTitles(uri);
      assert.ok(titles.some((t) => t.startsWith('5: $(pass-filled) ')), `no ✓ lens in ${JSON.stringify(titles)}`);
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });
});
