import assert from 'node:assert/strict';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, DocFilter } from '../../../src/core/doc-filter';

const defaults = () => new DocFilter({ include: DEFAULT_INCLUDE, exclude: DEFAULT_EXCLUDE, useGitignore: true });

describe('DocFilter', () => {
  describe('defaults', () => {
    it('admits .md and .markdown files anywhere, including dot folders', () => {
      const filter = defaults();
      assert.deepEqual(
        ['README.md', 'docs/runbooks/db.md', 'notes.markdown', '.github/CONTRIBUTING.md', 'a.txt', 'a.mdx', 'README'].map((p) => filter.admitsFile(p)),
        [true, true, true, true, false, false, false],
      );
    });

    it('excludes node_modules, vendor, dist and .git at any depth', () => {
      const filter = defaults();
      assert.deepEqual(
        [
          'node_modules/pkg/README.md',
          'services/api/node_modules/pkg/README.md',
          'vendor/github.com/x/README.md',
          'dist/README.md',
          '.git/README.md',
          'web/dist/CHANGELOG.md',
        ].map((p) => filter.admitsFile(p)),
        [false, false, false, false, false, false],
      );
    });

    it('refuses excluded folders so a walker need not enter them', () => {
      const filter = defaults();
      assert.deepEqual(
        ['', 'docs', 'node_modules', 'services/api/node_modules', 'vendor', 'dist', '.git', 'third_party', 'distribution'].map((d) => filter.admitsDir(d)),
        [true, true, false, false, false, false, false, false, true],
      );
    });

    it('uses the defaults when given an empty include list', () => {
      const filter = new DocFilter({ include: [], exclude: [], useGitignore: false });
      assert.equal(filter.admitsFile('docs/a.md'), true);
      assert.equal(filter.admitsFile('node_modules/a.md'), true);
    });
  });

  describe('custom globs', () => {
    const filter = new DocFilter({ include: ['runbooks/**/*.md', 'docs/adr/*.md'], exclude: ['**/drafts/**', '**/_*.md'], useGitignore: false });

    it('admits only included files', () => {
      assert.deepEqual(
        ['runbooks/db/down.md', 'docs/adr/0001-x.md', 'docs/adr/old/0001-x.md', 'docs/other.md', 'README.md'].map((p) => filter.admitsFile(p)),
        [true, true, false, false, false],
      );
    });

    it('drops excluded files and folders', () => {
      assert.equal(filter.admitsFile('runbooks/drafts/new.md'), false);
      assert.equal(filter.admitsFile('runbooks/_template.md'), false);
      assert.equal(filter.admitsDir('runbooks/drafts'), false);
      assert.equal(filter.admitsDir('runbooks/db'), true);
    });

    it('replaces the default excludes rather than adding to them', () => {
      assert.equal(filter.admitsFile('runbooks/node_modules/x.md'), true);
    });
  });

  describe('.gitignore', () => {
    it('ignores what the root .gitignore lists, files and folders', () => {
      const filter = defaults();
      filter.addIgnoreFile('', '# generated\ngenerated/\n*.tmp.md\n/TODO.md\n');
      assert.deepEqual(
        ['generated/report.md', 'docs/x.tmp.md', 'TODO.md', 'docs/TODO.md', 'docs/a.md'].map((p) => filter.admitsFile(p)),
        [false, false, false, true, true],
      );
      assert.equal(filter.admitsDir('generated'), false);
      assert.equal(filter.admitsDir('docs/generated'), false);
    });

    it('applies a nested .gitignore only below its folder, relative to it', () => {
      const filter = defaults();
      filter.addIgnoreFile('services/api', 'internal/\n/NOTES.md\n');
      assert.deepEqual(
        ['services/api/internal/a.md', 'services/api/NOTES.md', 'services/api/docs/NOTES.md', 'internal/a.md', 'NOTES.md', 'services/apix/NOTES.md'].map(
          (p) => filter.admitsFile(p),
        ),
        [false, false, true, true, true, true],
      );
      assert.equal(filter.admitsDir('services/api/internal'), false);
      assert.equal(filter.admitsDir('services/api'), true);
    });

    it('lets a nested .gitignore re-include what a parent ignores, as git does', () => {
      const filter = defaults();
      filter.addIgnoreFile('', '*.draft.md\n');
      filter.addIgnoreFile('docs', '!published.draft.md\n');
      assert.deepEqual(
        ['docs/published.draft.md', 'docs/other.draft.md', 'published.draft.md'].map((p) => filter.admitsFile(p)),
        [true, false, false],
      );
    });

    it('honours negation within one file', () => {
      const filter = defaults();
      filter.addIgnoreFile('', '*.md\n!README.md\n');
      assert.deepEqual(['a.md', 'README.md', 'docs/README.md'].map((p) => filter.admitsFile(p)), [false, true, true]);
    });

    it('ignores .gitignore files when useGitignore is false', () => {
      const filter = new DocFilter({ include: DEFAULT_INCLUDE, exclude: DEFAULT_EXCLUDE, useGitignore: false });
      filter.addIgnoreFile('', 'generated/\n');
      assert.equal(filter.admitsFile('generated/report.md'), true);
      assert.equal(filter.admitsDir('generated'), true);
    });
  });
});
