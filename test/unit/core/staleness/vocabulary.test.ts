import assert from 'node:assert/strict';
import { removedSections, dataShape, sectionsGone } from '../../../../src/core/staleness/diffs/data-shape';
import { MAX_VOCABULARY_WORDS, vocabularyChange, wordsOf } from '../../../../src/core/staleness/diffs/vocabulary';
import { diffIgnoringWhitespace } from '../../../../src/core/staleness/diffs/text-diff';

/** Issue 18: the words a doc says and a change took out or brought in (found on jaeger, otel and rook samples). */
describe('the words of a change', () => {
  it('leaves out language keywords, bare v-numbers and filler words, keeping names and values', () => {
    assert.deepEqual([...wordsOf('type Config struct { v1 := make(map[string]int); example }').keys()], ['config']);
    assert.deepEqual([...wordsOf('pool_size = 10 for go-grpc-prometheus 1.21').keys()], ['poolsize', '10', 'gogrpcprometheu', '1.21']);
  });

  it('keeps each word with its first spelling, in the order words first appear, however often tokens repeat', () => {
    const text = 'metrics_server metricsServer the metrics-server v1 metrics_server Pools pool_size pools metricsServer pool_size';
    assert.deepEqual([...wordsOf(text)], [['metricsserver', 'metrics_server'], ['pool', 'Pools'], ['poolsize', 'pool_size']]);
  });

  it('does not take a document of a multi-document YAML file going away for a removed top-level section', () => {
    const before = 'kind: ConfigMap\ndata:\n  a: b\n---\nkind: Cluster\nspec:\n  x: 1\n';
    const after = 'kind: Cluster\nspec:\n  x: 1\n';
    assert.deepEqual(removedSections(dataShape(before)!, dataShape(after)!, [before, after]), []);
    assert.deepEqual(removedSections(dataShape('a: 1\nb: 2\n')!, dataShape('a: 1\n')!, ['a: 1\nb: 2\n', 'a: 1\n']), ['b']);
  });

  it('tells a section whose content left the file from one renamed, moved or small', () => {
    const gone = (before: string, after: string) => sectionsGone(removedSections(dataShape(before)!, dataShape(after)!, [before, after]), [dataShape(before)!, dataShape(after)!], [before, after]);
    // Its values left with a quarter of the file's: gone.
    assert.deepEqual(gone('approvers: [ann, bob]\nreviewers: [cat]\n', 'approvers: [ann, bob]\n'), ['reviewers']);
    // A new list of the same shape holds some of them: renamed.
    assert.deepEqual(gone('assignees: [ann, bob, cat]\n', 'approvers: [ann, dan]\n'), []);
    // Most of them now sit under another key: moved.
    assert.deepEqual(gone('owners: [ann, bob]\nreviewers: [cat, dan]\n', 'owners: [ann, bob, cat, dan]\n'), []);
    // One scalar setting in place of another is no rename: the value left with half the file.
    assert.deepEqual(gone('name: site\nanalytics: UA-1\n', 'name: site\ncopyright: me\n'), ['analytics']);
    // A small part of a larger file.
    const nav = Array.from({ length: 8 }, (_, k) => `  - p${k}.md\n`).join('');
    assert.deepEqual(gone(`analytics: [UA-1, auto]\nnav:\n${nav}`, `nav:\n${nav}`), []);
  });

  it('lists the words lost and gained, as first spelt', () => {
    assert.deepEqual(vocabularyChange('import grpcprom "go-grpc-prometheus"\n', 'import prom "providers/prometheus"\n', []), { lost: ['go-grpc-prometheus', 'grpcprom'], gained: ['prom', 'prometheus', 'providers'], copies: [] });
  });
  /** A WORKSPACE of `rpm(` entries, as a generator writes them (kubevirt's regenerated rpm entries). */
  const rpms = (from: number, to: number, extra = '') =>
    [
      'load("@bazeldnf//bazeldnf:defs.bzl", "rpm")',
      extra,
      ...Array.from({ length: to - from }, (_, k) => {
        const n = from + k;
        return `rpm(\n    name = "pkg${n}-0__1.${n}-1.el9.x86_64",\n    sha256 = "${(n * 7919).toString(16).padStart(8, '0')}",\n    urls = ["https://mirror.example/pkg${n}-1.${n}.rpm"],\n)`;
      }),
      '',
    ].join('\n');
  const change = (a: string, b: string) => vocabularyChange(a, b, diffIgnoringWhitespace(a, b).hunks);

  it('keeps the words of a change over the rewrite size when it only adds and removes entries of the shapes the file had (entry churn)', () => {
    const words = change(rpms(0, 50, 'go_version = "1.22"'), rpms(30, 400));
    assert.ok(words, 'entry churn is weighed by its words');
    assert.ok(words.gained.length > MAX_VOCABULARY_WORDS);
    assert.deepEqual([words.lost.includes('go_version'), words.gained.includes('rpm'), words.lost.includes('rpm')], [true, false, false]);
  });

  it('weighs a rewrite with new shapes by its words too (issue 18: what went away), checksums left out, and gives up beyond 20,000 words either way', () => {
    const code = (prefix: string, n: number) => Array.from({ length: n }, (_, k) => `func ${prefix}${k}(a${k} int) error { return call${prefix}${k}(a${k}) }`).join('\n');
    const other = (n: number) => Array.from({ length: n }, (_, k) => `var handler${k} = registry.Lookup(ctx, names[${k}]).With(option${k}, "${(k * 104729).toString(16).padStart(12, '0')}")`).join('\n');
    const words = change(code('old', 20), other(400));
    assert.ok(words, 'a rewrite is weighed by its words');
    assert.deepEqual([words.lost.includes('callold3'), words.gained.includes('handler399'), words.gained.some((w) => /^[0-9a-f]{12}$/.test(w))], [true, true, false]);
    assert.equal(change(code('old', 20), other(20_001)), undefined);
  });
});
