// Which files docs-site detection reads on real checkouts, and whether the editor's re-check test
// (`isSiteFilePath`, see bench/expectations-relevance-site-config.md) matches each. Prints one JSON
// line per checkout, asserts nothing.
//   node --import tsx bench/site-files-probe.ts PATH …
// Per checkout (its `git ls-files`): the sites detected, the files read to detect them (`.gitignore`
// files aside: they re-check by name anyway), the reads the test leaves out, and every listed file
// the test matches (how many saves re-check that are not of a doc or a target).
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { detectSites } from '../src/core/site/detect-site';
import { isSiteFilePath } from '../src/core/site/site-files';

async function probe(root: string): Promise<object> {
  const list = execFileSync('git', ['ls-files', '-z'], { cwd: root, maxBuffer: 1 << 28 }).toString().split('\0').filter(Boolean).sort();
  const reads = new Set<string>();
  const read = async (p: string): Promise<string | undefined> => {
    reads.add(p);
    return fs.readFile(path.join(root, p), 'utf8').catch(() => undefined);
  };
  const { sites } = await detectSites({ list, read }, []);
  const read_ = [...reads].filter((p) => !/(^|\/)\.gitignore$/.test(p));
  return {
    checkout: path.basename(root),
    files: list.length,
    sites: sites.map((s) => `${s.generator}:${s.configFile}`),
    reads: read_.length,
    leftOut: read_.filter((p) => !isSiteFilePath(p)),
    matching: list.filter((p) => isSiteFilePath(p)),
  };
}

async function main(): Promise<void> {
  for (const root of process.argv.slice(2)) console.log(JSON.stringify(await probe(path.resolve(root))));
}

void main();
