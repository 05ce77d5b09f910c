import assert from 'node:assert/strict';
import { changedMakeTargets } from '../../../../../src/core/staleness/diffs/make-target-blocks';

const MAKEFILE = [
  '# Build and test',
  'KUBEVIRT_PROVIDER ?= k8s-1.30',
  '',
  'all: build',
  '',
  'build: generate',
  '\tgo build ./...',
  '',
  'cluster-up:',
  '\t./hack/cluster-up.sh',
  '',
  'conformance:',
  '\t./hack/conformance.sh',
  '.PHONY: all build cluster-up conformance',
  '',
].join('\n');

describe('make target blocks (which targets a Makefile change concerns)', () => {
  it('names only the target whose recipe changed', () => {
    assert.deepEqual(changedMakeTargets(MAKEFILE, MAKEFILE.replace('./hack/conformance.sh', 'PLUGIN=$(PLUGIN) ./hack/conformance.sh'), ['cluster-up']), []);
    assert.deepEqual(changedMakeTargets(MAKEFILE, MAKEFILE.replace('./hack/cluster-up.sh', './hack/cluster-up.sh --wait'), ['cluster-up']), ['cluster-up']);
  });

  it('names a target whose prerequisites changed, or that was removed', () => {
    assert.deepEqual(changedMakeTargets(MAKEFILE, MAKEFILE.replace('cluster-up:', 'cluster-up: build'), ['cluster-up']), ['cluster-up']);
    assert.deepEqual(changedMakeTargets(MAKEFILE, MAKEFILE.replace('cluster-up:\n\t./hack/cluster-up.sh\n', ''), ['cluster-up', 'conformance']), ['cluster-up']);
  });

  it('takes the first target for a bare make, and .DEFAULT_GOAL when set', () => {
    assert.deepEqual(changedMakeTargets(MAKEFILE, MAKEFILE.replace('all: build', 'all: build test'), []), ['']);
    assert.deepEqual(changedMakeTargets(MAKEFILE, MAKEFILE.replace('go build ./...', 'go build -v ./...'), []), []);
    const goal = `.DEFAULT_GOAL := build\n${MAKEFILE}`;
    assert.deepEqual(changedMakeTargets(goal, goal.replace('go build ./...', 'go build -v ./...'), []), ['']);
  });

  it('leaves out comments, blank lines and variables outside the rule', () => {
    assert.deepEqual(changedMakeTargets(MAKEFILE, MAKEFILE.replace('cluster-up:\n', 'cluster-up:\n\t# bring the cluster up\n').replace('k8s-1.30', 'k8s-1.31'), ['cluster-up']), []);
  });
});
