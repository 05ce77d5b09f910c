import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { formatCheckRun, formatNote } from '../../../src/core/incident/timeline';
import type { IncidentMeta } from '../../../src/core/incident/types';
import { parseDoc } from '../../../src/core/parse-doc';
import { failureReason } from '../../../src/core/runner/run-failure';
import { executePlan, planRun } from '../../../src/core/runner/run-plan';
import { runnableBlocks } from '../../../src/core/runner/runnable-blocks';
import { IncidentStore } from '../../../src/node/incident-store';
import { NodeShellRunner } from '../../../src/node/shell-runner';
import { LOOK_ALIKES, SECRET_CASES } from '../support/secret-corpus';
import { makeTempDir, removeTempDir, writeTree } from '../support/temp-dir';

const PATH = '/usr/local/bin:/usr/bin:/bin';

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await allFiles(full)));
    else out.push(full);
  }
  return out;
}

describe('secrets never reach a file we write', () => {
  let root: string;
  before(async () => {
    root = await makeTempDir('secrets-written');
  });
  after(() => removeTempDir(root));

  it('keeps every secret of the corpus out of incident files, their names and postmortems, through real runs', async function () {
    this.timeout(60_000);
    const outputs = SECRET_CASES.filter((c) => c.place === 'output').map((c) => c.text).join('\n');
    const args = SECRET_CASES.filter((c) => c.place === 'argument').map((c) => `: ${c.text}`);
    // The block prints the output cases and carries the argument cases as arguments of `:` (which runs nothing), then fails.
    const runbook = ['# Leak', '', '```sh {name=leaky kind=check}', 'cat printed.txt', ...args, 'false', '```', ''].join('\n');
    await writeTree(root, { 'runbooks/leak.md': runbook, 'runbooks/printed.txt': outputs });
    const doc = parseDoc('runbooks/leak.md', runbook);
    const plan = planRun(doc, runnableBlocks(doc)[0]!, {}, {}, { defaultTimeoutSeconds: 30 });
    if ('error' in plan) throw new Error(plan.error);
    const result = await executePlan(new NodeShellRunner(), plan, { workspaceRoot: root, baseEnv: { PATH } });
    assert.equal(result.passed, false);
    assert.equal(result.failedCommand?.text, 'false');

    const store = new IncidentStore(path.join(root, 'incidents'), root, { timeZone: 'UTC' });
    const titles = SECRET_CASES.filter((c) => c.place === 'title');
    const notes = SECRET_CASES.filter((c) => c.place === 'note');
    for (const [i, title] of titles.entries()) {
      const meta: IncidentMeta = { id: '', title: title.text, severity: 'SEV2', status: 'active', started: `2026-11-2${i}T14:05:00.000Z`, runbooks: ['runbooks/leak.md'], commander: 'Alice' };
      const file = await store.create(meta);
      for (const note of notes) await store.append(file, formatNote({ text: note.text, author: 'Bob' }, new Date(`2026-11-2${i}T14:06:00Z`), 'UTC'));
      const entry = formatCheckRun(
        {
          runbookPath: plan.docPath,
          line: plan.block.line,
          blockName: plan.block.name,
          command: plan.display,
          cwd: plan.cwd,
          exitCode: result.exitCode,
          durationMs: result.durationMs,
          passed: result.passed,
          failure: failureReason(result)!,
          output: result.output,
          finishedAt: new Date(`2026-11-2${i}T14:07:00Z`),
        },
        file,
        { timeZone: 'UTC' },
      );
      await store.append(file, entry);
      await store.resolve(file, new Date(`2026-11-2${i}T15:00:00Z`), 'Alice');
    }

    const files = (await allFiles(path.join(root, 'incidents'))).sort();
    assert.equal(files.length, titles.length * 2, files.join('\n'));
    const written = (await Promise.all(files.map((f) => fs.readFile(f, 'utf8')))).join('\n');
    for (const c of SECRET_CASES) {
      assert.ok(!written.includes(c.secret), `${c.kind} (${c.place}) reached a file: ${c.secret}`);
      for (const file of files) assert.ok(!path.basename(file).toLowerCase().includes(c.secret.toLowerCase().slice(0, 10)), file);
    }
    // What was redacted is still said to have been there.
    assert.ok(written.includes('[REDACTED:sendgrid-key]') && written.includes('[REDACTED:password-flag]') && written.includes('[REDACTED:netrc-password]'));
  });

  it('writes look-alikes as they are', async () => {
    const store = new IncidentStore(path.join(root, 'look-alikes'), root, { timeZone: 'UTC' });
    const meta: IncidentMeta = { id: '', title: 'Rollout of aef093b6945178510363fe871d79a97bfd2666fe stuck', severity: 'SEV3', status: 'active', started: '2026-11-22T14:05:00.000Z', runbooks: [] };
    const file = await store.create(meta);
    assert.equal(path.basename(file), '2026-11-22-rollout-of-aef093b6945178510363fe871d79a97bfd2666fe-stuck.md');
    for (const [, text] of LOOK_ALIKES) await store.append(file, formatNote({ text }, new Date('2026-11-22T14:06:00Z'), 'UTC'));
    const written = await fs.readFile(path.join(root, file), 'utf8');
    assert.equal(written.includes('[REDACTED'), false);
    for (const [, text] of LOOK_ALIKES) for (const line of text.split('\n')) assert.ok(written.includes(line.trim()), line);
  });
});
