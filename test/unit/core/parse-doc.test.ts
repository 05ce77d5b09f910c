import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { decodeText } from '../../../src/core/decode-text';
import type { DocModel } from '../../../src/core/doc-model';
import { countLines, parseDoc } from '../../../src/core/parse-doc';
import { generateRunbook } from '../support/generated-runbook';
import { plain } from '../support/temp-dir';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'unit');

function fixture(relative: string): string {
  return readFileSync(path.join(FIXTURES, relative), 'utf8');
}

/** The parts of a model that carry line numbers. */
function placed(doc: DocModel) {
  return {
    headings: doc.headings,
    links: doc.links.map((l) => ({ raw: l.raw, line: l.line, column: l.column })),
    codeBlocks: doc.codeBlocks.map((c) => ({ line: c.line, endLine: c.endLine, section: c.section, value: c.value })),
    frontMatterLines: doc.frontMatterLines,
    findings: doc.findings,
    lineCount: doc.lineCount,
  };
}

describe('parseDoc', () => {
  describe('a Prometheus-style runbook (Meaning/Impact/Diagnosis/Mitigation/Escalation)', () => {
    const doc = parseDoc('runbooks/kubernetes/KubePodCrashLooping.md', fixture('prometheus-runbook/KubePodCrashLooping.md'));

    it('reads title, kind and normalised metadata from the front matter', () => {
      assert.equal(doc.title, 'KubePodCrashLooping');
      assert.equal(doc.titleSource, 'front-matter');
      assert.equal(doc.kind, 'runbook');
      assert.equal(doc.kindReason, 'front matter lists alerts');
      assert.deepEqual(doc.frontMatterLines, { start: 1, end: 10 });
      assert.deepEqual(plain(doc.meta), {
        owner: 'team-platform',
        services: ['kubelet', 'api-server'],
        tags: ['kubernetes', 'pods'],
        alerts: ['KubePodCrashLooping'],
        review: { reviewed: '2025-01-02', reviewedField: 'reviewed', interval: '90d' },
      });
      assert.deepEqual(doc.findings, []);
      assert.equal(doc.lineCount, 54);
    });

    it('lists every heading with its slug and the lines its section spans', () => {
      assert.deepEqual(doc.headings, [
        { text: 'KubePodCrashLooping', depth: 1, slug: 'kubepodcrashlooping', line: 12, endLine: 54 },
        { text: 'Meaning', depth: 2, slug: 'meaning', line: 16, endLine: 19 },
        { text: 'Impact', depth: 2, slug: 'impact', line: 20, endLine: 23 },
        { text: 'Diagnosis', depth: 2, slug: 'diagnosis', line: 24, endLine: 41 },
        { text: 'Probe failures', depth: 3, slug: 'probe-failures', line: 38, endLine: 41 },
        { text: 'Mitigation', depth: 2, slug: 'mitigation', line: 42, endLine: 51 },
        { text: 'Escalation', depth: 2, slug: 'escalation', line: 52, endLine: 54 },
      ]);
    });

    it('keeps a console block with `$ ` prompts verbatim, placed under Diagnosis', () => {
      assert.deepEqual(doc.codeBlocks[0], {
        lang: 'console',
        meta: '',
        attributes: {},
        value: '$ kubectl -n $NAMESPACE describe pod $POD\n$ kubectl -n $NAMESPACE logs $POD --previous',
        line: 28,
        endLine: 31,
        section: 3,
      });
    });

    it('places a fenced block inside a list item on its own lines, with its attributes', () => {
      assert.deepEqual(doc.codeBlocks[1], {
        lang: 'sh',
        meta: '{name=rollback confirm timeout=60}',
        attributes: { name: 'rollback', confirm: true, timeout: 60 },
        value: 'kubectl rollout undo deployment/$DEPLOYMENT',
        line: 46,
        endLine: 48,
        section: 5,
      });
      assert.equal(doc.codeBlocks.length, 2);
    });

    it('indexes table rows and code as section text, and leaves HTML comments out', () => {
      assert.deepEqual(doc.sections, [
        { heading: 0, text: '' },
        { heading: 1, text: 'Pod is in CrashLoopBackOff state.' },
        { heading: 2, text: 'Service degradation or unavailability. See the dashboard.' },
        {
          heading: 3,
          text:
            "Check the pod's events and logs:\n" +
            '$ kubectl -n $NAMESPACE describe pod $POD\n$ kubectl -n $NAMESPACE logs $POD --previous\n' +
            'Symptom | Likely cause\nOOMKilled | memory limit\nExit code 1 | configuration',
        },
        { heading: 4, text: 'See the deployment and liveness.' },
        { heading: 5, text: 'Roll back the deployment:\nkubectl rollout undo deployment/$DEPLOYMENT\nScale up when memory bound.' },
        { heading: 6, text: 'Page the platform on-call: https://pagerduty.example.com/escalation.' },
      ]);
    });

    it('records URL, line-range, anchor and autolink targets where they are written', () => {
      assert.deepEqual(doc.links, [
        { raw: 'https://grafana.example.com/d/pods', kind: 'url', text: 'the dashboard', line: 22, column: 44 },
        {
          raw: '../../deploy/pod.yaml#L10-L20',
          kind: 'relative',
          path: '../../deploy/pod.yaml',
          anchor: 'L10-L20',
          lines: { start: 10, end: 20 },
          text: 'the deployment',
          line: 40,
          column: 5,
        },
        { raw: '#mitigation', kind: 'anchor', anchor: 'mitigation', text: 'liveness', line: 40, column: 57 },
        {
          raw: 'https://pagerduty.example.com/escalation',
          kind: 'url',
          text: 'https://pagerduty.example.com/escalation',
          line: 54,
          column: 28,
        },
      ]);
    });
  });

  describe('a Symptoms/Resolution runbook without front matter', () => {
    const doc = parseDoc('docs/disk-full.md', fixture('symptoms-resolution/disk-full.md'));

    it('is a runbook because of its section names, titled by its first H1', () => {
      assert.equal(doc.kind, 'runbook');
      assert.equal(doc.kindReason, 'runbook sections: symptoms, resolution');
      assert.equal(doc.title, 'Disk full on database hosts');
      assert.equal(doc.titleSource, 'heading');
      assert.equal(doc.frontMatter, undefined);
      assert.equal(doc.frontMatterLines, undefined);
    });

    it('files the text under the H1 and the code block under Resolution', () => {
      assert.deepEqual(doc.sections[0], { heading: 0, text: 'Owner: storage team.' });
      assert.deepEqual(doc.codeBlocks, [
        {
          lang: 'bash',
          meta: '',
          attributes: {},
          value: 'sudo logrotate -f /etc/logrotate.conf\ndf -h /var/lib/postgresql',
          line: 14,
          endLine: 17,
          section: 2,
        },
      ]);
    });
  });

  describe('HTML comments', () => {
    it('takes owner and review date from a g3doc freshness comment', () => {
      const doc = parseDoc('runbooks/postgres-failover.md', fixture('g3doc-freshness/postgres-failover.md'));
      assert.deepEqual(plain(doc.meta), {
        owner: 'jdoe',
        services: [],
        tags: [],
        alerts: [],
        review: { reviewed: '2025-01-02', reviewedField: 'freshness comment' },
      });
      assert.equal(doc.title, 'Postgres failover');
      assert.deepEqual(doc.sections[0], { heading: 0, text: '' });
    });

    it('reads Runme JSON attributes on a block nested in a list item', () => {
      const doc = parseDoc('runbooks/postgres-failover.md', fixture('g3doc-freshness/postgres-failover.md'));
      assert.deepEqual(doc.codeBlocks, [
        {
          lang: 'shell',
          meta: '{"name":"check-primary","interactive":"false"}',
          attributes: { name: 'check-primary', interactive: false },
          value: 'pg_isready -h db-primary.internal',
          line: 15,
          endLine: 17,
          section: 2,
        },
      ]);
    });

    it('lets front matter owner and review date win over a freshness comment', () => {
      const text = [
        '---',
        'owner: team-db',
        'last_reviewed: 2024-06-01',
        '---',
        "<!--* freshness: { owner: 'jdoe' reviewed: '2025-01-02' } *-->",
        '# Failover',
      ].join('\n');
      const doc = parseDoc('a.md', text);
      assert.equal(doc.meta.owner, 'team-db');
      assert.deepEqual(doc.meta.review, { reviewed: '2024-06-01', reviewedField: 'last_reviewed' });
    });

    it('ignores an ordinary HTML comment that mentions freshness', () => {
      const doc = parseDoc('a.md', '<!-- freshness: { reviewed: 2025-01-02 } -->\n# A\n');
      assert.deepEqual(doc.meta.review, {});
    });
  });

  describe('titles', () => {
    it('takes the title from front matter first', () => {
      const doc = parseDoc('runbooks/x.md', '---\ntitle: "  From front matter "\n---\n# From heading\n');
      assert.equal(doc.title, 'From front matter');
      assert.equal(doc.titleSource, 'front-matter');
    });

    it('takes the title from the first H1 when front matter has none, even after an H2', () => {
      const doc = parseDoc('runbooks/x.md', '---\nowner: a\n---\n## Intro\n\n# Real title\n\n# Second H1\n');
      assert.equal(doc.title, 'Real title');
      assert.equal(doc.titleSource, 'heading');
    });

    it('drops a "Title:" label typed into the heading or front matter, and the parentheses of "(Title: X)"', () => {
      assert.equal(parseDoc('alerts/x.md', '# Title: Disk full on a database host\n').title, 'Disk full on a database host');
      assert.equal(parseDoc('alerts/template.md', '# (Title: Name of alert)\n').title, 'Name of alert');
      assert.equal(parseDoc('alerts/x.md', '---\ntitle: "title: Kafka lag"\n---\n').title, 'Kafka lag');
      assert.equal(parseDoc('alerts/x.md', '# Subtitle: the real one (draft)\n').title, 'Subtitle: the real one (draft)');
      assert.equal(parseDoc('alerts/x.md', '# Title:\n').title, 'Title:');
    });

    it('ignores a blank front matter title', () => {
      const doc = parseDoc('runbooks/x.md', '---\ntitle: "   "\n---\n# Heading title\n');
      assert.equal(doc.title, 'Heading title');
    });

    it('falls back to the file name without its extension', () => {
      assert.equal(parseDoc('runbooks/disk-full.md', 'Just text.\n').title, 'disk-full');
      assert.equal(parseDoc('notes.markdown', '## Only H2\n').title, 'notes');
      assert.equal(parseDoc('notes.markdown', '## Only H2\n').titleSource, 'file-name');
    });

    it('reads a setext H1 as the title', () => {
      const doc = parseDoc('a.md', 'Setext title\n============\n\nBody.\n');
      assert.equal(doc.title, 'Setext title');
      assert.deepEqual(doc.headings, [{ text: 'Setext title', depth: 1, slug: 'setext-title', line: 1, endLine: 4 }]);
    });

    it('uses the plain text of a heading with inline code, emphasis and links', () => {
      const doc = parseDoc('a.md', '# Restart `api` *safely* via [Argo](https://argo.example)\n');
      assert.equal(doc.title, 'Restart api safely via Argo');
    });
  });

  describe('headings and sections', () => {
    it('ends a section before the next heading of the same or higher level', () => {
      const text = ['# A', '', '## B', 'b', '### C', 'c', '## D', '# E', 'e', ''].join('\n');
      assert.deepEqual(parseDoc('a.md', text).headings, [
        { text: 'A', depth: 1, slug: 'a', line: 1, endLine: 7 },
        { text: 'B', depth: 2, slug: 'b', line: 3, endLine: 6 },
        { text: 'C', depth: 3, slug: 'c', line: 5, endLine: 6 },
        { text: 'D', depth: 2, slug: 'd', line: 7, endLine: 7 },
        { text: 'E', depth: 1, slug: 'e', line: 8, endLine: 9 },
      ]);
    });

    it('makes duplicate slugs unique the way GitHub does', () => {
      const text = '## Diagnosis\n## Diagnosis\n## Diagnosis\n## Step 1: Check `kubectl`!\n## Überprüfung\n';
      assert.deepEqual(
        parseDoc('a.md', text).headings.map((h) => h.slug),
        ['diagnosis', 'diagnosis-1', 'diagnosis-2', 'step-1-check-kubectl', 'überprüfung'],
      );
    });

    it('does not take headings inside block quotes or list items as sections', () => {
      const doc = parseDoc('a.md', '# Top\n\n> ## Quoted\n\n- ## In a list\n');
      assert.deepEqual(doc.headings.map((h) => h.text), ['Top']);
    });

    it('keeps text before the first heading as section -1', () => {
      const doc = parseDoc('a.md', 'Intro words.\n\n# A\n\nBody.\n');
      assert.deepEqual(doc.sections, [
        { heading: -1, text: 'Intro words.' },
        { heading: 0, text: 'Body.' },
      ]);
    });

    it('gives an empty document one line and no headings', () => {
      const doc = parseDoc('empty.md', '');
      assert.equal(doc.lineCount, 1);
      assert.deepEqual(doc.headings, []);
      assert.deepEqual(doc.sections, []);
      assert.equal(doc.title, 'empty');
    });
  });

  describe('links', () => {
    const text = [
      '# Links', // 1
      '', // 2
      '[rel](../deploy/app.yaml) [abs](/deploy/x.yaml) [url](https://x.example/a?b=1#c)', // 3
      '[one](app.py#L10) [range](app.py#L10-L20) [gitlab](app.py#L10-20)', // 4
      'See [the guide][guide] and [again][guide].', // 5
      '', // 6
      '![Architecture](img/arch.png "Arch")', // 7
      '', // 8
      'Visit www.example.com or https://bare.example.com/x.', // 9
      '', // 10
      '[spaces](My%20Runbook.md#Step%202) [angle](<other doc.md>)', // 11
      '', // 12
      '[guide]: ./guide.md#setup "Guide"', // 13
    ].join('\n');
    const links = parseDoc('docs/links.md', text).links;

    it('classifies relative, absolute-path and URL targets', () => {
      assert.deepEqual(links.slice(0, 3), [
        { raw: '../deploy/app.yaml', kind: 'relative', path: '../deploy/app.yaml', text: 'rel', line: 3, column: 1 },
        { raw: '/deploy/x.yaml', kind: 'absolute-path', path: '/deploy/x.yaml', text: 'abs', line: 3, column: 27 },
        { raw: 'https://x.example/a?b=1#c', kind: 'url', anchor: 'c', text: 'url', line: 3, column: 49 },
      ]);
    });

    it('reads #L10, #L10-L20 and #L10-20 as line ranges', () => {
      assert.deepEqual(
        links.slice(3, 6).map((l) => ({ path: l.path, anchor: l.anchor, lines: l.lines })),
        [
          { path: 'app.py', anchor: 'L10', lines: { start: 10, end: 10 } },
          { path: 'app.py', anchor: 'L10-L20', lines: { start: 10, end: 20 } },
          { path: 'app.py', anchor: 'L10-20', lines: { start: 10, end: 20 } },
        ],
      );
    });

    it('records a reference-style target once, on the line of its definition, with the texts of the links using it', () => {
      const guide = links.filter((l) => l.raw === './guide.md#setup');
      assert.deepEqual(guide, [
        { raw: './guide.md#setup', kind: 'relative', path: './guide.md', anchor: 'setup', text: 'guide', line: 13, column: 1, viaReference: true, useTexts: ['the guide', 'again'] },
      ]);
    });

    it('records images with their alt text, and GFM autolink literals as URLs', () => {
      assert.deepEqual(links.slice(6, 9), [
        { raw: 'img/arch.png', kind: 'relative', path: 'img/arch.png', text: 'Architecture', line: 7, column: 1 },
        { raw: 'http://www.example.com', kind: 'url', text: 'www.example.com', line: 9, column: 7 },
        { raw: 'https://bare.example.com/x', kind: 'url', text: 'https://bare.example.com/x', line: 9, column: 26 },
      ]);
    });

    it('decodes percent-encoded paths and anchors, and reads <…> targets with spaces', () => {
      assert.deepEqual(links.slice(9, 11), [
        { raw: 'My%20Runbook.md#Step%202', kind: 'relative', path: 'My Runbook.md', anchor: 'Step 2', text: 'spaces', line: 11, column: 1 },
        { raw: 'other doc.md', kind: 'relative', path: 'other doc.md', text: 'angle', line: 11, column: 36 },
      ]);
      assert.equal(links.length, 12);
    });
  });

  describe('code blocks', () => {
    it('lower-cases the language and keeps an empty one empty', () => {
      const doc = parseDoc('a.md', '```Bash\nls\n```\n\n```\nplain\n```\n');
      assert.deepEqual(
        doc.codeBlocks.map((c) => [c.lang, c.value, c.line, c.endLine, c.section]),
        [
          ['bash', 'ls', 1, 3, -1],
          ['', 'plain', 5, 7, -1],
        ],
      );
    });

    it('reports an unclosed `{` in the info string and keeps no attributes', () => {
      const [block] = parseDoc('a.md', '```sh {name=x timeout=3\necho\n```\n').codeBlocks;
      assert.deepEqual(block!.attributes, {});
      assert.equal(block!.attributeError, 'the `{` of the attributes is not closed');
    });

    it('reads bare flags and quoted values', () => {
      const [block] = parseDoc('a.md', '```sh {name="check db" cwd=\'deploy/prod\' confirm interactive=false}\necho\n```\n').codeBlocks;
      assert.deepEqual(block!.attributes, { name: 'check db', cwd: 'deploy/prod', confirm: true, interactive: false });
      assert.equal(block!.attributeError, undefined);
    });

    it('ends an unclosed fence at the last line of the file', () => {
      const [block] = parseDoc('a.md', '# A\n\n```sh\necho one\necho two\n').codeBlocks;
      assert.deepEqual(
        { line: block!.line, endLine: block!.endLine, value: block!.value, section: block!.section },
        { line: 3, endLine: 5, value: 'echo one\necho two', section: 0 },
      );
    });

    it('places blocks in nested list items under the right heading', () => {
      const text = ['# Run', '## Steps', '', '- Step one', '  - Nested', '', '    ```sh', '    uptime', '    ```', ''].join('\n');
      const doc = parseDoc('a.md', text);
      assert.deepEqual(
        doc.codeBlocks.map((c) => ({ value: c.value, line: c.line, endLine: c.endLine, section: c.section })),
        [{ value: 'uptime', line: 7, endLine: 9, section: 1 }],
      );
    });
  });

  describe('front matter', () => {
    it('reads an empty `---`/`---` block as an empty mapping without findings', () => {
      const doc = parseDoc('a.md', '---\n---\n# A\n');
      assert.deepEqual(doc.frontMatter, {});
      assert.deepEqual(doc.frontMatterLines, { start: 1, end: 2 });
      assert.deepEqual(doc.findings, []);
      assert.equal(doc.title, 'A');
    });

    it('reports a list as front matter on its first line and ignores it', () => {
      const doc = parseDoc('a.md', '---\n- a\n- b\n---\n# A\n');
      assert.equal(doc.frontMatter, undefined);
      assert.deepEqual(doc.findings, [
        {
          ruleId: 'front-matter.not-a-mapping',
          severity: 'error',
          message: 'Front matter must be a YAML mapping of `key: value` lines (e.g. `owner: team-db`); it was ignored.',
          line: 2,
        },
      ]);
    });

    it('points an invalid-YAML finding at the broken line of the file, not line 1', () => {
      const doc = parseDoc('runbooks/postgres-down.md', fixture('broken-front-matter/postgres-down.md'));
      assert.equal(doc.frontMatter, undefined);
      assert.deepEqual(doc.findings, [
        {
          ruleId: 'front-matter.invalid',
          severity: 'error',
          message:
            'Front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]. ' +
            'Fix the YAML between the `---` lines; until then owner, service and alerts of this doc are unknown.',
          line: 4,
          column: 11,
        },
      ]);
      assert.deepEqual(plain(doc.meta), { services: [], tags: [], alerts: [], review: {} });
      assert.equal(doc.title, 'PostgresDown');
      assert.equal(doc.titleSource, 'heading');
    });

    it('points an unclosed quote at the line where the quote opens', () => {
      const doc = parseDoc('a.md', '---\nowner: team-db\ntitle: "Postgres down\nservice: postgres\nteam: db\n---\n# A\n');
      assert.deepEqual(
        doc.findings.map((f) => [f.ruleId, f.line, f.column]),
        [['front-matter.invalid', 3, 8]],
      );
    });

    it('points a tab-indented line at that line', () => {
      const doc = parseDoc('a.md', '---\nowner: team-db\nalerts:\n\t- PostgresDown\n---\n');
      assert.deepEqual(
        doc.findings.map((f) => [f.ruleId, f.line]),
        [['front-matter.invalid', 4]],
      );
    });

    it('points a duplicate key at its second occurrence', () => {
      const doc = parseDoc('a.md', '---\nowner: a\nservice: b\nowner: c\n---\n');
      assert.deepEqual(
        doc.findings.map((f) => [f.ruleId, f.line, f.message]),
        [
          [
            'front-matter.invalid',
            4,
            'Front matter is not valid YAML: Map keys must be unique. Fix the YAML between the `---` lines; until then owner, service and alerts of this doc are unknown.',
          ],
        ],
      );
    });

    it('reports a field of the wrong type on its key line and keeps the rest', () => {
      const doc = parseDoc('runbooks/a.md', '---\nowner: team-db\nalerts: 3\n---\n# A\n');
      assert.deepEqual(doc.frontMatter, { owner: 'team-db', alerts: 3 });
      assert.equal(doc.meta.owner, 'team-db');
      assert.deepEqual(doc.meta.alerts, []);
      assert.deepEqual(doc.findings, [
        {
          ruleId: 'front-matter.field-type',
          severity: 'warning',
          message: 'Front matter `alerts` should be a list of alert names; it was ignored.',
          line: 3,
        },
      ]);
    });

    it('does not take a thematic break later in the file for front matter', () => {
      const doc = parseDoc('a.md', '# A\n\n---\nowner: x\n---\n');
      assert.equal(doc.frontMatter, undefined);
      assert.equal(doc.meta.owner, undefined);
    });
  });

  describe('line endings and encodings', () => {
    it('gives a CRLF file the same headings, links, code blocks and findings as its LF version', () => {
      const lf = fixture('prometheus-runbook/KubePodCrashLooping.md');
      assert.ok(!lf.includes('\r'));
      const crlf = lf.replace(/\n/g, '\r\n');
      const a = parseDoc('runbooks/a.md', lf);
      const b = parseDoc('runbooks/a.md', crlf);
      assert.deepEqual(placed(b), placed(a));
      assert.deepEqual(b.meta, a.meta);
    });

    it('puts a CRLF front matter finding on the same line as the LF one', () => {
      const lf = fixture('broken-front-matter/postgres-down.md');
      const crlf = lf.replace(/\n/g, '\r\n');
      assert.deepEqual(parseDoc('a.md', crlf).findings, parseDoc('a.md', lf).findings);
    });

    it('still parses a file with invalid UTF-8, with the finding on the line of the bad byte', () => {
      const bytes = Buffer.concat([
        Buffer.from('# Café runbook\n\nline three\ncaf'),
        Buffer.from([0xe9]),
        Buffer.from(' au lait\n\n## Diagnosis\n'),
      ]);
      const decoded = decodeText(bytes);
      const doc = parseDoc('runbooks/cafe.md', decoded.text, decoded.findings);
      assert.deepEqual(doc.findings.map((f) => [f.ruleId, f.severity, f.line]), [['doc.invalid-encoding', 'warning', 4]]);
      assert.deepEqual(doc.headings.map((h) => [h.text, h.line]), [
        ['Café runbook', 1],
        ['Diagnosis', 6],
      ]);
      assert.equal(doc.sections[0]!.text, 'line three\ncaf\uFFFD au lait');
    });

    it('counts lines as an editor does for LF, CRLF, CR and a missing final newline', () => {
      assert.deepEqual(
        ['', 'a', 'a\n', 'a\nb', 'a\r\nb\r\n', 'a\rb\r', 'a\n\n'].map(countLines),
        [1, 1, 1, 2, 2, 2, 2],
      );
    });
  });

  describe('a 5 MB generated file', () => {
    it('parses and counts every heading and block', () => {
      const { text, steps } = generateRunbook(5 * 1024 * 1024);
      assert.ok(text.length >= 5 * 1024 * 1024);
      const doc = parseDoc('runbooks/generated.md', text);
      assert.equal(doc.headings.length, steps + 1);
      assert.equal(doc.codeBlocks.length, steps);
      assert.equal(doc.title, 'Generated runbook');
      assert.equal(doc.headings.at(-1)!.text, `Step ${steps - 1}`);
      assert.equal(doc.headings.at(-1)!.endLine, doc.lineCount);
      assert.equal(doc.codeBlocks.at(-1)!.section, steps);
    });
  });
});
