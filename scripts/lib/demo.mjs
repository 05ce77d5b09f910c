// The folder `npm start` opens: the acme-platform example as a git repository with a scripted,
// back-dated history (demo-history.mjs), so the staleness views show real verdicts.
//
// Built in <repo>/.cache/demo/acme-platform (git-ignored) and reused until the examples or these
// scripts change. Every git command gets an explicit environment: fixed identities and dates (so the
// SHAs are the same on every machine), HOME pointed at the cache, no system or user config, and
// GIT_DIR / GIT_WORK_TREE naming the demo repository, so the project's own repository is never used.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { PEOPLE, PINNED_COMMIT, REMOTE_URL, demoHistory, untidy } from './demo-history.mjs';

/** Bump to rebuild every cached demo (e.g. after changing how it is built). */
const FORMAT = 1;
const MARKER = 'living-runbooks-demo.json';
const HISTORY_SCRIPT = 'scripts/lib/demo-history.mjs';

/**
 * Returns the absolute path of the demo workspace to open: `<repo>/.cache/demo/acme-platform`, a git
 * repository whose last commit's tree equals `examples/acme-platform`. Rebuilt (in well under a
 * second) when the examples or the history script changed since the last build, else reused as is,
 * including any uncommitted edits made while trying the extension.
 *
 * Rejects when the examples are missing, git cannot run, or the scripted history no longer fits the
 * examples (the message says which file and what to update).
 *
 * @param {{ repoRoot: string, log?: (line: string) => void }} options
 * @returns {Promise<string>}
 */
export async function prepareDemoWorkspace({ repoRoot, log = () => {} }) {
  const examples = path.resolve(repoRoot, 'examples', 'acme-platform');
  if (!fs.existsSync(examples)) throw new Error(`The demo workspace ${examples} does not exist.`);
  const cacheDir = path.join(path.resolve(repoRoot), '.cache', 'demo');
  const target = path.join(cacheDir, 'acme-platform');
  const shown = path.relative(repoRoot, target);

  const files = readTree(examples);
  const hash = treeHash(files);
  if (isCurrent(target, hash, cacheDir)) {
    log(`demo: reusing ${shown} (examples unchanged since it was built)`);
    return target;
  }

  const started = Date.now();
  fs.mkdirSync(cacheDir, { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  try {
    const { head, commits } = buildRepository({ dir: tmp, home: cacheDir, files });
    fs.writeFileSync(path.join(tmp, '.git', MARKER), `${JSON.stringify({ format: FORMAT, hash, head }, null, 2)}\n`);
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(tmp, target);
    log(`demo: built ${shown}, ${commits} back-dated commits, in ${Date.now() - started} ms`);
  } catch (error) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  return target;
}

/** Replays the scripted history into `dir`; returns HEAD and the number of commits. */
function buildRepository({ dir, home, files }) {
  fs.mkdirSync(dir, { recursive: true });
  const git = gitRunner(dir, home);
  execFileSync('git', ['-c', 'init.defaultBranch=main', 'init', '-q'], { cwd: dir, env: baseEnv(home), stdio: ['ignore', 'pipe', 'pipe'] });
  git(['symbolic-ref', 'HEAD', 'refs/heads/main']);
  git(['remote', 'add', 'origin', REMOTE_URL]);

  const steps = demoHistory(examplesReader(files));
  const placed = new Set();
  for (const step of steps) {
    for (const [p, content] of Object.entries(step.files ?? {})) if (content !== null) placed.add(p);
    for (const [, to] of step.renames ?? []) placed.add(to);
  }
  const rest = [...files.keys()].filter((p) => !placed.has(p));

  /** path -> tidy text, as the working tree holds it (untidy until the bulk formatting commit). */
  const state = new Map();
  let tidy = false;
  let commits = 0;
  let pinned;
  const isExec = (p) => files.get(p)?.exec ?? p.endsWith('.sh');
  const write = (p, text) => {
    const file = path.join(dir, ...p.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, tidy ? text : untidy(text));
    fs.chmodSync(file, isExec(p) ? 0o755 : 0o644);
    state.set(p, text);
  };

  for (const step of steps) {
    const changes = { ...step.files };
    if (step.rest) for (const p of rest) changes[p] = files.get(p).text;
    if (!step.tidy && !step.renames?.length && Object.keys(changes).length === 0) continue;
    const touched = [];
    for (const [from, to] of step.renames ?? []) {
      if (!state.has(from)) throw new Error(`${HISTORY_SCRIPT}: "${step.message}" renames ${from}, which no earlier step created.`);
      fs.mkdirSync(path.dirname(path.join(dir, to)), { recursive: true });
      fs.renameSync(path.join(dir, from), path.join(dir, to));
      removeEmptyParents(dir, from);
      state.set(to, state.get(from));
      state.delete(from);
      touched.push(to);
    }
    for (const [p, content] of Object.entries(changes)) {
      if (content === null) {
        fs.rmSync(path.join(dir, p));
        removeEmptyParents(dir, p);
        state.delete(p);
      } else {
        write(p, content);
        touched.push(p);
      }
    }
    if (step.tidy) {
      tidy = true;
      for (const [p, text] of state) write(p, text);
    }
    git(['add', '-A']);
    const executables = touched.filter((p) => state.has(p) && isExec(p));
    if (executables.length > 0) git(['update-index', '--chmod=+x', '--', ...executables]);
    const who = PEOPLE[step.by];
    if (!who) throw new Error(`${HISTORY_SCRIPT}: "${step.message}" is by unknown person ${step.by}.`);
    git(['commit', '-q', '--no-verify', '--no-gpg-sign', '-m', step.message], {
      GIT_AUTHOR_NAME: who.name,
      GIT_AUTHOR_EMAIL: who.email,
      GIT_AUTHOR_DATE: step.at,
      GIT_COMMITTER_NAME: who.name,
      GIT_COMMITTER_EMAIL: who.email,
      GIT_COMMITTER_DATE: step.at,
    });
    commits++;
    if (step.pinned) pinned = git(['rev-parse', 'HEAD']);
  }

  checkFinalTree(state, files, git(['ls-files', '-z']).split('\0').filter(Boolean), listDirs(dir));
  if (pinned !== PINNED_COMMIT) {
    throw new Error(
      `${HISTORY_SCRIPT}: the pinned commit is now ${pinned}, not ${PINNED_COMMIT} (the first steps changed). ` +
        `Set PINNED_COMMIT to it and update the permalink in examples/acme-platform/docs/adr/0001-use-pgbouncer.md.`,
    );
  }
  const head = git(['rev-parse', 'HEAD']);
  // A fresh clone has origin/main; "Check My Changes" compares with it by default.
  git(['update-ref', 'refs/remotes/origin/main', head]);
  return { head, commits };
}

/** Removes the folders above a deleted or moved file that it leaves empty, as git would. */
function removeEmptyParents(root, file) {
  for (let rel = path.posix.dirname(file); rel !== '.'; rel = path.posix.dirname(rel)) {
    const full = path.join(root, ...rel.split('/'));
    if (fs.readdirSync(full).length > 0) return;
    fs.rmdirSync(full);
  }
}

/** Every folder under `root` but `.git`, as posix paths. */
function listDirs(root, prefix = '') {
  const out = [];
  for (const entry of fs.readdirSync(path.join(root, ...prefix.split('/').filter(Boolean)), { withFileTypes: true })) {
    if (!entry.isDirectory() || (prefix === '' && entry.name === '.git')) continue;
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    out.push(rel, ...listDirs(root, rel));
  }
  return out;
}

/**
 * Fails unless the replayed tree is exactly the examples: same files, same text, all tracked, and
 * no folder the examples do not have.
 */
function checkFinalTree(state, files, tracked, dirs) {
  const problems = [];
  const exampleDirs = new Set([...files.keys()].flatMap((p) => p.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  for (const d of dirs) if (!exampleDirs.has(d)) problems.push(`folder ${d}/ is left over`);
  for (const [p, { text }] of files) {
    if (!state.has(p)) problems.push(`${p} is missing`);
    else if (state.get(p) !== text) problems.push(`${p} ends with an older version (a later step must write its final text)`);
  }
  for (const p of state.keys()) if (!files.has(p)) problems.push(`${p} is left over (delete it in a step)`);
  const trackedSet = new Set(tracked);
  for (const p of state.keys()) if (!trackedSet.has(p)) problems.push(`${p} is not committed (ignored by the demo's .gitignore?)`);
  if (problems.length > 0) {
    throw new Error(`${HISTORY_SCRIPT}: the scripted history does not end at examples/acme-platform:\n  ${problems.join('\n  ')}`);
  }
}

/** The helpers demo-history.mjs derives earlier versions with; each names the file when it fails. */
function examplesReader(files) {
  const final = (p) => {
    const file = files.get(p);
    if (!file) throw new Error(`${HISTORY_SCRIPT} uses examples/acme-platform/${p}, which does not exist. Update the history script.`);
    return file.text;
  };
  const replace = (p, text, edits) => {
    for (const [from, to] of edits) {
      const count = text.split(from).length - 1;
      if (count !== 1) {
        throw new Error(
          `${HISTORY_SCRIPT}: examples/acme-platform/${p} contains ${JSON.stringify(from)} ${count} times, not once. ` +
            `Update the history script to match the example.`,
        );
      }
      text = text.replace(from, () => to);
    }
    return text;
  };
  return {
    final,
    edit: (p, ...edits) => replace(p, final(p), edits),
    reviewed: (p, day, ...edits) => {
      const text = final(p);
      const lines = text.match(/^reviewed: .*$/gm) ?? [];
      if (lines.length !== 1) throw new Error(`${HISTORY_SCRIPT}: examples/acme-platform/${p} has ${lines.length} "reviewed:" lines, not one.`);
      return replace(p, text.replace(/^reviewed: .*$/m, `reviewed: ${day}`), edits);
    },
    until: (p, marker) => {
      const text = final(p);
      const at = text.indexOf(marker);
      if (at < 0) throw new Error(`${HISTORY_SCRIPT}: examples/acme-platform/${p} no longer contains ${JSON.stringify(marker)}.`);
      return text.slice(0, at);
    },
  };
}

/** Every file under `root` (posix paths, sorted) with its text and executable bit. */
function readTree(root) {
  const files = new Map();
  const walk = (dir, prefix) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git') walk(full, rel);
      } else if (entry.isFile()) {
        const bytes = fs.readFileSync(full);
        const text = bytes.toString('utf8');
        if (!Buffer.from(text, 'utf8').equals(bytes)) throw new Error(`examples/acme-platform/${rel} is not UTF-8 text; the demo history handles text files only.`);
        files.set(rel, { text, exec: (fs.statSync(full).mode & 0o111) !== 0 || rel.endsWith('.sh') });
      }
    }
  };
  walk(root, '');
  return files;
}

/** Hash of the examples and of the scripts that turn them into the demo repository. */
function treeHash(files) {
  const hash = createHash('sha256').update(`format ${FORMAT}\0`);
  for (const script of ['demo.mjs', 'demo-history.mjs']) {
    hash.update(fs.readFileSync(fileURLToPath(new URL(script, import.meta.url))));
  }
  for (const [p, { text, exec }] of files) hash.update(`\0${p}\0${exec ? 'x' : '-'}\0${text.length}\0`).update(text);
  return hash.digest('hex');
}

/** Whether `target` was built from this hash and its HEAD is still the commit it was built with. */
function isCurrent(target, hash, home) {
  let marker;
  try {
    marker = JSON.parse(fs.readFileSync(path.join(target, '.git', MARKER), 'utf8'));
  } catch {
    return false;
  }
  if (marker.format !== FORMAT || marker.hash !== hash) return false;
  try {
    return gitRunner(target, home)(['rev-parse', 'HEAD']) === marker.head;
  } catch {
    return false;
  }
}

/** Runs git in the demo repository `dir`, and only there; returns trimmed stdout. */
function gitRunner(dir, home) {
  const env = { ...baseEnv(home), GIT_DIR: path.join(dir, '.git'), GIT_WORK_TREE: dir };
  return (args, extra = {}) => {
    try {
      return execFileSync('git', args, { cwd: dir, env: { ...env, ...extra }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    } catch (error) {
      const stderr = error.stderr ? String(error.stderr).trim() : error.message;
      throw new Error(`demo: git ${args[0]} failed in ${dir}: ${stderr}`);
    }
  };
}

/** An environment without the user's git configuration; the process environment is only read. */
function baseEnv(home) {
  const env = {
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
  };
  for (const name of ['PATH', 'SystemRoot', 'SYSTEMROOT', 'PATHEXT', 'TMPDIR', 'TEMP', 'TMP']) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  return env;
}
