// Real-repository accuracy harness for the staleness engine (issue 18). Prints figures, asserts nothing.
//   npm run bench:accuracy -- score  --root PATH --labels bench/accuracy/labels/NAME.yml
//       agreement, precision and recall of the engine against hand labels, and every disagreement
//       with the engine's reasons
//   npm run bench:accuracy -- sample --root PATH [--n 20] [--seed 1]
//       a seeded random sample of N warning-level staleness flags with their evidence, for judging
//   npm run bench:accuracy -- probe  --root PATH [--n 5] [--seed 1]
//       recall probe: a seeded sample of N docs reported fresh that link code, with every
//       first-parent commit to their tracked targets since the doc's reference (ignored ones too)
//   npm run bench:accuracy -- pairs  --root PATH [--doc SUBSTRING]
//       every (doc, tracked target) pair with the first-parent commits to the target since the
//       doc's last content commit, for choosing pairs to label (engine verdicts left out on purpose)
// The checkout is only read. Labels name the HEAD they were judged at; a different HEAD is reported.
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import type { DocStaleness, StalenessReason, StalenessReport } from '../../src/core/staleness/model/report';
import { openStalenessEngine } from '../../src/node/git-staleness';
import { openWorkspaceIndex } from '../../src/node/open-index';
import { prng } from '../generate-corpus';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    root: { type: 'string' },
    labels: { type: 'string' },
    n: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    doc: { type: 'string' },
    config: { type: 'string' },
  },
});

/** One hand label: does the doc's owner want a look at `doc` because of `target`? */
interface Label {
  doc: string;
  target: string;
  expected: 'stale' | 'fresh';
  reason: string;
  /** The commit that decides it (the change that made the doc wrong, or the newest harmless one). */
  commit?: string;
}

interface LabelFile {
  repo: string;
  head: string;
  pairs: Label[];
}

/** Reasons that say "look at this doc because of this target". */
const FLAG_RULES = new Set(['stale.linked-code-changed', 'stale.anchored-range-changed', 'link.anchor-drifted', 'link.anchor-missing', 'link.missing-target', 'link.renamed-target']);

const env = { PATH: process.env.PATH, HOME: os.homedir() };

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...env, LC_ALL: 'C' } });
}

async function runReport(root: string): Promise<StalenessReport> {
  const index = openWorkspaceIndex(root, { cache: false, env });
  await index.build();
  const staleness = values.config ? (parseYaml(await fs.readFile(values.config, 'utf8')) as Record<string, unknown>) : {};
  const engine = openStalenessEngine(root, { cache: false, env, staleness });
  return engine.report(index.all());
}

function flagsOf(doc: DocStaleness | undefined, target: string): StalenessReason[] {
  return (doc?.reasons ?? []).filter((r) => r.target === target && FLAG_RULES.has(r.ruleId) && r.severity !== 'info');
}

function describe(reason: StalenessReason): string {
  const commits = reason.commits.slice(0, 3).map((c) => `${c.sha.slice(0, 9)} ${c.date.slice(0, 10)} ${c.subject.slice(0, 70)}`);
  return `    ${reason.severity} ${reason.ruleId} line ${reason.line}: ${reason.message}\n${commits.map((c) => `      ${c}`).join('\n')}`;
}

function pct(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}% (${part}/${whole})`;
}

async function score(root: string, labelsPath: string): Promise<void> {
  const file = parseYaml(await fs.readFile(labelsPath, 'utf8')) as LabelFile;
  const head = git(root, ['rev-parse', 'HEAD']).trim();
  if (!head.startsWith(file.head)) console.log(`note: labels judged at ${file.head}, checkout is at ${head.slice(0, 12)}`);
  const report = await runReport(root);
  const byPath = new Map(report.docs.map((d) => [d.path, d]));
  let tp = 0, fp = 0, fn = 0, tn = 0;
  const disagreements: string[] = [];
  for (const label of file.pairs) {
    const doc = byPath.get(label.doc);
    const flags = flagsOf(doc, label.target);
    const flagged = flags.length > 0;
    const wanted = label.expected === 'stale';
    if (flagged && wanted) tp++;
    else if (flagged) fp++;
    else if (wanted) fn++;
    else tn++;
    if (flagged !== wanted) {
      const known = doc ? `${doc.level}, score ${doc.score}, reference ${doc.referenceTime ?? 'none'}` : 'not in the report';
      const engineSays = flagged ? flags.map(describe).join('\n') : `    no flag on this target (doc: ${known}; ${doc?.targets.some((t) => t.path === label.target) ? 'target is linked' : 'target not among its links'})`;
      disagreements.push(`${wanted ? 'MISSED' : 'FALSE FLAG'} ${label.doc} -> ${label.target}\n    label: ${label.expected} (${label.reason}) [${label.commit ?? '-'}]\n${engineSays}`);
    }
  }
  const total = file.pairs.length;
  console.log(`${file.repo} @ ${head.slice(0, 12)}: ${total} labelled pairs (${tp + fn} stale, ${fp + tn} fresh)`);
  console.log(`agreement ${pct(tp + tn, total)}  precision ${pct(tp, tp + fp)}  recall ${pct(tp, tp + fn)}`);
  console.log(`RESULT ${JSON.stringify({ repo: file.repo, total, tp, fp, fn, tn })}`);
  for (const d of disagreements) console.log(`\n${d}`);
}

async function sample(root: string, n: number, seed: number): Promise<void> {
  const report = await runReport(root);
  const flags = report.docs.flatMap((doc) => doc.reasons.filter((r) => r.severity === 'warning' && r.ruleId.startsWith('stale.')).map((reason) => ({ doc, reason })));
  // Stable order before drawing, so the same seed draws the same flags from the same report.
  flags.sort((a, b) => a.doc.path.localeCompare(b.doc.path) || a.reason.line - b.reason.line || (a.reason.target ?? '').localeCompare(b.reason.target ?? ''));
  const random = prng(seed);
  const pool = [...flags];
  const drawn: typeof flags = [];
  while (drawn.length < n && pool.length > 0) drawn.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  const head = git(root, ['rev-parse', 'HEAD']).trim();
  console.log(`${root} @ ${head.slice(0, 12)}: ${flags.length} warning flags in ${report.docs.filter((d) => d.level === 'stale').length} stale docs; drew ${drawn.length} with seed ${seed}`);
  for (const [i, { doc, reason }] of drawn.entries()) {
    const text = (await fs.readFile(`${root}/${doc.path}`, 'utf8')).split('\n')[reason.line - 1] ?? '';
    console.log(`\n#${i + 1} ${doc.path}:${reason.line} [${reason.ruleId}] score ${doc.score} (doc ${doc.kind}, reference ${doc.referenceTime?.slice(0, 10) ?? '-'})`);
    console.log(`  line: ${text.trim().slice(0, 160)}`);
    console.log(`  ${reason.message}`);
    for (const c of reason.commits.slice(0, 6)) {
      const stat = reason.target ? git(root, ['diff', '-w', '--shortstat', `${c.sha}^1`, c.sha, '--', reason.target]).trim() : '';
      console.log(`    ${c.sha.slice(0, 9)} ${c.date.slice(0, 10)} ${c.subject.slice(0, 80)}  [${stat}]`);
    }
    if (reason.commits.length > 6) console.log(`    … ${reason.commits.length - 6} more`);
  }
}

async function probe(root: string, n: number, seed: number): Promise<void> {
  const report = await runReport(root);
  const fresh = report.docs
    .filter((d) => d.level === 'fresh' && d.lastContentCommit && d.targets.some((t) => t.tracked && t.kind === 'file' && !t.pinned))
    .sort((a, b) => a.path.localeCompare(b.path));
  const random = prng(seed);
  const pool = [...fresh];
  const drawn: typeof fresh = [];
  while (drawn.length < n && pool.length > 0) drawn.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  const head = git(root, ['rev-parse', 'HEAD']).trim();
  console.log(`${root} @ ${head.slice(0, 12)}: ${fresh.length} fresh docs that link code; drew ${drawn.length} with seed ${seed}`);
  for (const doc of drawn) {
    const since = doc.lastContentCommit!.sha;
    console.log(`\n${doc.path} (${doc.kind}, reference ${doc.referenceTime?.slice(0, 10) ?? '-'}, score ${doc.score})`);
    for (const r of doc.reasons) console.log(`  ${r.severity} ${r.ruleId} line ${r.line}: ${r.message.slice(0, 200)}`);
    for (const target of doc.targets) {
      if (!target.tracked || target.kind !== 'file' || target.pinned) continue;
      const log = git(root, ['log', '--first-parent', '--format=%h %cs %s', `${since}..HEAD`, '--', target.path]).trim();
      const commits = log ? log.split('\n') : [];
      const stat = commits.length ? git(root, ['diff', '-w', '--shortstat', since, 'HEAD', '--', target.path]).trim() : '';
      console.log(`  line ${target.line} ${target.path}${target.lines ? `#L${target.lines.start}-L${target.lines.end}` : ''}: ${commits.length} commits${stat ? ` [${stat}]` : ''}${commits.length ? `\n      ${commits.slice(0, 4).join('\n      ')}` : ''}`);
    }
  }
}

async function pairs(root: string, filter: string | undefined): Promise<void> {
  const report = await runReport(root);
  for (const doc of report.docs) {
    if (filter && !doc.path.includes(filter)) continue;
    const since = doc.lastContentCommit?.sha;
    for (const target of doc.targets) {
      if (!target.tracked || target.kind === 'missing' || target.pinned) continue;
      const spec = target.kind === 'glob' ? `:(glob)${target.path}` : target.path || '.';
      const log = since ? git(root, ['log', '--first-parent', '--format=%h %cs %s', `${since}..HEAD`, '--', spec]).trim() : '';
      const commits = log ? log.split('\n') : [];
      console.log(`${doc.path}\t${target.path}\t${target.kind}/${target.via}\tline ${target.line}\tdoc ${doc.lastContentCommit?.date.slice(0, 10) ?? '-'}\t${commits.length} commits${commits.length ? `\t${commits.slice(0, 3).join(' | ')}` : ''}`);
    }
  }
}

async function main(): Promise<void> {
  const mode = positionals[0];
  const root = values.root;
  if (!root || !mode) throw new Error('usage: accuracy.ts score|sample|probe|pairs --root PATH [--labels FILE] [--n N] [--seed S]');
  if (mode === 'score') await score(root, values.labels ?? '');
  else if (mode === 'sample') await sample(root, Number(values.n), Number(values.seed));
  else if (mode === 'pairs') await pairs(root, values.doc);
  else if (mode === 'probe') await probe(root, Number(values.n), Number(values.seed));
  else throw new Error(`unknown mode ${mode}`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(2);
  },
);
