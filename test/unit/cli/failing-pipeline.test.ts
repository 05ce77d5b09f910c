import assert from 'node:assert/strict';
import * as path from 'node:path';
import { main } from '../../../src/cli';
import { parseIncident } from '../../../src/core/incident/incident-parser';
import { renderIncident } from '../../../src/core/incident/incident-template';
import { renderPostmortem } from '../../../src/core/incident/postmortem';
import { formatCheckRun } from '../../../src/core/incident/timeline';
import { parseDoc } from '../../../src/core/parse-doc';
import { failureReason } from '../../../src/core/runner/run-failure';
import { executePlan, planRun } from '../../../src/core/runner/run-plan';
import { runnableBlocks } from '../../../src/core/runner/runnable-blocks';
import { NodeShellRunner } from '../../../src/node/shell-runner';
import { makeTempDir, removeTempDir, writeTree } from '../support/temp-dir';

const RUNBOOK = ['# Disk', '', '## Diagnosis', '', '```sh {name=top-users}', "cat missing.txt | awk '{print $1}' | sort", '```', ''].join('\n');
const NAMED = '`cat missing.txt` failed (exit 1) on line 1, the first of 3 commands in its pipeline';

describe('a pipeline whose first command fails is ✗ everywhere, naming the command', () => {
  let base: string;
  let root: string;

  before(async () => {
    base = await makeTempDir('failing-pipeline');
    root = path.join(base, 'ws');
    await writeTree(root, { 'runbooks/disk.md': RUNBOOK });
  });
  after(() => removeTempDir(base));

  it('fails the CLI run with exit code 1 and says which command failed', async () => {
    const out: string[] = [];
    const code = await main(['run', 'runbooks/disk.md'], { out: (s) => out.push(s), err: () => {}, cwd: root, env: { PATH: process.env.PATH } });
    assert.equal(code, 1);
    const last = out[out.length - 1]!;
    assert.match(last, /^✗ failed \(exit 1, \d+\.\d s\): /);
    assert.ok(last.endsWith(NAMED), last);
  });

  it('records ✗ with the failing command in the incident timeline and the postmortem', async () => {
    const doc = parseDoc('runbooks/disk.md', RUNBOOK);
    const plan = planRun(doc, runnableBlocks(doc)[0]!, {}, {}, { defaultTimeoutSeconds: 30 });
    if ('error' in plan) throw new Error(plan.error);
    const result = await executePlan(new NodeShellRunner(), plan, { workspaceRoot: root, baseEnv: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    assert.equal(result.passed, false);
    const incidentPath = 'incidents/2026-11-22-disk.md';
    const entry = formatCheckRun(
      {
        runbookPath: 'runbooks/disk.md',
        line: plan.block.line,
        blockName: plan.block.name,
        command: plan.display,
        cwd: plan.cwd,
        exitCode: result.exitCode,
        durationMs: 300,
        passed: result.passed,
        failure: failureReason(result)!,
        output: result.output,
        finishedAt: new Date('2026-11-22T14:07:00Z'),
      },
      incidentPath,
      { timeZone: 'UTC' },
    );
    assert.equal(entry.split('\n')[0], `- **2026-11-22T14:07:00Z** (14:07 local) — ▶ check \`top-users\` in [runbooks/disk.md#L5](../runbooks/disk.md#L5) — ✗ failed, exit 1, 300 ms: ${NAMED}`);
    const meta = { id: '2026-11-22-disk', title: 'Disk', severity: 'SEV3', status: 'active' as const, started: '2026-11-22T14:05:00Z', runbooks: ['runbooks/disk.md'] };
    const text = renderIncident(meta, { timeZone: 'UTC' }) + entry;
    const incident = parseIncident(incidentPath, text);
    const check = incident.timeline.find((e) => e.kind === 'check');
    assert.equal(check?.passed, false);
    const draft = renderPostmortem(incident, text, new Date('2026-11-22T15:00:00Z'));
    assert.ok(draft.includes(`check \`top-users\` in [runbooks/disk.md#L5](../runbooks/disk.md#L5) — ✗ failed, exit 1, 300 ms: ${NAMED}`), draft);
    assert.ok(!draft.includes('✓'), draft);
  });
});
