import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli/index';
import { USAGE } from '../../../src/cli/usage';
import { INDEX_FORMAT_VERSION } from '../../../src/core/workspace-index';
import { cliIndexCacheFile } from '../../../src/node/cache-location';
import { version } from '../../../package.json';
import { makeTempDir, removeTempDir, writeTree } from '../support/temp-dir';

const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'unit', 'cli-workspace');

interface Run {
  code: number;
  out: string[];
  err: string[];
}

describe('runbooks CLI', () => {
  let base: string;
  let root: string;
  let env: Record<string, string | undefined>;

  beforeEach(async () => {
    base = await makeTempDir('cli');
    root = path.join(base, 'ws');
    await fs.cp(FIXTURE, root, { recursive: true });
    // Created here because the repository's .gitignore keeps node_modules out of fixtures.
    await writeTree(root, { 'node_modules/pkg/README.md': '# Postgres client\n', '.gitignore': 'scratch/\n', 'scratch/postgres.md': '# Postgres scratch\n' });
    env = { XDG_CACHE_HOME: path.join(base, 'cache'), HOME: path.join(base, 'home') };
  });

  afterEach(async () => {
    await removeTempDir(base);
  });

  async function run(...argv: string[]): Promise<Run> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), cwd: base, env });
    return { code, out, err };
  }

  const brokenFrontMatter =
    'Front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]. ' +
    'Fix the YAML between the `---` lines; until then owner, service and alerts of this doc are unknown.';

  describe('index', () => {
    it('prints one JSON row per document in path order (by code unit, the same on every machine), with paths relative to --root', async () => {
      const result = await run('index', '--root', 'ws', '--format', 'json', '--no-cache');
      assert.deepEqual([result.code, result.err, result.out.length], [0, [], 1]);
      const json = JSON.parse(result.out[0]!);
      assert.deepEqual([json.schemaVersion, json.command, json.root, json.summary], [1, 'index', root, { findings: 1, errors: 1, warnings: 0, infos: 0, documents: 4, runbooks: 1, architecture: 1, other: 2 }]);
      assert.deepEqual(json.findings, [{ ruleId: 'front-matter.invalid', severity: 'error', message: brokenFrontMatter, path: 'drafts/broken.md', line: 3, column: 7 }]);
      assert.deepEqual(json.docs, [
        { path: 'README.md', kind: 'other', title: 'Platform', owner: null, services: [], alerts: [], headings: 1, codeBlocks: 0, findings: [] },
        {
          path: 'docs/adr/0001-use-postgres.md',
          kind: 'architecture',
          title: 'Use Postgres for orders',
          owner: null,
          services: [],
          alerts: [],
          headings: 3,
          codeBlocks: 0,
          findings: [],
        },
        {
          path: 'drafts/broken.md',
          kind: 'other',
          title: 'Half-written runbook',
          owner: null,
          services: [],
          alerts: [],
          headings: 1,
          codeBlocks: 0,
          findings: [{ ruleId: 'front-matter.invalid', severity: 'error', line: 3, message: brokenFrontMatter }],
        },
        {
          path: 'runbooks/db/postgres-down.md',
          kind: 'runbook',
          title: 'Postgres down',
          owner: 'team-db',
          services: ['postgres'],
          alerts: ['PostgresDown'],
          headings: 3,
          codeBlocks: 1,
          findings: [],
        },
      ]);
    });

    it('prints a text listing with a summary line', async () => {
      const result = await run('index', '--root', 'ws', '--no-cache');
      assert.equal(result.code, 0);
      assert.equal(
        result.out[0],
        [
          'other        README.md  "Platform"',
          '             1 headings · 0 code blocks',
          'architecture docs/adr/0001-use-postgres.md  "Use Postgres for orders"',
          '             3 headings · 0 code blocks',
          'other        drafts/broken.md  "Half-written runbook"',
          '             1 headings · 0 code blocks',
          `             error drafts/broken.md:3 ${brokenFrontMatter} [front-matter.invalid]`,
          'runbook      runbooks/db/postgres-down.md  "Postgres down"  (team-db · postgres)',
          '             alerts: PostgresDown · 3 headings · 1 code blocks',
          '',
          '4 documents: 1 runbooks, 1 architecture, 2 other; 1 findings (front matter, encoding, blocks; links and staleness: runbooks report).',
        ].join('\n'),
      );
    });

    it('uses the current folder when there is no --root', async () => {
      const out: string[] = [];
      const code = await main(['index', '--format', 'json', '--no-cache'], { out: (s) => out.push(s), err: () => {}, cwd: root, env });
      assert.equal(code, 0);
      assert.deepEqual(
        (JSON.parse(out[0]!) as { docs: Array<{ path: string }> }).docs.map((r) => r.path),
        ['README.md', 'docs/adr/0001-use-postgres.md', 'drafts/broken.md', 'runbooks/db/postgres-down.md'],
      );
    });

    it('says so when there are no documents', async () => {
      await fs.mkdir(path.join(base, 'empty'));
      const result = await run('index', '--root', 'empty', '--no-cache');
      assert.deepEqual([result.code, result.out, result.err], [0, ['No markdown documents found.'], []]);
    });
  });

  describe('search', () => {
    it('prints {path, title, heading, line, score} hits with paths relative to --root', async () => {
      const result = await run('search', 'patronictl', '--root', 'ws', '--format', 'json', '--no-cache');
      assert.deepEqual([result.code, result.err], [0, []]);
      const hits = JSON.parse(result.out[0]!) as Array<Record<string, unknown>>;
      assert.equal(hits.length, 1);
      assert.deepEqual(Object.keys(hits[0]!), ['path', 'title', 'heading', 'line', 'score']);
      const { score, ...rest } = hits[0]!;
      assert.deepEqual(rest, { path: 'runbooks/db/postgres-down.md', title: 'Postgres down', heading: 'Mitigation', line: 14 });
      assert.equal(typeof score, 'number');
    });

    it('gives a null heading for a match in the title only, and honours --limit', async () => {
      const all = JSON.parse((await run('search', 'postgres', '--root', 'ws', '--format', 'json', '--no-cache')).out[0]!) as Array<{ path: string }>;
      assert.deepEqual(all.map((h) => h.path).sort(), ['docs/adr/0001-use-postgres.md', 'runbooks/db/postgres-down.md']);
      const one = JSON.parse((await run('search', 'postgres', '--root', 'ws', '--format', 'json', '--limit', '1', '--no-cache')).out[0]!) as unknown[];
      assert.deepEqual(one, all.slice(0, 1));
    });

    it('joins several words into one query', async () => {
      const result = await run('search', 'promote', 'replica', '--root', 'ws', '--format', 'json', '--no-cache');
      assert.deepEqual((JSON.parse(result.out[0]!) as Array<{ path: string }>).map((h) => h.path), ['runbooks/db/postgres-down.md']);
    });

    it('prints numbered text hits, and a sentence when nothing matches', async () => {
      const hit = await run('search', 'patronictl', '--root', 'ws', '--no-cache');
      assert.match(hit.out[0]!, /^ 1\. Postgres down {2}runbooks\/db\/postgres-down\.md:14 {2}§ Mitigation {2}\(\d+(\.\d+)?\)$/);
      const none = await run('search', 'kafka', '--root', 'ws', '--no-cache');
      assert.deepEqual([none.code, none.out], [0, ['No documents match "kafka".']]);
    });
  });

  describe('usage', () => {
    it('prints the help on stdout with exit 0', async () => {
      assert.deepEqual(await run('--help'), { code: 0, out: [USAGE], err: [] });
      assert.deepEqual(await run('index', '-h'), { code: 0, out: [USAGE], err: [] });
    });

    it('prints the version', async () => {
      assert.deepEqual(await run('--version'), { code: 0, out: [version], err: [] });
      assert.deepEqual(await run('-v'), { code: 0, out: [version], err: [] });
    });

    it('prints the help on stderr with exit 2 when there is no command', async () => {
      assert.deepEqual(await run(), { code: 2, out: [], err: [USAGE] });
    });

    const usageErrors: Array<[string, string[], string]> = [
      ['an unknown command', ['deploy'], 'unknown command "deploy"'],
      ['a bad --format', ['search', 'x', '--format', 'xml'], '--format must be text or json, not "xml"'],
      ['a bad --format for a command that reports findings', ['index', '--format', 'xml'], '--format must be text, json, github or sarif, not "xml"'],
      ['a --root that does not exist', ['index', '--root', 'nope'], '--root nope is not a folder'],
      ['a --root that is a file', ['index', '--root', 'ws/README.md'], '--root ws/README.md is not a folder'],
      ['search without a query', ['search', '--root', 'ws'], 'search needs a QUERY'],
      ['a --limit of 0', ['search', 'x', '--limit', '0'], '--limit must be a whole number above 0, not "0"'],
      ['a --limit that is not a number', ['search', 'x', '--limit', 'ten'], '--limit must be a whole number above 0, not "ten"'],
    ];
    for (const [name, argv, message] of usageErrors) {
      it(`exits 2 for ${name}`, async () => {
        assert.deepEqual(await run(...argv), { code: 2, out: [], err: [`runbooks: ${message}\nRun "runbooks --help" for usage.`] });
      });
    }

    it('exits 2 for an unknown option', async () => {
      const result = await run('index', '--frobnicate');
      assert.equal(result.code, 2);
      assert.deepEqual(result.out, []);
      assert.match(result.err[0]!, /^runbooks: .*--frobnicate.*\nRun "runbooks --help" for usage\.$/s);
    });
  });

  describe('cache', () => {
    it('writes no cache file with --no-cache', async () => {
      assert.equal((await run('index', '--root', 'ws', '--no-cache')).code, 0);
      assert.equal((await run('search', 'postgres', '--root', 'ws', '--no-cache')).code, 0);
      await assert.rejects(fs.access(path.join(base, 'cache')), { code: 'ENOENT' });
      await assert.rejects(fs.access(path.join(base, 'home')), { code: 'ENOENT' });
    });

    it('writes the index to $XDG_CACHE_HOME without --no-cache, and gives the same answer from it', async () => {
      const first = await run('index', '--root', 'ws', '--format', 'json');
      assert.deepEqual([first.code, first.err], [0, []]);
      const file = cliIndexCacheFile(root, env);
      assert.ok(file.startsWith(path.join(base, 'cache', 'living-runbooks') + path.sep));
      const cached = JSON.parse(await fs.readFile(file, 'utf8')) as { version: number; docs: Record<string, unknown> };
      assert.equal(cached.version, INDEX_FORMAT_VERSION);
      assert.deepEqual(Object.keys(cached.docs).sort(), ['README.md', 'docs/adr/0001-use-postgres.md', 'drafts/broken.md', 'runbooks/db/postgres-down.md']);
      const second = await run('index', '--root', 'ws', '--format', 'json');
      assert.deepEqual(second, first);
    });

    it('reports a cache it cannot write on stderr and still answers', async () => {
      await fs.writeFile(path.join(base, 'cache'), 'a file where the cache folder should be');
      const result = await run('index', '--root', 'ws', '--format', 'json');
      assert.equal(result.code, 0);
      assert.equal(result.out.length, 1);
      assert.equal(result.err.length, 1);
      assert.match(result.err[0]!, /^runbooks: could not write the index cache: /);
    });
  });
});
