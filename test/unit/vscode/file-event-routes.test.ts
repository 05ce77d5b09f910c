import assert from 'node:assert/strict';
import { routesFor } from '../../../src/vscode/file-event-routes';

const doc = { isDocPath: true, isIncidentFile: false };
const other = { isDocPath: false, isIncidentFile: false };
const incident = { isDocPath: true, isIncidentFile: true };

describe('routesFor (who re-indexes, who re-checks)', () => {
  it('re-reads a created, changed or deleted document and tells staleness about creations and deletions', () => {
    assert.deepEqual(routesFor('created', 'runbooks/db.md', doc), ['index.docChanged', 'staleness.created', 'staleness.touched']);
    assert.deepEqual(routesFor('changed', 'runbooks/db.md', doc), ['index.docChanged', 'staleness.touched']);
    assert.deepEqual(routesFor('deleted', 'runbooks/db.md', doc), ['index.docChanged', 'index.pathDeleted', 'staleness.deleted', 'staleness.touched']);
  });

  it('drops the documents under any deleted path, a folder or a renamed file', () => {
    assert.deepEqual(routesFor('deleted', 'runbooks', other), ['index.pathDeleted', 'staleness.deleted', 'staleness.touched']);
  });

  it('leaves the index alone for other files and re-checks staleness on their creation and save only', () => {
    assert.deepEqual(routesFor('created', 'deploy/pool.tf', other), ['staleness.created', 'staleness.touched']);
    assert.deepEqual(routesFor('changed', 'deploy/pool.tf', other), ['staleness.touched']);
    assert.deepEqual(routesFor('saved', 'deploy/pool.tf', other), ['staleness.saved', 'staleness.touched']);
    assert.deepEqual(routesFor('saved', 'runbooks/db.md', doc), ['staleness.saved', 'staleness.touched']);
  });

  it('works the alert coverage out again when a YAML file is created, changed or deleted, not on a save alone', () => {
    assert.deepEqual(routesFor('created', 'deploy/alerts.yaml', other), ['alerts.rulesChanged', 'staleness.created', 'staleness.touched']);
    assert.deepEqual(routesFor('changed', 'deploy/alerts.yml', other), ['alerts.rulesChanged', 'staleness.touched']);
    assert.deepEqual(routesFor('deleted', 'deploy/alerts.yaml', other), ['index.pathDeleted', 'alerts.rulesChanged', 'staleness.deleted', 'staleness.touched']);
    assert.deepEqual(routesFor('saved', 'deploy/alerts.yaml', other), ['staleness.saved', 'staleness.touched']);
  });

  it('re-reads the staleness rules and the rule severities when the root config file changes on disk', () => {
    assert.deepEqual(routesFor('changed', '.runbooks.yml', other), ['alerts.rulesChanged', 'severities.configChanged', 'staleness.configChanged', 'staleness.touched']);
    assert.deepEqual(routesFor('changed', '.runbooks.yaml', other), ['alerts.rulesChanged', 'severities.configChanged', 'staleness.configChanged', 'staleness.touched']);
    assert.deepEqual(routesFor('created', '.runbooks.yml', other), ['alerts.rulesChanged', 'severities.configChanged', 'staleness.created', 'staleness.touched']);
    assert.deepEqual(routesFor('deleted', '.runbooks.yml', other), ['index.pathDeleted', 'alerts.rulesChanged', 'severities.configChanged', 'staleness.deleted', 'staleness.touched']);
  });

  it('does not take a .runbooks.yml below the root for the config file', () => {
    assert.deepEqual(routesFor('changed', 'sub/.runbooks.yml', other), ['alerts.rulesChanged', 'staleness.touched']);
  });

  it('re-reads the incidents when an incident file changes, besides indexing it as a document', () => {
    assert.deepEqual(routesFor('changed', 'incidents/2026-11-22-db.md', incident), ['index.docChanged', 'incidents.changed', 'staleness.touched']);
    assert.deepEqual(routesFor('created', 'incidents/2026-11-22-db.md', incident), ['index.docChanged', 'incidents.changed', 'staleness.created', 'staleness.touched']);
  });

  it('notes every path outside .git for the next re-check, whatever happened to it', () => {
    for (const kind of ['created', 'changed', 'deleted', 'saved'] as const) assert.equal(routesFor(kind, 'src/app.go', other).at(-1), 'staleness.touched');
  });

  it('ignores everything under .git and the folder itself', () => {
    assert.deepEqual(routesFor('changed', '.git/index', other), []);
    assert.deepEqual(routesFor('deleted', 'sub/.git/refs/heads/main', other), []);
    assert.deepEqual(routesFor('deleted', '', other), []);
  });
});
