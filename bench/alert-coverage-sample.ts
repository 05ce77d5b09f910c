// Alert coverage on a real repository, for judging by hand (issue 13). Prints figures, asserts nothing.
//   node --import tsx bench/alert-coverage-sample.ts PATH [--seed N] [--sample N]
// Prints the summary, how each alert found its runbook, the findings by rule, and a seeded random
// sample of alerts with the evidence a reviewer needs: the annotation, where it led, and whether a
// doc named after the alert exists anywhere (to catch a missed match).
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { normalizeAlertName } from '../src/core/alert-lookup';
import { loadAlertCoverage } from '../src/node/alert-coverage';
import { openWorkspaceIndex } from '../src/node/open-index';
import { prng } from './generate-corpus';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { seed: { type: 'string', default: '13' }, sample: { type: 'string', default: '20' } } });
const root = path.resolve(positionals[0] ?? '.');
const env = { HOME: os.homedir(), PATH: process.env.PATH };

async function main(): Promise<void> {
  const started = performance.now();
  const index = openWorkspaceIndex(root, { cache: false, env });
  await index.build();
  const indexed = performance.now();
  const report = await loadAlertCoverage(root, index.all(), { env });
  const done = performance.now();

  const count = (keys: string[]) => keys.reduce<Record<string, number>>((acc, k) => ((acc[k] = (acc[k] ?? 0) + 1), acc), {});
  console.log(`${root}: ${index.all().length} docs, ${report.ruleFiles.length} rule files; index ${((indexed - started) / 1000).toFixed(1)} s, coverage ${((done - indexed) / 1000).toFixed(1)} s`);
  console.log('summary', report.summary);
  console.log('how', count(report.alerts.map((a) => `${a.status}/${a.runbook?.via ?? a.target?.kind ?? 'no annotation'}`)));
  console.log('findings', count(report.findings.map((f) => `${f.ruleId}/${f.severity}`)));

  const byStem = new Map<string, string[]>();
  for (const doc of index.all()) {
    const stem = normalizeAlertName(doc.path.split('/').pop()!.replace(/\.[^.]+$/, ''));
    byStem.set(stem, [...(byStem.get(stem) ?? []), doc.path]);
  }
  const random = prng(Number(values.seed));
  const pool = [...report.alerts];
  const sample = [];
  for (let i = 0; i < Number(values.sample) && pool.length > 0; i++) sample.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  console.log(`\nsample of ${sample.length} (seed ${values.seed}):`);
  for (const [i, a] of sample.entries()) {
    const where = a.runbook ? `${a.runbook.path}:${a.runbook.line} (${a.runbook.via})` : (a.url ?? '-');
    const namesake = byStem.get(normalizeAlertName(a.alert.name)) ?? [];
    console.log(`${String(i + 1).padStart(2)}. ${a.status.padEnd(9)} ${a.alert.name} [${a.alert.severity ?? '-'}] ${a.alert.file}:${a.alert.line}`);
    console.log(`    annotation: ${a.alert.runbook ? `${a.alert.runbook.key}: ${a.alert.runbook.value}` : 'none'} -> ${a.target ? a.target.kind : '-'}; runbook: ${where}; docs named after it: ${namesake.join(', ') || 'none'}`);
  }
  const missing = report.missing.slice(0, 10);
  if (missing.length) console.log(`\nfirst ${missing.length} of ${report.missing.length} runbooks for missing alerts:`, missing);
}

void main();
