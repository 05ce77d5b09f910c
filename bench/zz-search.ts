import * as path from 'node:path';
import { openWorkspaceIndex } from '../src/node/open-index';
import { prng } from './generate-corpus';
async function main() {
  const root = path.join(__dirname, '.corpus', 'index-10000');
  const index = openWorkspaceIndex(root, { env: {}, cacheFile: '/tmp/zz-idx.json' });
  const s = await index.build(); if (s.parsed) await index.persist();
  const rand = prng(7);
  const vocabulary = index.all().slice(0, 2000).flatMap((d) => d.sections.flatMap((s) => s.text.split(/\W+/).filter((w) => w.length > 4)));
  const alerts = index.all().flatMap((d) => d.meta.alerts);
  const queries: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const word = vocabulary[Math.floor(rand() * vocabulary.length)]!.toLowerCase();
    const kind = i % 5;
    if (kind === 0) queries.push(word);
    else if (kind === 1) queries.push(word.slice(0, 3 + (i % 3)));
    else if (kind === 2) queries.push(word.length > 5 ? `${word.slice(0, 2)}${word[3]}${word[2]}${word.slice(4)}` : word);
    else if (kind === 3) queries.push(alerts[Math.floor(rand() * alerts.length)]!);
    else queries.push(`${word} ${vocabulary[Math.floor(rand() * vocabulary.length)]!.toLowerCase()}`);
  }
  const byKind: number[][] = [[], [], [], [], []];
  for (const q of queries.slice(0, 50)) index.find(q);
  queries.forEach((q, i) => { const t = performance.now(); index.find(q); byKind[i % 5]!.push(performance.now() - t); });
  const all = byKind.flat().sort((a, b) => a - b);
  console.log('p50', all[500]!.toFixed(2), 'p95', all[950]!.toFixed(2));
  byKind.forEach((k, i) => { k.sort((a, b) => a - b); console.log(['word', 'prefix', 'typo', 'alert', 'two'][i], 'p50', k[100]!.toFixed(2), 'p95', k[190]!.toFixed(2)); });
}
main();
