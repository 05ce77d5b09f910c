#!/usr/bin/env node
// Prints the import graph figures of a source folder (default src/core): the longest import chain
// (value and type imports alike, and value imports only), the file-level import cycles and the
// folder-level cycles (each top-level file or folder of the source folder is one node).
//
//   node scripts/import-graph.mjs [--root REPO] [--dir src/core] [--json] [--top N] [--over N] [--chains N]
//
// --top N also prints the N longest chains that start at different entry files (files nothing in
// the folder imports), longest first: where to cut next. --over N lists every file whose longest
// chain (type imports included) has more than N files, with that chain, longest first: what stands
// between the tree and a depth of N. --chains N lists every import chain of exactly N + 1 files (type
// imports included; a longer chain shows as each of its stretches of N + 1 files): the depth is at
// most N exactly when this list is empty, and each chain in it must lose one import to get there.
// Depth is the number of files in the chain (a file importing nothing has depth 1).
// Uses the TypeScript compiler's parser only (no type checking), so it is fast and exact about
// `import type`, `export … from`, `import()` and `typeof import()` type queries.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const repo = path.resolve(opt('--root', process.cwd()));
const dir = opt('--dir', 'src/core');
const base = path.join(repo, dir);
if (!existsSync(base)) {
  console.error(`import-graph: ${base} does not exist`);
  process.exit(2);
}

/** Every .ts file under `folder`, root-relative posix paths, sorted. */
function listFiles(folder) {
  const out = [];
  for (const name of readdirSync(folder).sort()) {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const rel = (file) => path.relative(base, file).split(path.sep).join('/');

/** The file a relative specifier names, or undefined (outside the folder, a package, JSON). */
function resolveSpecifier(from, spec) {
  if (!spec.startsWith('.')) return undefined;
  const target = path.resolve(path.dirname(from), spec);
  for (const candidate of [`${target}.ts`, path.join(target, 'index.ts'), target]) {
    if (candidate.endsWith('.ts') && existsSync(candidate) && statSync(candidate).isFile()) {
      return candidate.startsWith(base + path.sep) ? candidate : undefined;
    }
  }
  return undefined;
}

/** The imports of one file: specifier → true when at least one import of it is a value import. */
function importsOf(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found = new Map();
  const add = (spec, isValue) => found.set(spec, (found.get(spec) ?? false) || isValue);
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      let isValue = true;
      if (clause) {
        if (clause.isTypeOnly) isValue = false;
        else if (!clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings)) {
          const elements = clause.namedBindings.elements;
          isValue = elements.length === 0 || elements.some((e) => !e.isTypeOnly);
        }
      }
      add(node.moduleSpecifier.text, isValue);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      let isValue = !node.isTypeOnly;
      if (isValue && node.exportClause && ts.isNamedExports(node.exportClause)) {
        const elements = node.exportClause.elements;
        isValue = elements.length === 0 || elements.some((e) => !e.isTypeOnly);
      }
      add(node.moduleSpecifier.text, isValue);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, false);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      add(node.arguments[0].text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const files = listFiles(base).map(rel);
/** file → Map(imported file → isValue) */
const graph = new Map();
for (const file of files) {
  const edges = new Map();
  for (const [spec, isValue] of importsOf(path.join(base, file))) {
    const target = resolveSpecifier(path.join(base, file), spec);
    if (target) {
      const to = rel(target);
      edges.set(to, (edges.get(to) ?? false) || isValue);
    }
  }
  graph.set(file, edges);
}

/** Adjacency lists of the graph, with or without type-only edges. */
const adjacency = (valueOnly) => new Map([...graph].map(([f, edges]) => [f, [...edges].filter(([, v]) => !valueOnly || v).map(([t]) => t).sort()]));

/** Tarjan's strongly connected components. */
function components(adj) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const out = [];
  const strong = (v) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of adj.get(v) ?? []) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      out.push(scc.sort());
    }
  };
  for (const v of [...adj.keys()].sort()) if (!index.has(v)) strong(v);
  return out;
}

/** The longest simple path from each file (file → list of files). Exact: exhaustive inside cycles, memoised elsewhere. */
function chainsFrom(adj) {
  const sccOf = new Map();
  for (const scc of components(adj)) for (const v of scc) sccOf.set(v, scc.length > 1 || (adj.get(v) ?? []).includes(v) ? scc : null);
  const memo = new Map();
  const onPath = new Set();
  const from = (v) => {
    if (!sccOf.get(v) && memo.has(v)) return memo.get(v);
    onPath.add(v);
    let best = [];
    for (const w of adj.get(v) ?? []) {
      if (onPath.has(w)) continue;
      const rest = from(w);
      if (rest.length > best.length) best = rest;
    }
    onPath.delete(v);
    const path = [v, ...best];
    if (!sccOf.get(v)) memo.set(v, path);
    return path;
  };
  return from;
}

/** The longest simple path (as a list of files). */
function longestChain(adj) {
  const from = chainsFrom(adj);
  let best = [];
  for (const v of [...adj.keys()].sort()) {
    const p = from(v);
    if (p.length > best.length) best = p;
  }
  return best;
}

/** The `n` longest chains starting at entry files (imported by no file of the folder), longest first. */
function longestEntryChains(adj, n) {
  const from = chainsFrom(adj);
  const imported = new Set([...adj.values()].flat());
  return [...adj.keys()]
    .filter((v) => !imported.has(v))
    .sort()
    .map((v) => from(v))
    .sort((a, b) => b.length - a.length)
    .slice(0, n);
}

/** Every file whose longest chain has more than `n` files, with that chain; longest first, then by file. */
function chainsOver(adj, n) {
  const from = chainsFrom(adj);
  return [...adj.keys()]
    .sort()
    .map((v) => from(v))
    .filter((c) => c.length > n)
    .sort((a, b) => b.length - a.length);
}

/** Every simple path of exactly `n` + 1 files, sorted (at most `cap`): each must be cut for the depth to be at most `n`. */
function chainsOfLength(adj, n, cap = 10000) {
  const from = chainsFrom(adj);
  const depth = new Map([...adj.keys()].map((v) => [v, from(v).length]));
  const out = [];
  const walk = (trail) => {
    if (out.length >= cap) return;
    if (trail.length === n + 1) {
      out.push(trail);
      return;
    }
    for (const w of adj.get(trail[trail.length - 1]) ?? []) {
      // Only steps that can still reach the length (exact on a graph without cycles, a safe bound inside one).
      if (!trail.includes(w) && depth.get(w) >= n + 1 - trail.length) walk([...trail, w]);
    }
  };
  for (const v of [...adj.keys()].sort()) if (depth.get(v) > n) walk([v]);
  return out;
}

/** Elementary cycles inside each strongly connected component, each starting at its smallest file (at most `cap`). */
function cycles(adj, cap = 100) {
  const out = [];
  for (const scc of components(adj)) {
    const members = new Set(scc);
    if (scc.length === 1 && !(adj.get(scc[0]) ?? []).includes(scc[0])) continue;
    for (const start of scc) {
      // Cycles whose smallest member is `start`, so each is listed once.
      const walk = (v, trail) => {
        if (out.length >= cap) return;
        for (const w of adj.get(v) ?? []) {
          if (!members.has(w) || w < start) continue;
          if (w === start) out.push([...trail, start]);
          else if (!trail.includes(w)) walk(w, [...trail, w]);
        }
      };
      walk(start, [start]);
    }
  }
  return out;
}

/** The top-level file or folder of the source folder a file belongs to. */
const moduleOf = (file) => (file.includes('/') ? `${file.split('/')[0]}/` : file);
function folderGraph() {
  const adj = new Map();
  const witness = new Map();
  for (const [file, edges] of graph) {
    const from = moduleOf(file);
    if (!adj.has(from)) adj.set(from, new Set());
    for (const to of edges.keys()) {
      const target = moduleOf(to);
      if (target === from) continue;
      adj.get(from).add(target);
      if (!witness.has(`${from}\0${target}`)) witness.set(`${from}\0${target}`, `${file} → ${to}`);
    }
  }
  return { adj: new Map([...adj].map(([k, v]) => [k, [...v].sort()])), witness };
}

const all = adjacency(false);
const values = adjacency(true);
const chainAll = longestChain(all);
const chainValues = longestChain(values);
const fileCycles = cycles(all);
const valueCycles = cycles(values);
const folders = folderGraph();
const folderCycles = cycles(folders.adj);
const edgeCount = [...all.values()].reduce((n, e) => n + e.length, 0);
const top = Number(opt('--top', '0'));
const topChains = top > 0 ? longestEntryChains(all, top) : [];
const overArg = opt('--over', undefined);
const over = overArg !== undefined ? chainsOver(all, Number(overArg)) : undefined;
const chainsArg = opt('--chains', undefined);
const chains = chainsArg !== undefined ? chainsOfLength(all, Number(chainsArg)) : undefined;

if (args.includes('--json')) {
  console.log(JSON.stringify({ dir, files: files.length, imports: edgeCount, longestChain: chainAll, longestValueChain: chainValues, ...(top > 0 ? { topChains } : {}), ...(over ? { over } : {}), ...(chains ? { chains } : {}), cycles: fileCycles, valueCycles, folderCycles }, null, 2));
} else {
  const kind = (a, b) => (graph.get(a)?.get(b) ? 'value' : 'type');
  console.log(`${dir}: ${files.length} files, ${edgeCount} imports between them`);
  console.log(`longest import chain (value and type imports): depth ${chainAll.length}`);
  chainAll.forEach((f, i) => console.log(`  ${i === 0 ? '  ' : kind(chainAll[i - 1], f) === 'type' ? 't→' : ' →'} ${f}`));
  console.log(`longest import chain (value imports only): depth ${chainValues.length}`);
  console.log(`  ${chainValues.join(' → ')}`);
  if (top > 0) {
    console.log(`longest chains from ${top} different entry files (value and type imports):`);
    for (const c of topChains) console.log(`  ${c.length}: ${c.map((f, i) => (i === 0 ? f : `${kind(c[i - 1], f) === 'type' ? 't→' : '→'} ${f}`)).join(' ')}`);
  }
  if (over) {
    console.log(`files whose longest chain is longer than ${overArg} (value and type imports): ${over.length}`);
    for (const c of over) console.log(`  ${c.length}: ${c.map((f, i) => (i === 0 ? f : `${kind(c[i - 1], f) === 'type' ? 't→' : '→'} ${f}`)).join(' ')}`);
  }
  if (chains) {
    console.log(`import chains of ${Number(chainsArg) + 1} files (value and type imports; each must lose an import for depth ${chainsArg}): ${chains.length}${chains.length >= 10000 ? '+' : ''}`);
    for (const c of chains) console.log(`  ${c.map((f, i) => (i === 0 ? f : `${kind(c[i - 1], f) === 'type' ? 't→' : '→'} ${f}`)).join(' ')}`);
  }
  console.log(`file cycles (value and type imports): ${fileCycles.length}${fileCycles.length >= 100 ? '+' : ''}`);
  for (const c of fileCycles) console.log(`  ${c.map((f, i) => (i === 0 ? f : `${kind(c[i - 1], f) === 'type' ? 't→' : '→'} ${f}`)).join(' ')}`);
  console.log(`file cycles (value imports only): ${valueCycles.length}`);
  for (const c of valueCycles) console.log(`  ${c.join(' → ')}`);
  console.log(`folder cycles (top-level files and folders of ${dir}): ${folderCycles.length}`);
  for (const c of folderCycles) {
    console.log(`  ${c.join(' → ')}`);
    for (let i = 1; i < c.length; i++) console.log(`      ${folders.witness.get(`${c[i - 1]}\0${c[i]}`)}`);
  }
}
