/**
 * Explain output for one projected span: the source tokens, the best-scoring target tokens, the
 * sentence bead and the decision, as plain JSON for `--explain` files and the web inspector.
 */
import type { Span } from "../../core/span.ts";
import type { AlignedPair } from "../fusion/align-documents.ts";
import type { EdgeStep } from "./edge-rules.ts";
import type { SpanOutcome } from "./project-document.ts";

/** The JSON-able explanation of one span. */
export interface SpanExplanation {
  readonly source: { start: number; end: number; label: string; text: string; tokens: string[] };
  readonly bead: { src: [number, number]; tgt: [number, number] } | null;
  readonly target: { start: number; end: number; text: string; score: number; fallback: boolean } | null;
  readonly reason?: string;
  /** The best target tokens with their scores, best first. */
  readonly candidates: { token: string; start: number; end: number; score: number }[];
  /**
   * The edge rules (edge-rules.ts, in pipeline order) that changed the decoded span: target
   * character offsets before and after each, and the text after; empty when none did or the span
   * was not projected.
   */
  readonly edges: EdgeStep[];
}

const TOP = 8;

/**
 * Explains one span's projection.
 *
 * @example
 * explainSpan(pair, span, projectSpan(pair, span, tgt, supportIndex(pair.tgt.tokens, []), options));
 */
export function explainSpan(pair: AlignedPair, span: Span, outcome: SpanOutcome): SpanExplanation {
  const srcTokens = pair.src.tokens;
  const first = outcome.sourceTokens[0];
  const k = first === undefined ? -1 : pair.frame.srcBead[first];
  const bead = k >= 0 && pair.beads[k] ? pair.beads[k] : undefined;
  const candidates: SpanExplanation["candidates"] = [];
  if (outcome.scores) {
    const order = [...outcome.scores.keys()]
      .sort((a, b) => outcome.scores![b] - outcome.scores![a])
      .slice(0, TOP);
    for (const j of order) {
      if (outcome.scores[j] <= 0) break;
      const t = pair.tgt.tokens[j];
      candidates.push({ token: t.text, start: t.start, end: t.end, score: round(outcome.scores[j]) });
    }
  }
  return {
    source: {
      start: span.start,
      end: span.end,
      label: span.label,
      text: span.text,
      tokens: outcome.sourceTokens.map((i) => srcTokens[i].text),
    },
    bead: bead ? { src: [bead.srcStart, bead.srcEnd], tgt: [bead.tgtStart, bead.tgtEnd] } : null,
    target:
      "span" in outcome
        ? {
            start: outcome.span.start,
            end: outcome.span.end,
            text: outcome.span.text,
            score: round(outcome.span.score ?? 0),
            fallback: outcome.decoded.fallback,
          }
        : null,
    ...("reason" in outcome ? { reason: outcome.reason } : {}),
    candidates,
    edges: "edges" in outcome ? outcome.edges : [],
  };
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
