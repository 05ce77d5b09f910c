// Links resolved like the docs site, on real repositories (issue #19). Prints figures, asserts nothing.
//   node --import tsx bench/site-links-sample.ts [--cli dist/cli.js] [--seed 19] [--sample 20] [--save DIR] PATH|REPORT.json …
// For each checkout PATH, runs `node CLI report --root PATH --format json --no-cache` (CLI: this
// build's dist/cli.js unless --cli names another build, e.g. one of an older commit in its own
// worktree, for the "before" figures); a `.json` argument is a report saved earlier. Prints the
// `link.*` totals by rule and severity, then a seeded random sample of the findings to be judged by
// hand as the doc's owner would (real / false / honest info). Reads both JSON shapes: the envelope
// (`findings`) and the older `{ docs: [{ path, reasons }] }`.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { prng } from './generate-corpus';

const run = promisify(execFile);

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    cli: { type: 'string', default: path.join(__dirname, '..', 'dist', 'cli.js') },
    seed: { type: 'string', default: '19' },
    sample: { type: 'string', default: '20' },
    save: { type: 'string' },
  },
});

interface LinkFinding {
  path: string;
  line?: number;
  ruleId: string;
  severity: string;
  message: string;
}

interface ReportJson {
  findings?: LinkFinding[];
  docs?: { path: string; reasons?: Omit<LinkFinding, 'path'>[] }[];
}

/** The `link.*` findings of a report, in either JSON shape, in the report's order. */
export function linkFindings(report: ReportJson): LinkFinding[] {
  const all = report.findings ?? (report.docs ?? []).flatMap((d) => (d.reasons ?? []).map((r) => ({ path: d.path, ...r })));
  return all.filter((f) => f.ruleId.startsWith('link.'));
}

/** `n` of `items` drawn without replacement by a seeded shuffle (all of them when fewer). */
export function seededSample<T>(items: readonly T[], n: number, seed: number): T[] {
  const rnd = prng(seed);
  const idx = items.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx.slice(0, n).map((i) => items[i]!);
}

async function readReport(arg: string): Promise<ReportJson> {
  if (arg.endsWith('.json')) return JSON.parse(await fs.readFile(arg, 'utf8')) as ReportJson;
  const { stdout } = await run('node', [values.cli!, 'report', '--root', arg, '--format', 'json', '--no-cache'], { maxBuffer: 1 << 30 });
  if (values.save) {
    await fs.mkdir(values.save, { recursive: true });
    await fs.writeFile(path.join(values.save, `${path.basename(path.resolve(arg))}.json`), stdout);
  }
  return JSON.parse(stdout) as ReportJson;
}

async function main(): Promise<void> {
  if (positionals.length === 0) throw new Error('usage: site-links-sample.ts [--cli FILE] [--seed S] [--sample N] [--save DIR] PATH|REPORT.json …');
  for (const arg of positionals) {
    const findings = linkFindings(await readReport(arg));
    const counts = new Map<string, number>();
    for (const f of findings) counts.set(`${f.ruleId}/${f.severity}`, (counts.get(`${f.ruleId}/${f.severity}`) ?? 0) + 1);
    const bySeverity = (s: string): number => findings.filter((f) => f.severity === s).length;
    console.log(`\n## ${arg}: ${findings.length} link.* (${bySeverity('error')} errors, ${bySeverity('warning')} warnings, ${bySeverity('info')} info)`);
    for (const [k, n] of [...counts].sort()) console.log(`  ${k}: ${n}`);
    const sample = seededSample(findings, Number(values.sample), Number(values.seed));
    console.log(`sample (seed ${values.seed}, ${sample.length} of ${findings.length}):`);
    sample.forEach((f, i) => console.log(`${String(i + 1).padStart(2)}. ${f.path}:${f.line ?? ''}\t${f.ruleId}\t${f.severity}\t${f.message}`));
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
