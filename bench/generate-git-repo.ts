// Generates the git repository of the staleness benchmark: a long first-parent history with side
// branches, bulk formatting commits, whitespace-only edits and renames, over code files linked from
// runbooks; and what makes real repositories slow: large generated alert rule files (hundreds of
// rules, thousands of lines, regenerated in hundreds of commits) whose rules name runbooks and which
// many runbooks link by line anchors, and runbooks linking whole folders. The history is written as one `git fast-import` stream (one git process for all commits),
// with fixed identities and dates, so every run produces the same commits, SHAs included.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { prng } from './generate-corpus';

/** The size of a generated repository. */
export interface GitRepoSize {
  /** Commits in all (main line, side branches and merges). */
  commits: number;
  /** Code and config files, besides the docs. */
  files: number;
  /** Runbooks, each linking about `files / docs` of the files. */
  docs: number;
}

/** The environment we run our own git commands with: no user or system config, a fixed identity, UTC. */
export function isolatedGitEnv(base: Record<string, string | undefined>, home: string): Record<string, string> {
  return {
    PATH: base.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    LC_ALL: 'C',
    TZ: 'UTC',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_AUTHOR_NAME: 'Bench Bot',
    GIT_AUTHOR_EMAIL: 'bench@example.invalid',
    GIT_COMMITTER_NAME: 'Bench Bot',
    GIT_COMMITTER_EMAIL: 'bench@example.invalid',
  };
}

/** Runs git to completion; resolves with its stdout, rejects with its stderr on a non-zero exit. */
export function git(args: string[], cwd: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`git ${args.join(' ')} exited with ${code}: ${Buffer.concat(err).toString('utf8').trim()}`));
    });
  });
}

const START_TIME = Date.UTC(2019, 0, 7, 9, 0, 0) / 1000;
const PEOPLE = ['Ada Byron <ada@example.invalid>', 'Grace Hopper <grace@example.invalid>', 'Ken Thompson <ken@example.invalid>', 'Barbara Liskov <barbara@example.invalid>', 'Edsger Dijkstra <edsger@example.invalid>', 'Frances Allen <frances@example.invalid>'];
const SERVICES = ['checkout', 'payments', 'search', 'identity', 'ledger', 'notifications', 'inventory', 'shipping', 'pricing', 'gateway', 'billing', 'catalog'];
const AREAS = [
  { dir: 'src', ext: 'go' },
  { dir: 'config', ext: 'yaml' },
  { dir: 'deploy', ext: 'tf' },
  { dir: 'src', ext: 'ts' },
  { dir: 'scripts', ext: 'sh' },
];
const WORDS = 'pool replica timeout retry backoff queue consumer partition lag limit burst canary region shard index snapshot lock budget worker cache'.split(' ');
const VERBS = ['Tune', 'Fix', 'Refactor', 'Raise', 'Lower', 'Rework', 'Clean up', 'Harden', 'Document', 'Adjust'];
/** Every this many commits, a formatting commit touches many files (noise the engine must ignore). */
const BULK_EVERY = 2500;
const BULK_FILES = 120;
/** Every this many commits, a file is renamed. */
const RENAME_EVERY = 1000;
/** Generated alert rule files (one per service, for the first few services) and rules in each. */
const RULE_FILES = 4;
const RULES_PER_FILE = 300;
/** Every this many commits, one rule file is regenerated (a few per cent of its thresholds change). */
const REGENERATE_EVERY = 40;

/** Mutable state of the history being written; `emit` streams it to fast-import. */
class HistoryWriter {
  private readonly rand = prng(20240601);
  private chunks: string[] = [];
  private chunkBytes = 0;
  private mark = 0;
  private time = START_TIME;
  /** Commits written so far. */
  count = 0;
  private mainTip: number | undefined;
  private sideBranches = 0;

  private readonly paths: string[] = [];
  private readonly lines: string[][] = [];
  /** Blob mark of each file's current content (0: not added yet). */
  private readonly blobs: number[] = [];
  private readonly docPaths: string[] = [];
  private readonly docTargets: number[][] = [];
  private readonly docBlobs: number[] = [];
  private readonly docRevision: number[] = [];
  private readonly docReviewed: (string | undefined)[] = [];
  /** Files in order of how often they are touched (a few hot files, a long tail of cold ones). */
  private readonly heat: number[];
  /** Thresholds of the rules of each generated rule file, and each file's blob mark. */
  private readonly ruleValues: number[][] = [];
  private readonly ruleBlobs: number[] = [];

  constructor(
    private readonly size: GitRepoSize,
    private readonly write: (text: string) => Promise<void>,
  ) {
    for (let f = 0; f < size.files; f++) {
      const service = SERVICES[f % SERVICES.length]!;
      const area = AREAS[Math.floor(f / SERVICES.length) % AREAS.length]!;
      this.paths.push(`services/${service}/${area.dir}/${WORDS[f % WORDS.length]}-${f}.${area.ext}`);
      const count = 15 + Math.floor(this.rand() * 45);
      this.lines.push(Array.from({ length: count }, (_, i) => this.codeLine(f, i)));
      this.blobs.push(0);
    }
    const order = shuffle(Array.from({ length: size.files }, (_, f) => f), this.rand);
    const perDoc = Math.min(20, Math.max(3, Math.ceil(size.files / size.docs)));
    for (let d = 0; d < size.docs; d++) {
      const service = SERVICES[d % SERVICES.length]!;
      this.docPaths.push(`runbooks/${service}/${service}-runbook-${d}.md`);
      this.docTargets.push(Array.from({ length: perDoc }, (_, k) => order[(d * perDoc + k) % size.files]!));
      this.docBlobs.push(0);
      this.docRevision.push(0);
      this.docReviewed.push(undefined);
    }
    this.heat = shuffle(Array.from({ length: size.files }, (_, f) => f), this.rand);
    for (let r = 0; r < RULE_FILES; r++) {
      this.ruleValues.push(Array.from({ length: RULES_PER_FILE }, () => Math.floor(this.rand() * 1000)));
      this.ruleBlobs.push(0);
    }
  }

  private rulePath(r: number): string {
    return `alerts/generated/${SERVICES[r % SERVICES.length]}-rules.yml`;
  }

  /** A generated rule file: ten lines per rule, each rule naming the runbook of a doc of its service. */
  private ruleText(r: number): string {
    const service = SERVICES[r % SERVICES.length]!;
    const docsOfService = Math.max(1, Math.ceil((this.size.docs - r) / SERVICES.length));
    const lines = ['# Generated by jsonnet: do not edit by hand.', 'groups:', `  - name: ${service}.rules`, '    rules:'];
    this.ruleValues[r]!.forEach((value, i) => {
      const d = r + SERVICES.length * (i % docsOfService);
      lines.push(
        `      - alert: ${service[0]!.toUpperCase()}${service.slice(1)}Slo${i}`,
        `        expr: sum(rate(errors_total{service="${service}",slo="${i}"}[5m])) > ${value}`,
        '        for: 5m',
        '        labels:',
        `          severity: ${i % 3 === 0 ? 'critical' : 'warning'}`,
        '        annotations:',
        `          runbook_url: ${d < this.size.docs ? this.docPaths[d] : this.docPaths[r]}`,
        `          description: ${service} slo ${i} burns its error budget.`,
        `          dashboard: dashboards/${service}.json`,
        '',
      );
    });
    return `${lines.join('\n')}\n`;
  }

  /** Regenerates rule file `r`: a few per cent of the thresholds move (all of them on the first write). */
  private ruleChange(r: number): string {
    if (this.ruleBlobs[r]) {
      const values = this.ruleValues[r]!;
      const n = 1 + Math.floor(this.rand() * values.length * 0.05);
      for (let k = 0; k < n; k++) values[Math.floor(this.rand() * values.length)] = Math.floor(this.rand() * 1000);
    }
    this.ruleBlobs[r] = this.blob(this.ruleText(r));
    return `M 100644 :${this.ruleBlobs[r]} ${this.rulePath(r)}`;
  }

  /** Writes the whole history: files and docs added in small batches, then everyday work. */
  async run(): Promise<void> {
    const { commits, files, docs } = this.size;
    const { fileBatch, docBatch } = setupBatches(this.size);
    for (let f = 0; f < files; f += fileBatch) {
      const batch = range(f, Math.min(files, f + fileBatch));
      await this.commit('main', `Add ${batch.length} files of ${this.paths[f]!.split('/')[1]}`, () => batch.map((g) => this.fileChange(g)));
    }
    for (let d = 0; d < docs; d += docBatch) {
      const batch = range(d, Math.min(docs, d + docBatch));
      await this.commit('main', `Add runbooks ${d}-${d + batch.length - 1}`, () => batch.map((e) => this.docChange(e)));
    }
    await this.commit('main', 'Add generated alert rules', () => range(0, RULE_FILES).map((r) => this.ruleChange(r)));
    let nextRegenerate = this.count + REGENERATE_EVERY;
    let nextBulk = BULK_EVERY;
    let nextRename = RENAME_EVERY;
    while (this.count < commits) {
      const left = commits - this.count;
      if (this.count >= nextBulk) {
        nextBulk += BULK_EVERY;
        const picked = shuffle(range(0, files), this.rand).slice(0, Math.min(files, BULK_FILES));
        await this.commit('main', 'Reformat with the new style settings', () => picked.map((f) => this.touch(f, 'whitespace')));
      } else if (this.count >= nextRename) {
        nextRename += RENAME_EVERY;
        const f = this.hotFile();
        const from = this.paths[f]!;
        const to = from.replace(/\/([^/]+)$/, '/moved/$1');
        this.paths[f] = to;
        await this.commit('main', `Move ${path.posix.basename(from)}`, () => [`R ${from} ${to}`]);
      } else if (this.count >= nextRegenerate) {
        nextRegenerate += REGENERATE_EVERY;
        const r = Math.floor(this.rand() * RULE_FILES);
        await this.commit('main', `Regenerate ${path.posix.basename(this.rulePath(r))}`, () => [this.ruleChange(r)]);
      } else if (left >= 3 && this.rand() < 0.12) {
        await this.sideBranch(1 + Math.floor(this.rand() * Math.min(3, left - 1)));
      } else {
        await this.commit('main', '', () => this.everydayChange());
      }
    }
    await this.flush(true);
  }

  /** A feature branch off the main line with `n` commits, merged back with a merge commit. */
  private async sideBranch(n: number): Promise<void> {
    const branchPoint = this.mainTip!;
    const touched = new Set<number>();
    const touchedDocs = new Set<number>();
    let tip = branchPoint;
    for (let i = 0; i < n; i++) {
      tip = await this.commit('side', '', () => this.everydayChange(touched, touchedDocs), tip);
    }
    this.sideBranches++;
    const message = `Merge branch 'feature-${this.sideBranches}'`;
    await this.commit('main', message, () => [...[...touched].map((f) => `M 100644 :${this.blobs[f]} ${this.paths[f]}`), ...[...touchedDocs].map((d) => `M 100644 :${this.docBlobs[d]} ${this.docPaths[d]}`)], undefined, tip);
  }

  /** One to three files changed, sometimes a runbook (alone or with one of its targets). */
  private everydayChange(touched?: Set<number>, touchedDocs?: Set<number>): string[] {
    const changes: string[] = [];
    if (this.rand() < 0.08) {
      const d = Math.floor(this.rand() * this.size.docs);
      if (this.rand() < 0.3) {
        const f = this.docTargets[d]![Math.floor(this.rand() * this.docTargets[d]!.length)]!;
        changes.push(this.touch(f, 'edit'));
        touched?.add(f);
      }
      if (this.rand() < 0.25) this.docReviewed[d] = day(this.time);
      this.docRevision[d]!++;
      changes.push(this.docChange(d));
      touchedDocs?.add(d);
      return changes;
    }
    const n = 1 + Math.floor(this.rand() * this.rand() * 3.5);
    const picked = new Set<number>();
    while (picked.size < n) picked.add(this.hotFile());
    for (const f of picked) {
      const r = this.rand();
      changes.push(this.touch(f, r < 0.1 ? 'whitespace' : r < 0.22 ? 'insert' : r < 0.3 ? 'remove' : 'edit'));
      touched?.add(f);
    }
    return changes;
  }

  /** Half the touches spread evenly, half on a few hot files. */
  private hotFile(): number {
    const r = this.rand();
    const rank = r < 0.5 ? Math.floor(this.rand() * this.size.files) : Math.floor(this.rand() ** 3 * this.size.files);
    return this.heat[rank]!;
  }

  private touch(f: number, how: 'edit' | 'insert' | 'remove' | 'whitespace'): string {
    const lines = this.lines[f]!;
    const at = Math.floor(this.rand() * lines.length);
    if (how === 'whitespace') {
      for (let i = at; i < Math.min(lines.length, at + 3); i++) lines[i] = lines[i]!.startsWith('  ') ? lines[i]!.slice(2) : `  ${lines[i]}`;
    } else if (how === 'insert') {
      const n = 1 + Math.floor(this.rand() * 4);
      lines.splice(at, 0, ...Array.from({ length: n }, (_, i) => this.codeLine(f, lines.length + i)));
    } else if (how === 'remove' && lines.length > 12) {
      lines.splice(at, 1 + Math.floor(this.rand() * 3));
    } else {
      const n = 1 + Math.floor(this.rand() * 3);
      for (let i = at; i < Math.min(lines.length, at + n); i++) lines[i] = this.codeLine(f, i);
    }
    return this.fileChange(f);
  }

  private fileChange(f: number): string {
    this.blobs[f] = this.blob(`${this.lines[f]!.join('\n')}\n`);
    return `M 100644 :${this.blobs[f]} ${this.paths[f]}`;
  }

  private docChange(d: number): string {
    this.docBlobs[d] = this.blob(this.docText(d));
    return `M 100644 :${this.docBlobs[d]} ${this.docPaths[d]}`;
  }

  private codeLine(f: number, i: number): string {
    const word = WORDS[Math.floor(this.rand() * WORDS.length)]!;
    const value = Math.floor(this.rand() * 10000);
    return this.paths[f]!.endsWith('.yaml') ? `${word}_${i}: ${value}` : `${word}_${i} = compute("${word}", ${value})`;
  }

  /** A runbook linking its targets where they are now, some links with a line range. */
  private docText(d: number): string {
    const docPath = this.docPaths[d]!;
    const service = docPath.split('/')[1]!;
    const front = ['---', `title: ${service} runbook ${d}`, `owner: team-${service}`, `service: ${service}`];
    if (this.docReviewed[d]) front.push(`reviewed: ${this.docReviewed[d]}`);
    if (d % 50 === 7) front.push(`watches: [services/${service}/deploy/**]`);
    front.push('---', '');
    const links: string[] = [];
    links.push(...this.docTargets[d]!.map((f, k) => {
      const target = path.posix.relative(path.posix.dirname(docPath), this.paths[f]!);
      const count = this.lines[f]!.length;
      const start = 1 + ((d * 7 + k * 13) % Math.max(1, count - 8));
      const anchor = (d + k) % 4 === 0 ? `#L${start}-L${Math.min(count, start + 6)}` : '';
      return `- [${path.posix.basename(target)}](${target}${anchor}): check the ${WORDS[(d + k) % WORDS.length]} settings first.`;
    }));
    // Every third runbook of the first services links its rules in the generated file by line range
    // (as a runbook links the rule it is for), every tenth a whole folder of its service.
    const r = d % SERVICES.length;
    if (r < RULE_FILES && d % 3 === 0) {
      const rule = Math.floor(d / SERVICES.length) % RULES_PER_FILE;
      const rules = path.posix.relative(path.posix.dirname(docPath), this.rulePath(r));
      links.push(`- [the alert rule](${rules}#L${5 + rule * 10}-L${14 + rule * 10}): what fires this page.`);
    }
    if (d % 10 === 3) links.push(`- [the ${service} config](${path.posix.relative(path.posix.dirname(docPath), `services/${service}/config`)}/): every setting of the service.`);
    return [
      ...front,
      `# ${service} runbook ${d}`,
      '',
      '## Meaning',
      '',
      `The ${service} service is degraded (revision ${this.docRevision[d]}).`,
      '',
      '## Diagnosis',
      '',
      ...links,
      '',
      '## Mitigation',
      '',
      '```sh',
      `kubectl -n ${service} rollout restart deploy/${service}`,
      '```',
      '',
    ].join('\n');
  }

  /** Writes one commit on `branch` and returns its mark; `changes` runs after the blobs it needs are queued. */
  private async commit(branch: 'main' | 'side', message: string, changes: () => string[], from?: number, merge?: number): Promise<number> {
    this.time += 300 + Math.floor(this.rand() * 6900);
    const list = changes();
    const subject = message || `${VERBS[Math.floor(this.rand() * VERBS.length)]} ${list.map((c) => path.posix.basename(c.split(' ').pop()!)).slice(0, 2).join(', ')}`;
    const person = PEOPLE[Math.floor(this.rand() * PEOPLE.length)]!;
    const parent = from ?? (branch === 'main' ? this.mainTip : undefined);
    const mark = ++this.mark;
    const lines = [
      `commit refs/heads/${branch}`,
      `mark :${mark}`,
      `author ${person} ${this.time} +0000`,
      `committer ${person} ${this.time} +0000`,
      `data ${Buffer.byteLength(subject)}`,
      subject,
      ...(parent !== undefined ? [`from :${parent}`] : []),
      ...(merge !== undefined ? [`merge :${merge}`] : []),
      ...list,
      '',
    ];
    this.push(`${lines.join('\n')}\n`);
    if (branch === 'main') this.mainTip = mark;
    this.count++;
    await this.flush(false);
    return mark;
  }

  private blob(text: string): number {
    const mark = ++this.mark;
    this.push(`blob\nmark :${mark}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
    return mark;
  }

  private push(text: string): void {
    this.chunks.push(text);
    this.chunkBytes += text.length;
  }

  private async flush(force: boolean): Promise<void> {
    if (!force && this.chunkBytes < 1 << 20) return;
    const text = this.chunks.join('');
    this.chunks = [];
    this.chunkBytes = 0;
    await this.write(text);
  }

  /** Whether any side branch was written (its ref is deleted after the import). */
  get hasSideRef(): boolean {
    return this.sideBranches > 0;
  }
}

/** How many files and docs each of the first commits adds: at most 8% and 2% of the history. */
function setupBatches({ commits, files, docs }: GitRepoSize): { fileBatch: number; docBatch: number; setup: number } {
  const fileBatch = Math.max(25, Math.ceil(files / Math.max(1, commits * 0.08)));
  const docBatch = Math.max(10, Math.ceil(docs / Math.max(1, commits * 0.02)));
  return { fileBatch, docBatch, setup: Math.ceil(files / fileBatch) + Math.ceil(docs / docBatch) };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function day(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(0, 10);
}

/**
 * Makes `root` a git repository of the given size with `main` checked out, unless a marker in its
 * `.git` folder says the same repository is already there. `env` gives PATH for git; git itself runs
 * with no user or system config. Resolves to whether it generated (false: reused).
 */
export async function generateGitRepo(root: string, size: GitRepoSize, env: Record<string, string | undefined>): Promise<boolean> {
  const marker = path.join(root, '.git', 'runbooks-bench.json');
  const stamp = JSON.stringify({ ...size, generator: 2 });
  if ((await fs.readFile(marker, 'utf8').catch(() => '')) === stamp) return false;
  const { setup } = setupBatches(size);
  if (setup >= size.commits) throw new Error(`${size.commits} commits are too few: adding ${size.files} files and ${size.docs} docs alone takes ${setup}`);
  await fs.rm(root, { recursive: true, force: true });
  await fs.mkdir(root, { recursive: true });
  const gitEnv = isolatedGitEnv(env, path.dirname(root));
  await git(['init', '--quiet', '--initial-branch=main'], root, gitEnv);

  const importer = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: root, env: gitEnv, stdio: ['pipe', 'ignore', 'pipe'] });
  const stderr: Buffer[] = [];
  importer.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const exited = new Promise<void>((resolve, reject) => {
    importer.on('error', reject);
    importer.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited with ${code}: ${Buffer.concat(stderr).toString('utf8').trim()}`))));
  });
  // A failed import rejects `exited` (awaited below); the broken pipe on stdin says nothing more.
  exited.catch(() => undefined);
  importer.stdin.on('error', () => undefined);
  const write = async (text: string): Promise<void> => {
    if (!importer.stdin.write(text)) await Promise.race([once(importer.stdin, 'drain'), exited]);
  };
  const writer = new HistoryWriter(size, write);
  await writer.run();
  importer.stdin.end('done\n');
  await exited;

  if (writer.hasSideRef) await git(['update-ref', '-d', 'refs/heads/side'], root, gitEnv);
  await git(['reset', '--quiet', '--hard', 'main'], root, gitEnv);
  // What a maintained clone looks like: one pack, a commit-graph (git gc writes both).
  await git(['gc', '--quiet'], root, gitEnv);
  await fs.writeFile(marker, stamp);
  return true;
}
