import assert from 'node:assert/strict';
import { parseDoc } from '../../../src/core/parse-doc';
import { docDescription, effectiveGrouping, isTemplatePath, treeSections } from '../../../src/core/tree-sections';

const runbook = (path: string, title: string, service?: string) =>
  parseDoc(path, `${service ? `---\nservice: ${service}\n---\n` : ''}# ${title}\n\n## Meaning\n\n## Mitigation\n`);
const other = (path: string, title: string) => parseDoc(path, `# ${title}\n\nSome text.\n`);

describe('the tree sections', () => {
  it('groups by folder when no runbook declares a service, and says so', () => {
    const docs = [runbook('docs/payments/high-latency.md', 'High latency'), runbook('ops/disk-full.md', 'Disk full')];
    assert.deepEqual(effectiveGrouping('auto', docs), { groupBy: 'folder', note: 'by folder: no runbook declares a service' });
  });

  it('groups by service when some runbook declares one', () => {
    const docs = [runbook('a.md', 'A', 'payments'), runbook('b.md', 'B')];
    assert.deepEqual(effectiveGrouping('auto', docs), { groupBy: 'service' });
  });

  it('does not let a README that names a service decide the grouping', () => {
    const readme = parseDoc('README.md', '---\nservice: web\n---\n# Read me\n\nHello.\n');
    assert.equal(readme.kind, 'other');
    assert.deepEqual(effectiveGrouping('auto', [readme, runbook('ops/x.md', 'X')]), { groupBy: 'folder', note: 'by folder: no runbook declares a service' });
  });

  it('keeps a fixed choice as it is', () => {
    assert.deepEqual(effectiveGrouping('tag', [runbook('a.md', 'A')]), { groupBy: 'tag' });
  });

  it('knows templates by name and folder', () => {
    const templates = ['runbooks/template.md', 'runbooks/TEMPLATE-alert.md', 'docs/example-runbook.md', 'docs/_index.md', 'site/archetypes/runbook.md', 'docs/templates/alert.md', '_layouts/default.md', 'runbooks/examples.md'];
    const runbooks = ['runbooks/database-template-lock.md', 'docs/payments/high-latency.md', 'runbooks/attempt.md', 'docs/counter-example.md'];
    assert.deepEqual(templates.filter(isTemplatePath), templates);
    assert.deepEqual(runbooks.filter(isTemplatePath), []);
  });

  it('lists runbooks in their groups, then Templates, then Docs', () => {
    const docs = [
      runbook('docs/payments/high-latency.md', 'High latency'),
      runbook('docs/payments/template.md', '(Title: Name of alert)'),
      other('CONTRIBUTING.md', 'Contributing'),
      runbook('ops/disk-full.md', 'Disk full'),
      other('docs/guide.md', 'A guide'),
    ];
    const sections = treeSections(docs, 'folder', (d) => d, true);
    assert.deepEqual(
      sections.map((s) => [s.label, s.special ?? null, s.items.map((d) => d.title)]),
      [
        ['docs/payments', null, ['High latency']],
        ['ops', null, ['Disk full']],
        ['Templates', 'templates', ['Name of alert']],
        ['Docs', 'docs', ['A guide', 'Contributing']],
      ],
    );
  });

  it('leaves the Docs group out when other docs are not wanted, and empty special groups always', () => {
    const docs = [runbook('ops/disk-full.md', 'Disk full'), other('README.md', 'Read me')];
    assert.deepEqual(treeSections(docs, 'folder', (d) => d, false).map((s) => s.label), ['ops']);
    assert.deepEqual(treeSections([docs[0]!], 'folder', (d) => d, true).map((s) => s.label), ['ops']);
  });

  it('describes an ownerless doc in a folder group by its file name, not the path the group already shows', () => {
    const ops = runbook('docs/payments/latency-runbook.md', 'High latency');
    const spelled = runbook('ops/disk-full.md', 'Disk full');
    const owned = parseDoc('ops/db.md', '---\nowner: team-db\nservice: db\n---\n# Db down\n');
    assert.deepEqual(
      [docDescription(ops, undefined, true), docDescription(spelled, undefined, true), docDescription(ops, undefined, false), docDescription(ops, '1 broken link', true), docDescription(owned, 'stale', true)],
      ['latency-runbook.md', '', 'docs/payments/latency-runbook.md', '1 broken link', 'stale \u00b7 team-db \u00b7 db'],
    );
  });
});
