/**
 * A seeded generator of hostile markdown: files built to overflow the parser's stack, blow up its
 * memory or time, break the YAML reader, or carry bytes and characters that forge terminal output.
 * Each file says what the index must report for it (`expect`): a finding rule id, or none for the
 * benign controls mixed in. Used by test/unit/core/hostile-corpus.test.ts and by
 * `node --import tsx bench/hostile-markdown.ts [count] [seed]`, which prints timings.
 */
import { prng } from './generate-corpus';

export interface HostileFile {
  path: string;
  kind: string;
  bytes: Uint8Array;
  /** The rule id the file must have among its findings; undefined: it must parse with no doc.unparseable. */
  expect: string | undefined;
}

type Maker = (rand: () => number, int: (lo: number, hi: number) => number) => { text: string | Uint8Array; expect: string | undefined };

const ESC = '\x1b';

const MAKERS: Record<string, Maker> = {
  deepQuote: (_r, int) => ({ text: `${'>'.repeat(int(33, 6000))} x\n`, expect: 'doc.unparseable' }),
  spacedQuotes: (_r, int) => ({ text: Array.from({ length: int(50, 400) }, (_, i) => `${'> '.repeat(i)}q`).join('\n'), expect: 'doc.unparseable' }),
  deepList: (_r, int) => ({ text: Array.from({ length: int(40, 300) }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n'), expect: 'doc.unparseable' }),
  manyHeadings: (_r, int) => ({ text: '# h\n'.repeat(int(10_001, 300_000)), expect: 'doc.unparseable' }),
  manyItems: (_r, int) => ({ text: `${['- ', '* ', '1. '][int(0, 2)]}x\n`.repeat(int(25_001, 250_000)), expect: 'doc.unparseable' }),
  manyLines: (_r, int) => ({ text: 'word\n'.repeat(int(250_001, 400_000)), expect: 'doc.unparseable' }),
  bracketBomb: (_r, int) => {
    const n = int(5_001, 60_000);
    return { text: `${'['.repeat(n)}${int(0, 1) ? ']'.repeat(n) : ''}\n`, expect: 'doc.unparseable' };
  },
  linkOpeners: (_r, int) => ({ text: '[a](\n'.repeat(int(5_001, 40_000)), expect: 'doc.unparseable' }),
  emphasisBomb: (r, int) => ({ text: Array.from({ length: int(2_000, 20_000) }, () => ['*a ', '_b ', '**c ', '[d ', '`e '][Math.floor(r() * 5)]).join(''), expect: 'doc.unparseable' }),
  longLine: (_r, int) => ({ text: `# T\n\n${'x'.repeat(int(100_001, 400_000))}\n`, expect: 'doc.unparseable' }),
  aliasBomb: (_r, int) => {
    const levels = int(4, 7);
    const lines = ['a0: &a0 [x,x,x,x,x,x,x,x,x]'];
    for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]`);
    return { text: `---\n${lines.join('\n')}\n---\n# Bomb\n`, expect: 'front-matter.invalid' };
  },
  undefinedAlias: (_r, int) => ({ text: `---\nowner: team\n${['alerts', 'services', 'tags', 'owner2'][int(0, 3)]}: *a${int(0, 99)}\n---\n# Alias\n`, expect: 'front-matter.invalid' }),
  brokenYaml: (_r, int) => ({ text: `---\nowner: [team\nservice: "x\n${':'.repeat(int(1, 5))}\n---\n# Broken\n`, expect: 'front-matter.invalid' }),
  yamlNesting: (_r, int) => {
    const n = int(2_000, 30_000);
    return { text: `---\na: ${'['.repeat(n)}${']'.repeat(n)}\n---\n# Nested\n`, expect: 'front-matter.invalid|doc.unparseable' };
  },
  invalidUtf8: (_r, int) => ({ text: Buffer.concat([Buffer.from('# Title\n\n'), Buffer.from([0xff, 0xfe, 0xc3, 0x28].slice(int(0, 2))), Buffer.from('\nbody\n')]), expect: 'doc.invalid-encoding' }),
  utf16NoBom: (_r, int) => ({ text: Buffer.from(`# Runbook ${int(1, 999)}\n\nCheck the queue depth before restarting.\n`.repeat(int(1, 20)), 'utf16le'), expect: 'doc.invalid-encoding' }),
  // Benign controls: odd but valid; they must parse without doc.unparseable.
  terminalEscapes: (_r, int) => ({ text: `# Title ${ESC}]0;pwned\x07 ${ESC}[2J\n\n## Step ${int(1, 9)} ${ESC}]52;c;Zm9v\x07\n\ntext\n`, expect: undefined }),
  normalRunbook: (r, int) => ({
    text: `---\nowner: team-${int(1, 9)}\n---\n# Runbook\n\n${Array.from({ length: int(1, 40) }, (_, i) => `## Step ${i}\n\n- check [link](../x${i}.md) *now*\n\n\`\`\`sh\necho ${r()}\n\`\`\`\n`).join('\n')}`,
    expect: undefined,
  }),
  codeHeavy: (_r, int) => ({ text: `# Logs\n\n\`\`\`\n${'* [x] _y_ > z\n'.repeat(int(1_000, 30_000))}\`\`\`\n`, expect: undefined }),
};

/** The kinds of file, in the order the generator cycles through them. */
export const HOSTILE_KINDS = Object.keys(MAKERS);

/** `count` hostile files from `seed`: every kind in turn, sizes and details drawn at random. */
export function generateHostileMarkdown(count: number, seed = 1): HostileFile[] {
  const rand = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const files: HostileFile[] = [];
  for (let i = 0; i < count; i++) {
    const kind = HOSTILE_KINDS[i % HOSTILE_KINDS.length]!;
    const { text, expect } = MAKERS[kind]!(rand, int);
    files.push({ path: `hostile/${String(i).padStart(4, '0')}-${kind}.md`, kind, bytes: typeof text === 'string' ? Buffer.from(text, 'utf8') : text, expect });
  }
  return files;
}

if (require.main === module) {
  void (async () => {
    const { parseBytes } = await import('../src/core/parse-bytes');
    const { DEFAULT_PARSE_BUDGET } = await import('../src/node/worker-pool-parser');
    const os = await import('node:os');
    const count = Number(process.argv[2] ?? 300);
    const seed = Number(process.argv[3] ?? 1);
    const files = generateHostileMarkdown(count, seed);
    const perKind = new Map<string, { n: number; worst: number; bad: number; over: number }>();
    console.log(`load average before ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}`);
    let total = 0;
    for (const file of files) {
      const started = performance.now();
      const doc = parseBytes(file.path, file.bytes);
      const ms = performance.now() - started;
      total += ms;
      const ids = doc.findings.map((f) => f.ruleId);
      const ok = file.expect ? file.expect.split('|').some((id) => ids.includes(id)) : !ids.includes('doc.unparseable');
      const row = perKind.get(file.kind) ?? { n: 0, worst: 0, bad: 0, over: 0 };
      // The parse budget the index gives this file (see DEFAULT_PARSE_BUDGET; the workers are stopped past it).
      if (ms > DEFAULT_PARSE_BUDGET.baseMs + (DEFAULT_PARSE_BUDGET.perMegabyteMs * file.bytes.length) / (1024 * 1024)) row.over++;
      row.n++;
      row.worst = Math.max(row.worst, ms);
      if (!ok) row.bad++;
      perKind.set(file.kind, row);
    }
    for (const [kind, row] of perKind) console.log(`${kind.padEnd(16)} ${String(row.n).padStart(4)} files  worst ${row.worst.toFixed(0).padStart(6)} ms  over budget ${row.over}  wrong ${row.bad}`);
    const rows = [...perKind.values()];
    console.log(`${files.length} files (seed ${seed}): ${total.toFixed(0)} ms in all; over budget ${rows.reduce((a, r) => a + r.over, 0)}; wrong ${rows.reduce((a, r) => a + r.bad, 0)}; load average after ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}`);
  })();
}
