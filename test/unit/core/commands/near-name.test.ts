import assert from 'node:assert/strict';
import { nearestName } from '../../../../src/core/commands/near-name';

describe('"did you mean" names', () => {
  it('offers the nearest name by edit distance, within a third of the name', () => {
    assert.equal(nearestName('rolback', ['deploy', 'rollback']), 'rollback');
    assert.equal(nearestName('migrate', ['deploy', 'rollback']), undefined);
    assert.equal(nearestName('deploy', ['deploy', 'deploy2']), undefined);
  });

  it('offers a name made of the same words in another order (deploy-canary for canary-deploy)', () => {
    assert.equal(nearestName('deploy-canary', ['deploy', 'canary-deploy']), 'canary-deploy');
    assert.equal(nearestName('db:migrate:up', ['up:migrate:db', 'db:migrate']), 'up:migrate:db');
    assert.equal(nearestName('deploy-canary', ['canary', 'deploy-blue']), undefined);
  });
});
