import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseBytes } from '../../../src/core/parse-bytes';
import { WorkerPoolParser, defaultWorkerScript } from '../../../src/node/worker-pool-parser';

const docs: Record<string, string> = {
  'runbooks/a.md': '---\nowner: team-db\nalerts: [PostgresDown]\n---\n# A\n\n## Mitigation\n\n```sh {name=x}\nuptime\n```\n',
  'docs/b.md': '# B\n\n[link](c.md#L3)\n',
  'docs/c.md': '---\ntags: [a\n---\n# C\n',
};
const bytes = (text: string) => new TextEncoder().encode(text);

describe('WorkerPoolParser', () => {
  it('finds the TypeScript worker source when run from source', () => {
    assert.equal(defaultWorkerScript(), path.resolve(__dirname, '../../../src/node/parse-worker.ts'));
  });

  it('parses on worker threads to the same models as in-process parsing', async () => {
    const pool = new WorkerPoolParser(defaultWorkerScript(), 2);
    try {
      const models = await Promise.all(Object.entries(docs).map(([p, text]) => pool.parse(p, bytes(text))));
      assert.equal(pool.fallbackReason, undefined);
      assert.deepEqual(models, Object.entries(docs).map(([p, text]) => parseBytes(p, bytes(text))));
    } finally {
      pool.stop();
    }
  });

  it('finishes pending parses on the calling thread when a worker fails to start', async () => {
    const pool = new WorkerPoolParser(path.join(__dirname, 'no-such-worker.js'), 1);
    try {
      const model = await pool.parse('docs/b.md', bytes(docs['docs/b.md']!));
      assert.deepEqual(model, parseBytes('docs/b.md', bytes(docs['docs/b.md']!)));
      assert.match(pool.fallbackReason ?? '', /^a parse worker failed: /);
    } finally {
      pool.stop();
    }
  });
});
