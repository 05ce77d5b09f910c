import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, inWorkspace, waitFor, workspaceRoot } from './helpers';

describe('incident mode', () => {
  let incidentUri: vscode.Uri;
  const read = () => fs.readFile(incidentUri.fsPath, 'utf8');

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('starts an incident from the template and shows it in the status bar', async () => {
    const runbooks = await api();
    assert.equal(runbooks.incidentStatusBar.visible, false);
    incidentUri = await vscode.commands.executeCommand<vscode.Uri>('runbooks.startIncident', {
      title: 'Orders DB pool exhausted',
      severity: 'SEV2',
      runbooks: ['runbooks/db/pool-exhausted.md'],
    });
    assert.equal(path.dirname(incidentUri.fsPath), path.join(workspaceRoot(), 'incidents'));
    assert.match(path.basename(incidentUri.fsPath), /^\d{4}-\d{2}-\d{2}-orders-db-pool-exhausted\.md$/);
    const text = await read();
    assert.match(text, /^---\n/);
    assert.match(text, /title: Orders DB pool exhausted\n/);
    assert.match(text, /severity: SEV2\n/);
    assert.match(text, /status: active\n/);
    for (const section of ['## Summary', '## Actions', '## Follow-ups', '## Timeline']) assert.ok(text.includes(section), section);
    await waitFor('the status bar item', () => runbooks.incidentStatusBar.visible);
    assert.match(runbooks.incidentStatusBar.item.text, /^\$\(flame\) Orders DB pool exhausted · \dm$/);
  });

  it('appends a timestamped note, and a note with an explicit time', async () => {
    await api();
    assert.equal(await vscode.commands.executeCommand('runbooks.addIncidentNote', 'Paged the DB team'), true);
    assert.equal(await vscode.commands.executeCommand('runbooks.addIncidentNote', '00:01 first alert fired'), true);
    const text = await read();
    assert.match(text, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?Z.*Paged the DB team/);
    assert.match(text, /first alert fired/);
    assert.ok(!text.includes('00:01 first alert fired'), 'the explicit time is read, not kept in the text');
  });

  it('records a check run with its command, exit code and output', async () => {
    await api();
    await vscode.commands.executeCommand('runbooks.runBlock', inWorkspace('runbooks', 'db', 'pool-exhausted.md'), 0);
    const text = await waitFor('the check in the timeline', async () => {
      const t = await read();
      return t.includes('pool-config') ? t : undefined;
    });
    assert.match(text, /cat deploy\/pool\.yaml/);
    assert.match(text, /max: 50/);
    assert.match(text, /runbooks\/db\/pool-exhausted\.md#L25/);
    // The recorded command is history: the incident file offers nothing to run.
    await vscode.window.showTextDocument(incidentUri);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', incidentUri);
    assert.deepEqual(lenses.map((l) => l.command?.title), []);
  });

  it('adds a note through the editor when the incident file has unsaved edits, losing neither', async () => {
    await api();
    const editor = await vscode.window.showTextDocument(incidentUri, { preview: false });
    await editor.edit((b) => b.insert(new vscode.Position(editor.document.lineCount - 1, 0), 'Typed by hand, not saved yet.\n'));
    assert.equal(editor.document.isDirty, true);
    await vscode.commands.executeCommand('runbooks.addIncidentNote', 'Failover started');
    assert.ok(editor.document.getText().includes('Typed by hand, not saved yet.'));
    assert.ok(editor.document.getText().includes('Failover started'));
    await editor.document.save();
    const text = await read();
    assert.ok(text.includes('Typed by hand, not saved yet.'));
    assert.ok(text.includes('Failover started'));
  });

  it('records feedback written on a runbook line in the timeline and labels the thread', async () => {
    const runbooks = await api();
    const runbook = inWorkspace('runbooks', 'db', 'pool-exhausted.md');
    await vscode.window.showTextDocument(runbook);
    const draft = runbooks.feedback.controller.createCommentThread(runbook, new vscode.Range(24, 0, 24, 0), []);
    await vscode.commands.executeCommand('runbooks.submitFeedback', { thread: draft, text: 'step 3 is wrong: the pool is in pgbouncer.ini now' });
    const text = await read();
    assert.match(text, /✎ feedback on .*runbooks\/db\/pool-exhausted\.md#L25/);
    assert.ok(text.includes('step 3 is wrong: the pool is in pgbouncer.ini now'));
    const threads = runbooks.feedback.recordedThreads();
    assert.equal(threads.length, 1, 'the line shows the feedback once');
    assert.equal(threads[0]!.range?.start.line, 24);
    assert.match(threads[0]!.label ?? '', /^noted in incident \d{4}-\d{2}-\d{2}-orders-db-pool-exhausted$/);
  });

  it('resolves the incident, writes the postmortem draft and hides the status bar item', async () => {
    const runbooks = await api();
    const postmortem = await vscode.commands.executeCommand<vscode.Uri>('runbooks.resolveIncident', true);
    assert.match(await read(), /status: resolved\n/);
    const draft = await fs.readFile(postmortem.fsPath, 'utf8');
    for (const section of ['Summary', 'Impact', 'Root Causes', 'Trigger', 'Resolution', 'Detection', 'Action Items', 'Lessons Learned', 'Timeline']) {
      assert.ok(draft.includes(section), `postmortem misses ${section}`);
    }
    assert.ok(draft.includes('Paged the DB team'));
    assert.ok(draft.includes('runbooks/db/pool-exhausted.md'));
    await waitFor('the status bar item to hide', () => !runbooks.incidentStatusBar.visible);
  });

  it('shows the recorded feedback on the runbook until someone resolves it', async () => {
    const runbooks = await api();
    await vscode.window.showTextDocument(inWorkspace('runbooks', 'db', 'pool-exhausted.md'));
    await runbooks.feedback.refresh();
    const [thread] = runbooks.feedback.recordedThreads();
    assert.ok(thread, 'no feedback thread on the runbook');
    assert.equal(thread.range?.start.line, 24);
    assert.match(thread.label ?? '', /^noted in incident /);
    assert.equal((thread.comments[0]!.body as string), 'step 3 is wrong: the pool is in pgbouncer.ini now');
    await vscode.commands.executeCommand('runbooks.resolveFeedback', thread);
    assert.match(await read(), /Resolved feedback on runbooks\/db\/pool-exhausted\.md#L25/);
    assert.deepEqual(runbooks.feedback.recordedThreads(), []);
  });
});

describe('incidents folder and timeline order (#22, #21)', () => {
  const dir = () => path.join(workspaceRoot(), 'incidents');
  const checklist = '# On-call checklist\n\n- [ ] page the owner\n';
  after(async () => {
    await vscode.workspace.getConfiguration('runbooks.incidents').update('folder', undefined, vscode.ConfigurationTarget.Workspace);
    await fs.rm(path.join(dir(), 'checklist.md'), { force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('leaves markdown in the incidents folder that is not an incident file alone, and keeps the timeline in time order', async () => {
    const runbooks = await api();
    await fs.writeFile(path.join(dir(), 'checklist.md'), checklist);
    await runbooks.incidents.reload();
    assert.ok(!(await runbooks.incidents.all()).some((i) => i.path.endsWith('checklist.md')), 'the checklist is listed as an incident');
    const uri = await vscode.commands.executeCommand<vscode.Uri>('runbooks.startIncident', { title: 'Queue backlog', severity: 'SEV3', runbooks: [], alert: 'QueueTooLarge' });
    assert.equal(await vscode.commands.executeCommand('runbooks.addIncidentNote', 'drained the queue'), true);
    // back-dated: before the start, so it is placed before it, in the file and the postmortem
    assert.equal(await vscode.commands.executeCommand('runbooks.addIncidentNote', '00:00 queue started growing'), true);
    const text = await fs.readFile(uri.fsPath, 'utf8');
    assert.match(text, /alert: QueueTooLarge\n/);
    const order = [...text.matchAll(/^- \*\*(\S+)\*\* .*?(queue started growing|Incident started|drained the queue)/gm)].map((m) => m[2]);
    assert.deepEqual(order, ['queue started growing', 'Incident started', 'drained the queue']);
    const postmortem = await vscode.commands.executeCommand<vscode.Uri>('runbooks.resolveIncident', true);
    // The drafted sections above (Resolution holds "drained the queue") come before the timeline: compare within it.
    const draft = await fs.readFile(postmortem.fsPath, 'utf8');
    const timeline = draft.slice(draft.indexOf('\n## Timeline\n'), draft.indexOf('\n## Supporting information\n'));
    assert.ok(timeline.includes('queue started growing') && timeline.includes('drained the queue'), timeline);
    assert.ok(timeline.indexOf('queue started growing') < timeline.indexOf('drained the queue'), timeline);
    assert.equal(await fs.readFile(path.join(dir(), 'checklist.md'), 'utf8'), checklist);
  });

  it('refuses an incidents folder setting outside the workspace with a clear message', async () => {
    const runbooks = await api();
    await vscode.workspace.getConfiguration('runbooks.incidents').update('folder', '../outside-incidents', vscode.ConfigurationTarget.Workspace);
    await assert.rejects(runbooks.incidents.start('Outside', 'SEV3', []), /The incidents folder "\.\.\/outside-incidents" \(runbooks\.incidents\.folder\) .*inside the workspace folder/);
    await assert.rejects(fs.stat(path.join(workspaceRoot(), '..', 'outside-incidents')));
  });
});
