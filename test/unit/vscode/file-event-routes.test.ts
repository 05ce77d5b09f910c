import assert from 'node:assert/strict';
import { routesFor } from '../../../src/vscode/file-event-routes';

const doc = { isDocPath: true, isIncidentFile: false };
const other = { isDocPath: false, isIncidentFile: false };
const incident = { isDocPath: true, isIncidentFile: true };

describe('routesFor (who re-indexes, who re-checks)', () => {
  it('re-reads a created, changed or deleted document and tells staleness about creations and deletions', () => {
    assert.deepEqual(routesFor('created', 'runbooks/db.md', doc), ['index.docChanged', 'staleness.created']);
    assert.deepEqual(routesFor('changed', 'runbooks/db.md', doc), ['index.docChanged']);
    assert.deepEqual(routesFor('deleted', 'runbooks/db.md', doc), ['index.docChanged', 'index.pathDeleted', 'staleness.deleted']);
  });

  it('drops the documents under any deleted path, a folder or a renamed file', () => {
    assert.deepEqual(routesFor('deleted', 'runbooks', other), ['index.pathDeleted', 'staleness.deleted']);
  });

  it('leaves the index alone for other files and re-checks staleness on their creation and save only', () => {
    assert.deepEqual(routesFor('created', 'deploy/pool.tf', other), ['staleness.created']);
    assert.deepEqual(routesFor('changed', 'deploy/pool.tf', other), []);
    assert.deepEqual(routesFor('saved', 'deploy/pool.tf', other), ['staleness.saved']);
    assert.deepEqual(routesFor('saved', 'runbooks/db.md', doc), ['staleness.saved']);
  });

  it('works the alert coverage out again when a YAML file is created, changed or deleted, not on a save alone', () => {
    assert.deepEqual(routesFor('created', 'deploy/alerts.yaml', other), ['alerts.rulesChanged', 'staleness.created']);
    assert.deepEqual(routesFor('changed', 'deploy/alerts.yml', other), ['alerts.rulesChanged']);
    assert.deepEqual(routesFor('deleted', 'deploy/alerts.yaml', other), ['index.pathDeleted', 'alerts.rulesChanged', 'staleness.deleted']);
    assert.deepEqual(routesFor('saved', 'deploy/alerts.yaml', other), ['staleness.saved']);
  });

  it('re-reads the staleness rules and the rule severities when the root config file changes on disk', () => {
    assert.deepEqual(routesFor('changed', '.runbooks.yml', other), ['alerts.rulesChanged', 'severities.configChanged', 'staleness.configChanged']);
    assert.deepEqual(routesFor('changed', '.runbooks.yaml', other), ['alerts.rulesChanged', 'severities.configChanged', 'staleness.configChanged']);
    assert.deepEqual(routesFor('created', '.runbooks.yml', other), ['alerts.rulesChanged', 'severities.configChanged', 'staleness.created']);
    assert.deepEqual(routesFor('deleted', '.runbooks.yml', other), ['index.pathDeleted', 'alerts.rulesChanged', 'severities.configChanged', 'staleness.deleted']);
  });

  it('does not take a .runbooks.yml below the root for the config file', () => {
    assert.deepEqual(routesFor('changed', 'sub/.runbooks.yml', other), ['alerts.rulesChanged']);
  });

  it('re-reads the incidents when an incident file changes, besides indexing it as a document', () => {
    assert.deepEqual(routesFor('changed', 'incidents/2026-11-22-db.md', incident), ['index.docChanged', 'incidents.changed']);
    assert.deepEqual(routesFor('created', 'incidents/2026-11-22-db.md', incident), ['index.docChanged', 'incidents.changed', 'staleness.created']);
  });

  it('ignores everything under .git and the folder itself', () => {
    assert.deepEqual(routesFor('changed', '.git/index', other), []);
    assert.deepEqual(routesFor('deleted', 'sub/.git/refs/heads/main', other), []);
    assert.deepEqual(routesFor('deleted', '', other), []);
  });
});
