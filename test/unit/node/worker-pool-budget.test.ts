import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { WorkerPoolParser } from '../../../src/node/worker-pool-parser';
import { makeTempDir, removeTempDir } from '../support/temp-dir';

/** A stand-in parse worker: `hang.md` never returns, `oom.md` eats memory, anything else comes back at once. */
const WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (job) => {
  if (job.path === 'hang.md') for (;;) {}
  if (job.path === 'oom.md') { const keep = []; for (;;) keep.push(new Array(1e6).fill(job.path)); }
  parentPort.postMessage({ id: job.id, doc: { path: job.path, findings: [] } });
});
`;

describe('WorkerPoolParser budgets', () => {
  let dir: string;
  let script: string;

  beforeEach(async () => {
    dir = await makeTempDir('parse-budget');
    script = path.join(dir, 'worker.js');
    await fs.writeFile(script, WORKER);
  });
  afterEach(() => removeTempDir(dir));

  async function parseAll(pool: WorkerPoolParser, names: string[]) {
    try {
      return await Promise.all(names.map((name) => pool.parse(name, Buffer.from('# x\n'))));
    } finally {
      pool.stop();
    }
  }

  it('a document past its time budget becomes doc.unparseable; the documents queued behind it are still parsed', async function () {
    this.timeout(60_000);
    const pool = new WorkerPoolParser(script, 1, { baseMs: 1500, perMegabyteMs: 0, maxHeapMb: 256 });
    const docs = await parseAll(pool, ['a.md', 'hang.md', 'b.md', 'c.md']);
    assert.deepEqual(
      docs.map((d) => [d.path, d.findings.map((f) => f.ruleId).join()]),
      [['a.md', ''], ['hang.md', 'doc.unparseable'], ['b.md', ''], ['c.md', '']],
    );
    assert.equal(docs[1]!.findings[0]!.message, 'This file could not be parsed within its budget: parsing it took longer than 1.5 s. It is listed but not parsed or searched; split or simplify it.');
    assert.equal(pool.fallbackReason, undefined);
  });

  it('a worker that runs out of memory is replaced; only its document is doc.unparseable', async function () {
    this.timeout(120_000);
    const pool = new WorkerPoolParser(script, 1, { baseMs: 100_000, perMegabyteMs: 0, maxHeapMb: 48 });
    const docs = await parseAll(pool, ['oom.md', 'b.md']);
    assert.deepEqual(
      docs.map((d) => [d.path, d.findings.map((f) => f.ruleId).join()]),
      [['oom.md', 'doc.unparseable'], ['b.md', '']],
    );
    assert.match(docs[0]!.findings[0]!.message, /^This file could not be parsed within its budget: the parser stopped: .*memory/i);
    assert.equal(pool.fallbackReason, undefined);
  });
});
