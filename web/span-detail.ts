/**
 * The explanation of one projected span in the review view: the decoder's decision, the span's row of
 * the alignment matrix drawn as a heatmap over the target text's tokens, and the best candidates.
 */
import type { SpanJson } from "./api.ts";
import { el } from "./text-view.ts";

/** A token with its offsets. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

/** The API's explanation of one source span (`/v1/project` with `explain`). */
export interface SpanExplain {
  source: SpanJson;
  sourceTokens: number[];
  row: [number, number][];
  target: { start: number; end: number; text: string; score: number; fallback: boolean } | null;
  reason?: string;
  candidates: { token: string; start: number; end: number; score: number }[];
}

/**
 * Appends the decision, the heatmap (`#heatmap`, one `.tok` per target token, `data-mass` its mass)
 * and the candidate list to `box`.
 *
 * @example
 * renderSpanExplain(detailBox, answer.explain.spans[0], target.text, answer.explain.tgtTokens);
 */
export function renderSpanExplain(
  box: HTMLElement,
  info: SpanExplain,
  text: string,
  tokens: readonly Token[],
): void {
  const decision = info.target
    ? `Decoder: "${info.target.text}" [${info.target.start}-${info.target.end}], score ${info.target.score.toFixed(3)}${info.target.fallback ? " (fallback: best single token under the threshold)" : ""}`
    : `Not projected: ${info.reason ?? "no decision"}`;
  box.append(el("p", `Source span: ${info.source.label} "${info.source.text}"`), el("p", decision));
  box.append(el("p", "Alignment row (the source span's mass on each target token):", "legend"));
  const heat = el("div", undefined, "heatmap");
  heat.id = "heatmap";
  const mass = new Map(info.row);
  let max = 0;
  for (const [, v] of info.row) max = Math.max(max, v);
  let at = 0;
  tokens.forEach((t, j) => {
    if (t.start > at) heat.append(document.createTextNode(text.slice(at, t.start)));
    const chip = el("span", text.slice(t.start, t.end), "tok");
    const v = mass.get(j) ?? 0;
    const alpha = max > 0 ? v / max : 0;
    chip.style.backgroundColor = `rgba(229, 83, 75, ${alpha.toFixed(3)})`;
    if (alpha > 0.6) chip.style.color = "#fff";
    chip.title = `mass ${v.toFixed(4)}`;
    chip.dataset.mass = String(v);
    if (info.target && t.start >= info.target.start && t.end <= info.target.end) chip.classList.add("chosen");
    heat.append(chip);
    at = t.end;
  });
  heat.append(document.createTextNode(text.slice(at)));
  box.append(heat);
  if (info.candidates.length > 0) {
    const list = el("ul");
    for (const c of info.candidates) {
      const li = el("li", `${c.token} [${c.start}-${c.end}] ${c.score.toFixed(3)}`);
      const bar = el("span", undefined, "bar");
      bar.style.width = `${Math.round(c.score * 120)}px`;
      li.append(bar);
      list.append(li);
    }
    box.append(el("p", "Decoder scores of the best target tokens:", "legend"), list);
  }
}
