// Block friction and safety benchmark (issues #11 and #20). Prints figures, asserts nothing.
//   node --import tsx bench/block-friction.ts PATH [PATH…] [--list] [--sample N] [--seed S]
// For every markdown file under each checkout: its runnable shell blocks, the classifier's kind,
// and an independent, deliberately narrow oracle:
//   plainly read-only  every command is a `kubectl`/`oc` read (get, describe, logs, top, explain,
//                      auth can-i, version…) or another plain status read, piped only into
//                      jq/grep/head/tail/wc/sort/uniq/cut/column, with no redirection to a file;
//   plainly a change   a command or redirection that is known to change state.
// Friction = plainly read-only blocks classified `change`; unsafe = plainly-changing blocks
// classified `check` (must be 0).
// Prompts inside bash/sh/shell blocks (`$ oc get nodes`) are stripped by runnable-blocks.ts since
// issue #11; the bench strips any `$ ` prompt left over itself (measuring only), so it gives the
// same figures on checkouts of this project from before that change.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { parseDoc } from '../src/core/parse-doc';
import { runnableBlocks } from '../src/core/runner/runnable-blocks';
import { classifyScript } from '../src/core/runner/classify-command';
import { ruleFor } from '../src/core/runner/command-rules';
import { prng } from './generate-corpus';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { list: { type: 'boolean', default: false }, sample: { type: 'string', default: '0' }, seed: { type: 'string', default: '20' } },
});

const KUBE_READ = /^(?:sudo\s+)?(?:kubectl|oc)\b(?:\s+(?:-n\s+\S+|--namespace[= ]\S+|--context[= ]\S+|-A|--all-namespaces))*\s+(?:get|describe|logs|top|explain|version|api-resources|api-versions|cluster-info|events|whoami|auth\s+can-i|adm\s+top|rollout\s+(?:status|history)|config\s+(?:view|current-context|get-contexts))\b/;
const OTHER_READ = /^(?:sudo\s+)?(?:systemctl\s+status|journalctl\b|df\b|free\b|uptime\b|helm\s+(?:list|ls|status|history|get)\b|etcdctl\b.*\b(?:endpoint\s+(?:health|status)|member\s+list|alarm\s+list)\b)/;
const PIPE_READ = /^(?:jq|grep|egrep|head|tail|wc|sort|uniq|cut|column)\b/;
const CHANGE =
  /\b(?:kubectl|oc)\b[^|;&\n]*\s(?:delete|apply|patch|scale|edit|create|replace|annotate|label|cordon|uncordon|drain|taint|rollout\s+(?:restart|undo)|set\s+\w+|adm\s+(?:drain|cordon|uncordon|taint)|debug|rsh|cp)\b|(?:^|[\s;&|(])(?:rm|mv|cp|mkdir|chmod|chown|kill|pkill|reboot|touch|dd)\s|\bsystemctl\s+(?:restart|start|stop|enable|disable|reload|daemon-reload)\b|\bsed\s+-i|\|\s*(?:sudo\s+)?tee\b|(?:^|[^>&\d])>>?\s*(?!\/dev\/null|&)[\w./~$"'-]|\bcurl\b[^|\n]*\s-X\s*(?:POST|PUT|DELETE|PATCH)|\betcdctl\b[^|\n]*\s(?:put|del|defrag|compact|snapshot\s+save|member\s+(?:add|remove))\b|\bhelm\s+(?:install|upgrade|uninstall|rollback|delete)\b|\bgit\s+(?:push|commit|reset|checkout|pull|clone)\b/m;

/** The command lines of a block: prompts stripped when the block uses them (measuring only), comments and blank lines dropped. */
function commandLines(script: string): string[] {
  const lines = script.replace(/\\\n\s*/g, ' ').split('\n');
  const prompted = lines.filter((line) => /^\s*\$ /.test(line));
  const chosen = prompted.length ? prompted.map((line) => line.replace(/^\s*\$ /, '')) : lines;
  return chosen.map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
}

/** The line with quoted text and `<placeholder>` words blanked, so their `>` and words are not read as commands. */
function bare(line: string): string {
  return line.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, "''").replace(/<[A-Za-z][\w.-]*>/g, 'X');
}

function oracle(lines: string[]): 'read' | 'change' | 'other' {
  const text = lines.map(bare).join('\n').replace(/\bauth\s+can-i\s+\w+/g, 'auth can-i');
  if (CHANGE.test(text)) return 'change';
  const read = lines.every((line) => {
    if (/[`;]|\$\(|&&|\|\||(?:^|[^2&])>(?!\s*\/dev\/null)/.test(bare(line).replace(/2>&1/g, ''))) return false;
    const [first, ...pipes] = line.split('|').map((part) => part.trim());
    return (KUBE_READ.test(first!) || OTHER_READ.test(first!)) && pipes.every((part) => PIPE_READ.test(part));
  });
  return read && lines.length ? 'read' : 'other';
}

async function markdownFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      if (entry.name === '.git' || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (/\.(?:md|markdown)$/i.test(entry.name)) out.push(full);
    }
  };
  await walk(root);
  return out.sort();
}

interface Row {
  file: string;
  line: number;
  script: string;
  kind: string;
  reason: string;
  truth: 'read' | 'change' | 'other';
}

async function measure(root: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const file of await markdownFiles(root)) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const doc = parseDoc(rel, await fs.readFile(file, 'utf8'));
    for (const block of runnableBlocks(doc)) {
      const lines = commandLines(block.script);
      const script = lines.join('\n');
      const verdict = classifyScript(script, ruleFor);
      rows.push({ file: rel, line: block.line, script, kind: verdict.kind, reason: verdict.reason, truth: oracle(lines) });
    }
  }
  return rows;
}

function pct(n: number, d: number): string {
  return d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a';
}

async function main(): Promise<void> {
  if (!positionals.length) throw new Error('usage: block-friction.ts PATH [PATH…] [--list] [--sample N] [--seed S]');
  for (const root of positionals) {
    const rows = await measure(root);
    const read = rows.filter((r) => r.truth === 'read');
    const change = rows.filter((r) => r.truth === 'change');
    const friction = read.filter((r) => r.kind === 'change');
    const unsafe = change.filter((r) => r.kind === 'check');
    const checks = rows.filter((r) => r.kind === 'check').length;
    console.log(`${root}`);
    console.log(`  blocks scanned: ${rows.length} (classified check: ${checks}, change: ${rows.length - checks})`);
    console.log(`  plainly read-only: ${read.length}; classified change (friction): ${friction.length} = ${pct(friction.length, read.length)}`);
    console.log(`  plainly state-changing: ${change.length}; classified check (unsafe, must be 0): ${unsafe.length}`);
    const show = (label: string, list: Row[]) => {
      for (const r of list) console.log(`    ${label} ${r.file}:${r.line} — ${r.reason}\n      ${r.script.replace(/\n/g, ' ⏎ ').slice(0, 160)}`);
    };
    if (values.list) {
      show('friction', friction);
      show('UNSAFE', unsafe);
    } else {
      show('UNSAFE', unsafe);
    }
    const sampleSize = Number(values.sample);
    if (sampleSize > 0) {
      const random = prng(Number(values.seed));
      const pool = [...rows];
      console.log(`  seeded sample (seed ${values.seed}) of ${Math.min(sampleSize, pool.length)} blocks, to judge by hand:`);
      for (let n = 0; n < sampleSize && pool.length; n++) {
        const [r] = pool.splice(Math.floor(random() * pool.length), 1);
        console.log(`    [${r!.kind}] ${r!.file}:${r!.line} — ${r!.reason}\n      ${r!.script.replace(/\n/g, ' ⏎ ').slice(0, 200)}`);
      }
    }
  }
}

void main();
