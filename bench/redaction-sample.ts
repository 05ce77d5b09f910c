// Redaction on real runbooks (issue #20). Prints figures, asserts nothing.
//   node --import tsx bench/redaction-sample.ts PATH [PATH…] [--sample N] [--seed S]
// Runs redactSecrets over every line of every markdown file under each checkout, as notes and
// recorded commands would be, and prints how many lines each kind redacted, then a seeded random
// sample of redactions with the text around them, to be judged by hand: public runbooks hold
// almost no real secrets, so most redactions there are placeholders, examples or false ones.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { redactSecrets } from '../src/core/redact';
import { prng } from './generate-corpus';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { sample: { type: 'string', default: '30' }, seed: { type: 'string', default: '20' } },
});

interface Hit {
  file: string;
  line: number;
  kind: string;
  before: string;
  after: string;
}

async function* markdownFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    if (entry.name === '.git' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* markdownFiles(full);
    else if (/\.(?:md|markdown)$/i.test(entry.name)) yield full;
  }
}

async function main(): Promise<void> {
  const hits: Hit[] = [];
  let files = 0;
  let lines = 0;
  for (const root of positionals) {
    for await (const file of markdownFiles(root)) {
      files++;
      const text = await fs.readFile(file, 'utf8');
      text.split('\n').forEach((line, i) => {
        lines++;
        const { text: after, count } = redactSecrets(line);
        if (count === 0) return;
        for (const m of after.matchAll(/\[REDACTED:([a-z-]+)\]/g)) hits.push({ file: path.relative(root, file), line: i + 1, kind: m[1]!, before: line.trim(), after: after.trim() });
      });
    }
  }
  const perKind = new Map<string, number>();
  for (const hit of hits) perKind.set(hit.kind, (perKind.get(hit.kind) ?? 0) + 1);
  console.log(`${files} markdown files, ${lines} lines, ${hits.length} redactions`);
  for (const [kind, n] of [...perKind].sort((a, b) => b[1] - a[1])) console.log(`  ${kind.padEnd(24)} ${n}`);
  const random = prng(Number(values.seed));
  const pool = [...hits];
  const n = Math.min(Number(values.sample), pool.length);
  console.log(`\nsample of ${n} (seed ${values.seed}):`);
  for (let i = 0; i < n; i++) {
    const [hit] = pool.splice(Math.floor(random() * pool.length), 1);
    console.log(`${i + 1}. ${hit!.kind} ${hit!.file}:${hit!.line}\n   before: ${hit!.before.slice(0, 220)}\n   after:  ${hit!.after.slice(0, 220)}`);
  }
}

void main();
