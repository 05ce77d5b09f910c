import assert from 'node:assert/strict';
import { removedSections, dataShape } from '../../../../src/core/staleness/diffs/data-shape';
import { vocabularyChange, wordsOf } from '../../../../src/core/staleness/diffs/vocabulary';

/** Issue 18: the words a doc says and a change took out or brought in (found on jaeger, otel and rook samples). */
describe('the words of a change', () => {
  it('leaves out language keywords, bare v-numbers and filler words, keeping names and values', () => {
    assert.deepEqual([...wordsOf('type Config struct { v1 := make(map[string]int); example }').keys()], ['config']);
    assert.deepEqual([...wordsOf('pool_size = 10 for go-grpc-prometheus 1.21').keys()], ['poolsize', '10', 'gogrpcprometheu', '1.21']);
  });

  it('does not take a document of a multi-document YAML file going away for a removed top-level section', () => {
    const before = 'kind: ConfigMap\ndata:\n  a: b\n---\nkind: Cluster\nspec:\n  x: 1\n';
    const after = 'kind: Cluster\nspec:\n  x: 1\n';
    assert.deepEqual(removedSections(dataShape(before)!, dataShape(after)!, [before, after]), []);
    assert.deepEqual(removedSections(dataShape('a: 1\nb: 2\n')!, dataShape('a: 1\n')!, ['a: 1\nb: 2\n', 'a: 1\n']), ['b']);
  });

  it('lists the words lost and gained, as first spelt', () => {
    assert.deepEqual(vocabularyChange('import grpcprom "go-grpc-prometheus"\n', 'import prom "providers/prometheus"\n', []), { lost: ['go-grpc-prometheus', 'grpcprom'], gained: ['prom', 'prometheus', 'providers'], copies: [] });
  });
});
