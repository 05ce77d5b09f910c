import assert from 'node:assert/strict';
import { parseBytes } from '../../../src/core/parse-bytes';
import type { DocParser, PersistedIndex } from '../../../src/core/ports';
import { INDEX_FORMAT_VERSION, WorkspaceIndex, type IndexChange, type IndexProgress } from '../../../src/core/workspace-index';
import { MemoryDocSource } from '../fakes/memory-doc-source';
import { MemoryIndexStore } from '../fakes/memory-index-store';
import { generateRunbook } from '../support/generated-runbook';
import { plain } from '../support/temp-dir';

const FAILOVER = '---\nowner: team-db\nalerts: [PostgresDown]\n---\n# Database failover\n\n## Mitigation\n\nPromote the replica with patronictl.\n';
const DISK = '# Disk full\n\n## Symptoms\n\nWrites fail.\n\n## Resolution\n\nRun logrotate.\n';
const ADR = '# Use Postgres\n\n## Context\n\nWe need transactions.\n\n## Decision\n\nPostgres.\n';

function workspace(): MemoryDocSource {
  return new MemoryDocSource({
    'runbooks/db/failover.md': { text: FAILOVER, mtimeMs: 1000 },
    'docs/disk-full.md': { text: DISK, mtimeMs: 1000 },
    'docs/adr/0001-use-postgres.md': { text: ADR, mtimeMs: 1000 },
  });
}

const paths = (index: WorkspaceIndex) => index.all().map((d) => d.path);
const hitPaths = (index: WorkspaceIndex, query: string) => index.find(query).map((h) => h.path);

describe('WorkspaceIndex', () => {
  describe('build', () => {
    it('parses every listed file once and lists the documents by path', async () => {
      const source = workspace();
      const index = new WorkspaceIndex(source);
      const stats = await index.build();
      assert.deepEqual(stats, { total: 3, parsed: 3, fromCache: 0, removed: 0, searchFromCache: false });
      assert.deepEqual(paths(index), ['docs/adr/0001-use-postgres.md', 'docs/disk-full.md', 'runbooks/db/failover.md']);
      assert.equal(index.size, 3);
      assert.deepEqual(Object.fromEntries(source.reads), {
        'docs/adr/0001-use-postgres.md': 1,
        'docs/disk-full.md': 1,
        'runbooks/db/failover.md': 1,
      });
      assert.deepEqual(
        index.all().map((d) => [d.title, d.kind]),
        [
          ['Use Postgres', 'architecture'],
          ['Disk full', 'runbook'],
          ['Database failover', 'runbook'],
        ],
      );
    });

    it('makes the documents searchable and finds them by alert', async () => {
      const index = new WorkspaceIndex(workspace());
      await index.build();
      assert.deepEqual(hitPaths(index, 'patronictl'), ['runbooks/db/failover.md']);
      assert.deepEqual(index.findForAlert('postgres-down'), [
        { path: 'runbooks/db/failover.md', title: 'Database failover', source: 'front-matter', line: 1 },
      ]);
      assert.deepEqual(index.alerts(), [{ alert: 'PostgresDown', paths: ['runbooks/db/failover.md'] }]);
    });

    it('reports progress from 0 to the total', async () => {
      const progress: IndexProgress[] = [];
      await new WorkspaceIndex(workspace()).build(undefined, (p) => progress.push({ ...p }));
      assert.deepEqual(progress, [
        { done: 0, total: 3 },
        { done: 3, total: 3 },
      ]);
    });

    it('drops documents that are gone at the next build', async () => {
      const source = workspace();
      const index = new WorkspaceIndex(source);
      await index.build();
      source.delete('docs/disk-full.md');
      await index.build();
      assert.deepEqual(paths(index), ['docs/adr/0001-use-postgres.md', 'runbooks/db/failover.md']);
      assert.deepEqual(hitPaths(index, 'logrotate'), []);
    });

    it('rejects with the abort reason when the signal is already aborted, and stays empty', async () => {
      const index = new WorkspaceIndex(workspace());
      const changes: IndexChange[] = [];
      index.onDidChange((c) => changes.push(c));
      await assert.rejects(index.build(AbortSignal.abort()), { name: 'AbortError' });
      assert.equal(index.size, 0);
      assert.deepEqual(changes, []);
    });

    it('rejects when aborted while reading, keeping the previous documents', async () => {
      const source = workspace();
      const index = new WorkspaceIndex(source, { readConcurrency: 1 });
      await index.build();
      source.set('docs/disk-full.md', '# Disk full, edited\n', 2000);
      source.set('runbooks/db/failover.md', '# Failover, edited\n', 2000);
      const controller = new AbortController();
      source.onRead = () => controller.abort(new Error('user cancelled'));
      await assert.rejects(index.build(controller.signal), { message: 'user cancelled' });
      assert.deepEqual(
        index.all().map((d) => d.title),
        ['Use Postgres', 'Disk full', 'Database failover'],
      );
      assert.equal(source.reads.get('runbooks/db/failover.md'), 1);
    });
  });

  describe('update and remove', () => {
    it('re-parses a file whose stamp changed, and search follows', async () => {
      const source = workspace();
      const index = new WorkspaceIndex(source);
      await index.build();
      source.set('docs/disk-full.md', '# Disk full\n\n## Resolution\n\nRun ncdu to find big files.\n', 2000);
      const doc = await index.update('docs/disk-full.md');
      assert.equal(doc, index.get('docs/disk-full.md'));
      assert.deepEqual(doc!.headings.map((h) => h.text), ['Disk full', 'Resolution']);
      assert.equal(source.reads.get('docs/disk-full.md'), 2);
      assert.deepEqual(hitPaths(index, 'ncdu'), ['docs/disk-full.md']);
      assert.deepEqual(hitPaths(index, 'logrotate'), []);
    });

    it('does not re-read a file whose mtime and size are unchanged', async () => {
      const source = workspace();
      const index = new WorkspaceIndex(source);
      await index.build();
      const before = index.get('docs/disk-full.md');
      const changes: IndexChange[] = [];
      index.onDidChange((c) => changes.push(c));
      const doc = await index.update('docs/disk-full.md');
      assert.equal(doc, before);
      assert.equal(source.reads.get('docs/disk-full.md'), 1);
      assert.deepEqual(changes, []);
    });

    it('re-reads a file whose size changed at the same mtime', async () => {
      const source = workspace();
      const index = new WorkspaceIndex(source);
      await index.build();
      source.set('docs/disk-full.md', `${DISK}More.\n`, 1000);
      await index.update('docs/disk-full.md');
      assert.equal(source.reads.get('docs/disk-full.md'), 2);
    });

    it('adds a new file', async () => {
      const source = workspace();
      const index = new WorkspaceIndex(source);
      await index.build();
      source.set('runbooks/new.md', '# Certificate expiry\n', 3000);
      const doc = await index.update('runbooks/new.md');
      assert.equal(doc?.title, 'Certificate expiry');
      assert.equal(index.size, 4);
      assert.deepEqual(hitPaths(index, 'certificate'), ['runbooks/new.md']);
    });

    it('removes a file that is gone when asked to update it', async () => {
      const source = workspace();
      const index = new WorkspaceIndex(source);
      await index.build();
      source.delete('runbooks/db/failover.md');
      assert.equal(await index.update('runbooks/db/failover.md'), undefined);
      assert.equal(index.get('runbooks/db/failover.md'), undefined);
      assert.deepEqual(hitPaths(index, 'patronictl'), []);
      assert.deepEqual(index.findForAlert('PostgresDown'), []);
    });

    it('forgets a removed file and says whether it was indexed', async () => {
      const index = new WorkspaceIndex(workspace());
      await index.build();
      assert.equal(index.remove('docs/disk-full.md'), true);
      assert.equal(index.remove('docs/disk-full.md'), false);
      assert.equal(index.size, 2);
      assert.deepEqual(hitPaths(index, 'logrotate'), []);
    });

    it('tells listeners about builds, updates and removals until they unsubscribe', async () => {
      const source = workspace();
      const index = new WorkspaceIndex(source);
      const changes: IndexChange[] = [];
      const unsubscribe = index.onDidChange((c) => changes.push(c));
      await index.build();
      source.set('docs/disk-full.md', '# Disk full again\n', 2000);
      await index.update('docs/disk-full.md');
      index.remove('docs/adr/0001-use-postgres.md');
      index.remove('docs/adr/0001-use-postgres.md');
      unsubscribe();
      index.remove('runbooks/db/failover.md');
      assert.deepEqual(changes, [
        { paths: [], full: true },
        { paths: ['docs/disk-full.md'], full: false },
        { paths: ['docs/adr/0001-use-postgres.md'], full: false },
      ]);
    });
  });

  describe('persisted index', () => {
    async function persisted(source: MemoryDocSource): Promise<MemoryIndexStore> {
      const store = new MemoryIndexStore();
      const index = new WorkspaceIndex(source, { store });
      await index.build();
      await index.persist();
      return store;
    }

    it('stores every document with its stamp and the search index', async () => {
      const store = await persisted(workspace());
      const saved = JSON.parse(store.json!) as PersistedIndex;
      assert.equal(saved.version, INDEX_FORMAT_VERSION);
      assert.deepEqual(Object.keys(saved.docs).sort(), ['docs/adr/0001-use-postgres.md', 'docs/disk-full.md', 'runbooks/db/failover.md']);
      assert.deepEqual(
        { mtimeMs: saved.docs['docs/disk-full.md']!.mtimeMs, size: saved.docs['docs/disk-full.md']!.size, title: saved.docs['docs/disk-full.md']!.doc.title },
        { mtimeMs: 1000, size: DISK.length, title: 'Disk full' },
      );
      assert.equal(typeof saved.search, 'string');
    });

    it('starts warm from the store: parses no file and restores search', async () => {
      const store = await persisted(workspace());
      const cold = new WorkspaceIndex(workspace());
      await cold.build();
      const source = workspace();
      const warm = new WorkspaceIndex(source, { store });
      const stats = await warm.build();
      assert.deepEqual(stats, { total: 3, parsed: 0, fromCache: 3, removed: 0, searchFromCache: true });
      assert.equal(source.readCount, 0);
      assert.deepEqual(warm.all(), plain(cold.all()));
      assert.deepEqual(warm.find('patronictl'), cold.find('patronictl'));
      assert.deepEqual(hitPaths(warm, 'postgress'), hitPaths(cold, 'postgress'));
    });

    it('does not write the store again when a build changed nothing in it, and does after a change', async () => {
      const store = await persisted(workspace());
      const source = workspace();
      const index = new WorkspaceIndex(source, { store });
      await index.build();
      await index.persist();
      assert.equal(store.saves, 1, 'a build that took everything from the store writes nothing');
      source.set('docs/disk-full.md', '# Disk full\n\n## Resolution\n\nRun ncdu.\n', 2000);
      await index.update('docs/disk-full.md');
      await index.persist();
      assert.equal(store.saves, 2);
      await index.persist();
      assert.equal(store.saves, 2, 'nothing changed since the last write');
      index.remove('docs/disk-full.md');
      await index.persist();
      assert.equal(store.saves, 3);
      const rebuilt = new WorkspaceIndex(workspace(), { store });
      const stats = await rebuilt.build();
      assert.equal(stats.parsed, 1, 'the file removed from the store is parsed again');
      await rebuilt.persist();
      assert.equal(store.saves, 4);
    });

    it('re-parses a file changed after the index was persisted, and search finds its new words', async () => {
      const store = await persisted(workspace());
      const source = workspace();
      source.set('docs/disk-full.md', '# Disk full\n\n## Resolution\n\nRun ncdu to find big files.\n', 2000);
      const index = new WorkspaceIndex(source, { store });
      const stats = await index.build();
      assert.deepEqual(stats, { total: 3, parsed: 1, fromCache: 2, removed: 0, searchFromCache: true });
      assert.deepEqual(Object.fromEntries(source.reads), { 'docs/disk-full.md': 1 });
      assert.deepEqual(hitPaths(index, 'ncdu'), ['docs/disk-full.md']);
      assert.deepEqual(hitPaths(index, 'logrotate'), []);
      assert.deepEqual(hitPaths(index, 'patronictl'), ['runbooks/db/failover.md']);
    });

    it('drops files deleted after the index was persisted, from the list and from search', async () => {
      const store = await persisted(workspace());
      const source = workspace();
      source.delete('runbooks/db/failover.md');
      const index = new WorkspaceIndex(source, { store });
      const stats = await index.build();
      assert.deepEqual(stats, { total: 2, parsed: 0, fromCache: 2, removed: 1, searchFromCache: true });
      assert.deepEqual(hitPaths(index, 'patronictl'), []);
      assert.deepEqual(index.alerts(), []);
    });

    it('ignores a store written by another format version', async () => {
      const store = await persisted(workspace());
      const saved = JSON.parse(store.json!) as PersistedIndex;
      store.json = JSON.stringify({ ...saved, version: INDEX_FORMAT_VERSION - 1 });
      const source = workspace();
      const stats = await new WorkspaceIndex(source, { store }).build();
      assert.deepEqual(stats, { total: 3, parsed: 3, fromCache: 0, removed: 0, searchFromCache: false });
      assert.equal(source.readCount, 3);
    });

    it('rebuilds search from the cached documents when the stored search index is damaged', async () => {
      const store = await persisted(workspace());
      const saved = JSON.parse(store.json!) as PersistedIndex;
      store.json = JSON.stringify({ ...saved, search: '{"broken":true}' });
      const source = workspace();
      const index = new WorkspaceIndex(source, { store });
      const stats = await index.build();
      assert.deepEqual(stats, { total: 3, parsed: 0, fromCache: 3, removed: 0, searchFromCache: false });
      assert.deepEqual(hitPaths(index, 'patronictl'), ['runbooks/db/failover.md']);
    });

    it('builds cold when the store fails to load', async () => {
      const store = new MemoryIndexStore();
      store.load = () => Promise.reject(new Error('disk on fire'));
      const stats = await new WorkspaceIndex(workspace(), { store }).build();
      assert.deepEqual(stats, { total: 3, parsed: 3, fromCache: 0, removed: 0, searchFromCache: false });
    });

    it('persists nothing, without failing, when there is no store', async () => {
      const index = new WorkspaceIndex(workspace());
      await index.build();
      await assert.doesNotReject(index.persist());
    });
  });

  describe('parser', () => {
    class CountingParser implements DocParser {
      readonly parsed: string[] = [];
      idles = 0;
      async parse(path: string, bytes: Uint8Array) {
        this.parsed.push(path);
        return parseBytes(path, bytes);
      }
      idle() {
        this.idles++;
      }
    }

    it('hands a build with at least parallelThreshold files to the given parser, then lets it idle', async () => {
      const parser = new CountingParser();
      const index = new WorkspaceIndex(workspace(), { parser, parallelThreshold: 3 });
      await index.build();
      assert.deepEqual(parser.parsed.sort(), ['docs/adr/0001-use-postgres.md', 'docs/disk-full.md', 'runbooks/db/failover.md']);
      assert.equal(parser.idles, 1);
      assert.deepEqual(hitPaths(index, 'patronictl'), ['runbooks/db/failover.md']);
    });

    it('parses small builds and single updates in-process', async () => {
      const parser = new CountingParser();
      const source = workspace();
      const index = new WorkspaceIndex(source, { parser, parallelThreshold: 4 });
      await index.build();
      source.set('docs/disk-full.md', '# Disk full again\n', 2000);
      await index.update('docs/disk-full.md');
      assert.deepEqual(parser.parsed, []);
      assert.equal(parser.idles, 0);
      assert.equal(index.get('docs/disk-full.md')!.title, 'Disk full again');
    });
  });

  describe('files that cannot be parsed', () => {
    it('lists a file over maxFileBytes without reading it, with a too-large finding', async () => {
      const { text } = generateRunbook(5 * 1024 * 1024);
      const source = new MemoryDocSource({ 'runbooks/huge.md': { text, mtimeMs: 1 } });
      const index = new WorkspaceIndex(source, { maxFileBytes: 1024 * 1024 });
      await index.build();
      assert.equal(source.readCount, 0);
      assert.deepEqual(plain(index.get('runbooks/huge.md')), {
        path: 'runbooks/huge.md',
        title: 'huge',
        titleSource: 'file-name',
        kind: 'runbook',
        kindReason: 'in folder runbooks/',
        meta: { services: [], tags: [], alerts: [], review: {} },
        headings: [],
        links: [],
        codeBlocks: [],
        sections: [],
        findings: [
          {
            ruleId: 'doc.too-large',
            severity: 'info',
            message: 'This file is 5.0 MiB, over the 1 MiB limit (setting runbooks.index.maxFileSizeMB); it is listed but not searched.',
            line: 1,
          },
        ],
        lineCount: 1,
      });
    });

    it('parses a 5 MB file under the default limit and counts its headings', async () => {
      const { text, steps } = generateRunbook(5 * 1024 * 1024);
      const index = new WorkspaceIndex(new MemoryDocSource({ 'runbooks/huge.md': { text, mtimeMs: 1 } }));
      await index.build();
      const doc = index.get('runbooks/huge.md')!;
      assert.equal(doc.headings.length, steps + 1);
      assert.deepEqual(doc.findings, []);
    });

    it('lists a file that cannot be read with an unreadable finding', async () => {
      const source = workspace();
      source.onRead = (p) => {
        if (p === 'docs/disk-full.md') throw new Error('EACCES: permission denied');
      };
      const index = new WorkspaceIndex(source);
      await index.build();
      const doc = index.get('docs/disk-full.md')!;
      assert.deepEqual([doc.title, doc.kind, doc.headings], ['disk-full', 'other', []]);
      assert.deepEqual(doc.findings, [
        { ruleId: 'doc.unreadable', severity: 'error', message: 'Cannot read this file: EACCES: permission denied.', line: 1 },
      ]);
      assert.equal(index.size, 3);
    });

    it('parses a file with invalid UTF-8 and keeps the encoding finding', async () => {
      const bytes = Uint8Array.from([...new TextEncoder().encode('# Caf'), 0xe9, ...new TextEncoder().encode('\n\n## Next\n')]);
      const index = new WorkspaceIndex(new MemoryDocSource({ 'docs/latin1.md': { text: bytes, mtimeMs: 1 } }));
      await index.build();
      const doc = index.get('docs/latin1.md')!;
      assert.deepEqual(doc.headings.map((h) => h.text), ['Caf\uFFFD', 'Next']);
      assert.deepEqual(doc.findings.map((f) => [f.ruleId, f.line]), [['doc.invalid-encoding', 1]]);
    });
  });
});
