/**
 * Groups gold and predicted spans by (document, label), the unit inside which both metrics compare
 * spans. Within a group spans are sorted by (start, end) with a stable sort, so predictions with the
 * same (filename, label, start, end) become neighbours and the de-duplication keeps the first one in
 * file order, as `pandas.drop_duplicates` does in the official script. Gold spans are never
 * de-duplicated: a gold span listed twice must be found twice.
 *
 * A span's identity is (document, label, start, end); for a discontinuous span the list of its
 * fragments is part of the identity too (MultiClinAI TSV has no fragments, so this only refines the
 * official rule for brat / CodiEsp data: a contiguous prediction over a gapped gold span is no exact match).
 */
import type { Span } from "../core/span.ts";
import { spanPieces } from "./char-overlap.ts";

/** The gold and (de-duplicated) predicted spans of one document and one label, sorted by start, end. */
export interface LabelGroup {
  readonly docId: string;
  readonly label: string;
  readonly gold: Span[];
  readonly pred: Span[];
}

/** Spans from one source (e.g. one language); distinct `docPrefix`es keep document ids of sources apart. */
export interface ScoringPart {
  readonly docPrefix: string;
  readonly gold: readonly Span[];
  readonly pred: readonly Span[];
}

/**
 * Groups spans by document and label, keeping only `labels` when given. Group document ids are
 * `docPrefix + span.docId` (spans themselves are not copied).
 *
 * @example
 * const groups = groupSpansForScoring([{ docPrefix: "", gold, pred }]); // [{ docId, label, gold, pred }, ...]
 */
export function groupSpansForScoring(
  parts: readonly ScoringPart[],
  labels?: ReadonlySet<string>,
): LabelGroup[] {
  const groups: LabelGroup[] = [];
  for (const { docPrefix, gold, pred } of parts) {
    // One map per part: parts never share documents, and no per-span string concatenation is needed.
    const byDoc = new Map<string, Map<string, LabelGroup>>();
    const groupOf = (span: Span): LabelGroup | undefined => {
      if (labels && !labels.has(span.label)) return undefined;
      let byLabel = byDoc.get(span.docId);
      if (!byLabel) {
        byLabel = new Map();
        byDoc.set(span.docId, byLabel);
      }
      let group = byLabel.get(span.label);
      if (!group) {
        group = { docId: docPrefix + span.docId, label: span.label, gold: [], pred: [] };
        byLabel.set(span.label, group);
        groups.push(group);
      }
      return group;
    };
    for (const span of gold) groupOf(span)?.gold.push(span);
    for (const span of pred) groupOf(span)?.pred.push(span);
  }
  for (const group of groups) {
    group.gold.sort(compareSpanIdentity);
    group.pred.sort(compareSpanIdentity);
    dedupeSorted(group.pred);
  }
  return groups;
}

/**
 * Orders spans of one group by start, end, then fragments; 0 means "the same span" for de-duplication
 * and strict matching.
 *
 * @example
 * compareSpanIdentity(a, b) === 0; // a and b are the same span (label and document compared elsewhere)
 */
export function compareSpanIdentity(a: Span, b: Span): number {
  const order = a.start - b.start || a.end - b.end;
  if (order !== 0 || (!a.fragments && !b.fragments)) return order;
  const fa = fragmentSignature(a);
  const fb = fragmentSignature(b);
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

/** "" for a span that is one piece (with or without a fragments list), else "s-e,s-e,...". */
function fragmentSignature(span: Span): string {
  const pieces = spanPieces(span);
  return pieces.length === 1 ? "" : pieces.map((p) => `${p.start}-${p.end}`).join(",");
}

/** Removes, in place, every span identical to the one before it (the list is sorted). */
function dedupeSorted(spans: Span[]): void {
  let kept = 0;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    if (kept > 0 && compareSpanIdentity(spans[kept - 1], span) === 0) continue;
    spans[kept++] = span;
  }
  spans.length = kept;
}
