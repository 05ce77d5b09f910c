import assert from 'node:assert/strict';
import { commit, evidence, lines, MAY_1, target, verdict } from './evidence';

const POOL = commit('a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', '2024-06-02T09:00:00Z', 'raise pool size');
const TIMEOUT = commit('0badcafe00000000000000000000000000000000', '2024-05-20T09:00:00Z', 'lower the timeout');

describe('rule stale.linked-code-changed', () => {
  it('names the linked file, the commits, the line counts and the latest commit, and makes the runbook stale', () => {
    const doc = evidence({ changes: [{ target: target('deploy/db.yaml', 12), commits: [POOL, TIMEOUT], added: 12, deleted: 3, files: 1 }] });
    assert.deepEqual(lines(doc), [
      'runbooks/db.md:12:3 warning Linked file `deploy/db.yaml` changed in 2 commits (+12/\u22123 lines) since this runbook was last changed on 2024-05-01 — latest: a1b2c3d "raise pool size". Check this runbook against the change, then update it or mark it reviewed. [stale.linked-code-changed]',
    ]);
    const v = verdict(doc);
    assert.equal(v.level, 'stale');
    assert.equal(v.score, 2.15);
    assert.deepEqual([v.reasons[0]!.added, v.reasons[0]!.deleted, v.reasons[0]!.commits], [12, 3, [POOL, TIMEOUT]]);
  });

  it('counts the files of a folder and adds uncommitted changes after the commits', () => {
    const doc = evidence({
      changes: [{ target: target('deploy', 4, { kind: 'directory' }), commits: [POOL], added: 2, deleted: 0, files: 3, uncommitted: { added: 1, deleted: 1, files: 1 } }],
    });
    assert.deepEqual(lines(doc), [
      'runbooks/db.md:4:3 warning Linked folder `deploy/` changed (3 files) in 1 commit (+2/\u22120 lines) and has uncommitted changes (+1/\u22121 lines) since this runbook was last changed on 2024-05-01 — latest: a1b2c3d "raise pool size". Check this runbook against the change, then update it or mark it reviewed. [stale.linked-code-changed]',
    ]);
    assert.equal(verdict(doc).score, 2.04);
    assert.deepEqual([verdict(doc).reasons[0]!.added, verdict(doc).reasons[0]!.deleted], [3, 1]);
  });

  it('gives the sizes of files too large to diff instead of "+0/−0 lines", alone or next to the lines of the others (#21)', () => {
    const doc = evidence({
      changes: [
        { target: target('data/dump.bin', 3), commits: [POOL], added: 0, deleted: 0, files: 1, tooLarge: { files: 1, before: 48_000_000, after: 50_100_000 } },
        { target: target('gen', 5, { kind: 'directory' }), commits: [POOL], added: 3, deleted: 1, files: 3, tooLarge: { files: 2, before: 5_200_000, after: 999 } },
        { target: target('big', 7, { kind: 'directory' }), commits: [POOL], added: 0, deleted: 0, files: 2, tooLarge: { files: 2, before: 1_999_950_000, after: 0 } },
      ],
    });
    assert.deepEqual(lines(doc), [
      'runbooks/db.md:3:3 warning Linked file `data/dump.bin` changed in 1 commit (too large to diff: 48.0 MB \u2192 50.1 MB) since this runbook was last changed on 2024-05-01 — latest: a1b2c3d "raise pool size". Check this runbook against the change, then update it or mark it reviewed. [stale.linked-code-changed]',
      'runbooks/db.md:5:3 warning Linked folder `gen/` changed (3 files) in 1 commit (+3/\u22121 lines; 2 files too large to diff: 5.2 MB \u2192 999 B) since this runbook was last changed on 2024-05-01 — latest: a1b2c3d "raise pool size". Check this runbook against the change, then update it or mark it reviewed. [stale.linked-code-changed]',
      'runbooks/db.md:7:3 warning Linked folder `big/` changed (2 files) in 1 commit (2 files too large to diff: 2.0 GB \u2192 0 B) since this runbook was last changed on 2024-05-01 — latest: a1b2c3d "raise pool size". Check this runbook against the change, then update it or mark it reviewed. [stale.linked-code-changed]',
    ]);
    assert.deepEqual(verdict(doc).reasons.map((r) => r.tooLarge), [{ before: 48_000_000, after: 50_100_000 }, { before: 5_200_000, after: 999 }, { before: 1_999_950_000, after: 0 }]);
  });

  it('says which files of a change are binary or unreadable instead of counting them as "+0/−0 lines"', () => {
    const doc = evidence({
      changes: [
        { target: target('media', 3, { kind: 'directory' }), commits: [POOL], added: 3, deleted: 1, files: 4, opaque: { binary: 2, unreadable: 1 } },
        { target: target('vendor/lib', 5, { kind: 'directory' }), commits: [POOL], added: 0, deleted: 0, files: 2, opaque: { binary: 0, unreadable: 2 } },
      ],
    });
    assert.deepEqual(lines(doc), [
      'runbooks/db.md:3:3 warning Linked folder `media/` changed (4 files) in 1 commit (+3/\u22121 lines; 2 binary files, not compared line by line; 1 file not readable from git: a submodule, or an object missing from this clone) since this runbook was last changed on 2024-05-01 — latest: a1b2c3d "raise pool size". Check this runbook against the change, then update it or mark it reviewed. [stale.linked-code-changed]',
      'runbooks/db.md:5:3 warning Linked folder `vendor/lib/` changed (2 files) in 1 commit (2 files not readable from git: a submodule, or an object missing from this clone) since this runbook was last changed on 2024-05-01 — latest: a1b2c3d "raise pool size". Check this runbook against the change, then update it or mark it reviewed. [stale.linked-code-changed]',
    ]);
  });

  it('says how a doc came to depend on the target: watches, code span, alert rule', () => {
    const doc = evidence({
      kind: 'architecture',
      reference: { time: MAY_1, source: 'review', reviewed: '2024-05-01' },
      changes: [
        { target: target('src/*.go', 1, { kind: 'glob', via: 'watches', column: undefined }), commits: [POOL], added: 1, deleted: 0, files: 2 },
        { target: target('bin/run.sh', 9, { via: 'code-span' }), commits: [POOL], added: 1, deleted: 0, files: 1 },
        { target: target('alerts/db.yaml', 1, { via: 'alert-rule', column: undefined }), commits: [TIMEOUT], added: 0, deleted: 4, files: 1 },
      ],
    });
    assert.deepEqual(lines(doc), [
      'runbooks/db.md:1:1 warning Watched files `src/*.go` changed (2 files) in 1 commit (+1/\u22120 lines) since this doc was last reviewed on 2024-05-01 — latest: a1b2c3d "raise pool size". Check this doc against the change, then update it or mark it reviewed. [stale.linked-code-changed]',
      'runbooks/db.md:1:1 warning Alert rule file `alerts/db.yaml` (its `runbook_url` points here) changed in 1 commit (+0/\u22124 lines) since this doc was last reviewed on 2024-05-01 — latest: 0badcaf "lower the timeout". Check this doc against the change, then update it or mark it reviewed. [stale.linked-code-changed]',
      'runbooks/db.md:9:3 warning `bin/run.sh` (named in this doc) changed in 1 commit (+1/\u22120 lines) since this doc was last reviewed on 2024-05-01 — latest: a1b2c3d "raise pool size". Check this doc against the change, then update it or mark it reviewed. [stale.linked-code-changed]',
    ]);
  });

  it('weighs at most maxLinesPerTarget lines per target, with the weights of the options', () => {
    const doc = evidence({ changes: [{ target: target('gen/api.json', 2), commits: [POOL], added: 4000, deleted: 0, files: 1 }] });
    assert.equal(verdict(doc).score, 6);
    assert.equal(verdict(doc, { weights: { commit: 0.25, line: 0, maxLinesPerTarget: 10 } }).score, 0.25);
    assert.equal(verdict(doc, { weights: { commit: 0.25, line: 0 } }).level, 'fresh');
  });

  it('weighs at most maxCommitsPerTarget commits per target, so a target edited often does not outrank a real change elsewhere (issue 18)', () => {
    const many = Array.from({ length: 88 }, (_, i) => commit(`${(i + 16).toString(16).padStart(2, '0')}`.repeat(20), '2024-06-02T09:00:00Z', `edit ${i}`));
    const doc = evidence({ changes: [{ target: target('runbooks/siblings.yaml', 2), commits: many, added: 40, deleted: 30, files: 1 }] });
    assert.equal(verdict(doc).score, 3.7);
    assert.equal(verdict(doc, { weights: { maxCommitsPerTarget: 10 } }).score, 10.7);
    assert.equal(verdict(doc).reasons[0]!.commits.length, 88);
  });

  it('speaks of uncommitted edits when the doc itself is being edited', () => {
    const doc = evidence({
      reference: { time: MAY_1, source: 'working-tree' },
      changes: [{ target: target('deploy/db.yaml', 3), commits: [], added: 0, deleted: 0, files: 1, uncommitted: { added: 5, deleted: 0, files: 1 } }],
    });
    assert.deepEqual(lines(doc), [
      "runbooks/db.md:3:3 warning Linked file `deploy/db.yaml` has uncommitted changes (+5/\u22120 lines) since this runbook's uncommitted edits. Check this runbook against the change, then update it or mark it reviewed. [stale.linked-code-changed]",
    ]);
    assert.equal(verdict(doc).score, 1.05);
  });
});
