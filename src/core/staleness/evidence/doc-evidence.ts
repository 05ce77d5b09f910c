import type { DocModel } from '../../doc-model';
import { brokenEvidence, type PinnedVerdict } from './broken-links';
import { commitRef, isFutureReviewDay, reviewEndOfDay } from '../history/commit-refs';
import type { DocReference } from '../model/doc-reference';
import type { EvidenceRun, WorkspaceContext } from '../model/report-run';
import type { LineRange } from '../model/line-ranges';
import { reviewStatus, type ReviewStatus } from './review';
import type { StalenessOptions } from '../options';
import type { AnchorEvidence, BrokenEvidence, ChangeEvidence, DocEvidence, LinkedTarget, StalenessReason } from '../model/evidence';
import { anchorEvidence, changeEvidence, matchingPaths } from './target-changes';
import { pinnedUnverifiableReason } from '../rules/link-pinned-unverifiable';
import { watchesNoMatchReason } from '../rules/watches-no-match';

/**
 * Evidence per doc, given the references: changes after the reference, anchored ranges, broken
 * links, pinned links (`pinned`: `checkPinned` of the docs, asked early by the caller), and
 * problems. Expects everything queued in `run.details` to be fetched. What the docs say next to
 * their links is compared with the changes after (see `compareWithDocs`).
 */
export async function collectDocEvidence(
  run: EvidenceRun,
  docs: DocModel[],
  references: Map<string, DocReference | string>,
  pinned: Map<string, PinnedVerdict>,
  signal?: AbortSignal,
): Promise<DocEvidence[]> {
  const out: DocEvidence[] = [];
  for (const doc of docs) {
    signal?.throwIfAborted();
    const resolved = run.context.resolved.get(doc.path)!;
    const ref = references.get(doc.path);
    const problems: StalenessReason[] = [...resolved.problems];
    const changes: ChangeEvidence[] = [];
    const anchors: AnchorEvidence[] = [];
    const broken: BrokenEvidence[] = [];
    for (const target of resolved.targets) {
      if (target.pinned) {
        const verdict = pinned.get(`${target.pinned.ref}\u0000${target.path}`);
        if (verdict === 'missing') broken.push({ target, pinnedAt: target.pinned.ref });
        // A branch the clone no longer has cannot be judged: nothing is said (a tag or commit is asked for).
        else if (verdict === 'unverifiable' && target.pinned.kind !== 'branch') problems.push(pinnedUnverifiableReason(target));
        continue;
      }
      if (target.kind === 'missing') {
        broken.push(brokenEvidence(run, target));
        continue;
      }
      if (target.kind === 'glob' && matchingPaths(run, target).length === 0) {
        problems.push(watchesNoMatchReason(target));
        continue;
      }
      if (!target.tracked || !ref || typeof ref === 'string' || ref.workingTree) continue;
      if (target.lines && target.kind === 'file') {
        const anchor = anchorEvidence(run, target as LinkedTarget & { lines: LineRange }, ref);
        if (anchor) anchors.push(quotedOrMinor(doc, anchor));
      } else {
        const change = changeEvidence(run, target, ref, doc.path);
        if (change) changes.push(quotedOrMinor(doc, change));
      }
    }
    const reference = typeof ref === 'object' ? referenceOut(run, ref) : undefined;
    out.push({
      path: doc.path,
      kind: doc.kind,
      ...(doc.meta.owner ? { owner: doc.meta.owner } : {}),
      ...(typeof ref === 'string' ? { unknown: ref } : {}),
      ...(reference ? { reference } : {}),
      targets: resolved.targets,
      changes,
      anchors,
      broken,
      problems,
      review: reviewOf(doc, reference, run.options),
      reviewLine: doc.frontMatterLines?.start ?? 1,
    });
  }
  return out;
}

/** A doc's evidence kept from the last run, with its review as the doc says now: the same object when nothing changed at all, so its score is reused too. */
export function keptEvidence(doc: DocModel, kept: DocEvidence, options: StalenessOptions): DocEvidence {
  const review = reviewOf(doc, kept.reference, options);
  return JSON.stringify(review) === JSON.stringify(kept.review) ? kept : { ...kept, review };
}

/** A doc's review status now: due a review interval after the later of its reference and its review attestation. */
export function reviewOf(doc: DocModel, reference: DocEvidence['reference'], options: StalenessOptions): ReviewStatus {
  const reviewSince = reference ? reference.time : reviewEndOfDay(doc.meta.review.reviewed, options.now());
  const status = reviewStatus(doc.meta.review.interval, reviewSince !== undefined ? new Date(reviewSince * 1000) : undefined, options.now(), options.defaultReviewInterval);
  return { ...status, ...futureReview(doc, options.now()) };
}

/** `{ futureDate }` when the doc's review date is in the future (and so ignored), else nothing. */
export function futureReview(doc: DocModel, now: Date): Pick<ReviewStatus, 'futureDate' | 'futureField'> {
  const day = doc.meta.review.reviewed;
  if (!day || !isFutureReviewDay(day, now)) return {};
  return { futureDate: day, ...(doc.meta.review.reviewedField ? { futureField: doc.meta.review.reviewedField } : {}) };
}

/** The reference as evidence: the later of the last content commit and the review, or now for uncommitted edits. */
function referenceOut(run: EvidenceRun, ref: DocReference): DocEvidence['reference'] {
  const now = run.options.now().getTime() / 1000;
  if (ref.workingTree) return { time: now, source: 'working-tree' };
  const commitTime = ref.commit?.time;
  if (ref.reviewTime !== undefined && (commitTime === undefined || ref.reviewTime > commitTime)) {
    return { time: ref.reviewTime, source: 'review', ...(ref.commit ? { commit: commitRef(ref.commit) } : {}) };
  }
  if (ref.commit) return { time: ref.commit.time, source: 'commit', commit: commitRef(ref.commit) };
  return undefined;
}

/**
 * A minor change stays minor unless the doc quotes one of the versions it replaced (`Go 1.21`):
 * then it is a real change, and says which version the doc quotes.
 */
function quotedOrMinor<T extends ChangeEvidence | AnchorEvidence>(doc: DocModel, evidence: T): T {
  if (!evidence.minor || !evidence.oldVersions?.length) return evidence;
  const text = [doc.title, ...doc.headings.map((h) => h.text), ...doc.sections.map((s) => s.text)].join('\n');
  const quoted = evidence.oldVersions.find((v) => quotes(text, v));
  if (!quoted) return evidence;
  const { minor: _minor, ...rest } = evidence;
  return { ...rest, quoted } as T;
}

/**
 * Whether `text` has version `v` as a token: `1.21` in `Go 1.21.` or `1.21.3`, not in `11.21` or
 * `1.210`; a leading `v` is optional for dotted versions and required for `v4`. A version pinned
 * for a name (`github.com/miekg/dns v1.1.62`, see `pinnedVersions`) counts only on a line that
 * also names it by its last part (`dns`).
 */
function quotes(text: string, v: string): boolean {
  const space = v.lastIndexOf(' ');
  const bare = v.slice(space + 1).replace(/^v/, '');
  const escaped = bare.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const version = new RegExp(`(?<![\\w.])v${bare.includes('.') ? '?' : ''}${escaped}(?!\\d)`);
  if (space < 0) return version.test(text);
  const name = v.slice(0, space).split('/').pop()!.toLowerCase();
  return text.split('\n').some((line) => version.test(line) && line.toLowerCase().includes(name));
}

/**
 * The evidence of a doc when there is no history to read (no repository, a shallow clone, a missing
 * object): its links resolved and its review dates, with `unknown` as the reason there is no more.
 */
export function evidenceWithoutHistory(doc: DocModel, context: WorkspaceContext, unknown: string, options: StalenessOptions): DocEvidence {
  const resolved = context.resolved.get(doc.path)!;
  const reviewTime = reviewEndOfDay(doc.meta.review.reviewed, options.now());
  return {
    path: doc.path,
    kind: doc.kind,
    ...(doc.meta.owner ? { owner: doc.meta.owner } : {}),
    unknown,
    targets: resolved.targets,
    changes: [],
    anchors: [],
    broken: resolved.targets.filter((t) => t.kind === 'missing' && !t.pinned).map((target) => ({ target })),
    problems: resolved.problems,
    review: { ...reviewStatus(doc.meta.review.interval, reviewTime ? new Date(reviewTime * 1000) : undefined, options.now(), options.defaultReviewInterval), ...futureReview(doc, options.now()) },
    reviewLine: doc.frontMatterLines?.start ?? 1,
  };
}
