import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** A small deterministic PRNG (mulberry32) so every run generates the same corpus. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = ['checkout', 'payments', 'search', 'identity', 'ledger', 'notifications', 'inventory', 'shipping', 'pricing', 'gateway', 'billing', 'catalog'];
const SYMPTOMS = ['HighErrorRate', 'LatencyHigh', 'PodCrashLooping', 'QueueBacklog', 'DiskWillFill', 'CertificateExpiring', 'ReplicationLag', 'PoolExhausted', 'MemoryPressure', 'TargetDown', 'SaturationHigh', 'DeadLetterGrowing'];
const WORDS = `connection pool database replica primary failover timeout retry backoff queue consumer producer
  partition lag throughput latency saturation error budget burn rate deploy rollback canary traffic shift region
  zone node pod container restart memory heap garbage collector disk volume inode certificate renew expiry
  upstream downstream dependency cache eviction stampede shard index rebuild snapshot restore backup schema
  migration lock contention deadlock vacuum autovacuum bloat query plan slow request handler worker thread`.split(/\s+/).filter(Boolean);

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tor', 'vex', 'sul', 'dra', 'pin', 'gal', 'mor', 'ust', 'bel', 'cor', 'fin', 'har', 'nel', 'qua', 'zet', 'wil'];

/**
 * The corpus vocabulary: the operations words above first, then 3,000 made-up component and product
 * names. Words are drawn by a Zipf law (the n-th word about 1/n as often as the first), as in real
 * text, so common words are in most docs and rare ones in few.
 */
const VOCABULARY = (() => {
  const words = [...WORDS];
  const rand = prng(1234);
  while (words.length < WORDS.length + 3000) {
    const parts = 2 + Math.floor(rand() * 2);
    words.push(Array.from({ length: parts }, () => SYLLABLES[Math.floor(rand() * SYLLABLES.length)]).join(''));
  }
  return [...new Set(words)];
})();
const ZIPF_CUMULATIVE = (() => {
  const weights = VOCABULARY.map((_, rank) => 1 / (rank + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  return weights.map((w) => (sum += w / total));
})();

function zipfWord(rand: () => number): string {
  const r = rand();
  let lo = 0;
  let hi = ZIPF_CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ZIPF_CUMULATIVE[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  return VOCABULARY[lo]!;
}

function pick<T>(rand: () => number, items: T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function sentence(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(zipfWord(rand));
  const text = out.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function paragraph(rand: () => number): string {
  const count = 2 + Math.floor(rand() * 4);
  return Array.from({ length: count }, () => sentence(rand, 8 + Math.floor(rand() * 10))).join(' ');
}

/** One runbook of realistic size (about 2–8 KB) and shape: front matter, the Prometheus sections, checks, links, a table. */
export function runbookText(i: number, rand: () => number): { path: string; text: string } {
  const service = pick(rand, SERVICES);
  const alert = `${service[0]!.toUpperCase()}${service.slice(1)}${pick(rand, SYMPTOMS)}${i}`;
  const title = `${service} ${alert.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
  const lines: string[] = [
    '---',
    `title: ${title}`,
    `owner: team-${service}`,
    `service: ${service}`,
    `alerts: [${alert}]`,
    `tags: [${pick(rand, WORDS)}, ${pick(rand, WORDS)}]`,
    `severity: ${pick(rand, ['critical', 'high', 'warning'])}`,
    `reviewed: 2026-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`,
    '---',
    '',
    `# ${title}`,
    '',
  ];
  const sections = ['Meaning', 'Impact', 'Diagnosis', 'Mitigation', 'Escalation'];
  for (const section of sections) {
    lines.push(`## ${section}`, '');
    const paragraphs = 1 + Math.floor(rand() * 3);
    for (let p = 0; p < paragraphs; p++) lines.push(paragraph(rand), '');
    if (section === 'Meaning') lines.push(`See [the config](../../deploy/${service}/config-${i % 500}.yaml#L${1 + (i % 20)}-L${30 + (i % 20)}) and [the code](../../services/${service}/handler.go).`, '');
    if (section === 'Diagnosis') {
      for (let c = 0; c < 1 + Math.floor(rand() * 3); c++) {
        lines.push(`### Check ${c + 1}: ${pick(rand, WORDS)} ${pick(rand, WORDS)}`, '', paragraph(rand), '');
        lines.push(`\`\`\`sh {name=check-${c} kind=check timeout=30}`, `kubectl -n ${service} get pods -l app=${service} -o wide`, `kubectl -n ${service} logs deploy/${service} --since=15m | grep -c ERROR`, '```', '');
      }
      lines.push('| Metric | Threshold | Dashboard |', '| --- | --- | --- |');
      for (let r = 0; r < 3; r++) lines.push(`| ${pick(rand, WORDS)}_${pick(rand, WORDS)} | ${Math.floor(rand() * 1000)} | [grafana](https://grafana.example/d/${service}-${r}) |`);
      lines.push('');
    }
    if (section === 'Mitigation') lines.push('```console', `$ kubectl -n ${service} rollout restart deploy/${service}`, `deployment.apps/${service} restarted`, '```', '');
    if (section === 'Escalation') lines.push(`Page the ${service} rotation in #${service}-oncall. <!-- rotation owned by team-${service} -->`, '');
  }
  return { path: `runbooks/${service}/${alert.toLowerCase()}.md`, text: lines.join('\n') };
}

/**
 * Writes `count` runbooks under `root` (deterministic for a seed). Skips the work when a marker says
 * the same corpus is already there. Returns the file paths, workspace-relative.
 */
export async function generateCorpus(root: string, count: number, seed = 42): Promise<string[]> {
  const marker = path.join(root, '.corpus.json');
  const rand = prng(seed);
  const docs = Array.from({ length: count }, (_, i) => runbookText(i, rand));
  const stamp = JSON.stringify({ count, seed, generator: 2 });
  const existing = await fs.readFile(marker, 'utf8').catch(() => '');
  if (existing === stamp) return docs.map((d) => d.path);
  await fs.rm(root, { recursive: true, force: true });
  for (const doc of docs) {
    await fs.mkdir(path.join(root, path.dirname(doc.path)), { recursive: true });
    await fs.writeFile(path.join(root, doc.path), doc.text);
  }
  await fs.writeFile(marker, stamp);
  return docs.map((d) => d.path);
}
