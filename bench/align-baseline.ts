/**
 * The comparison baseline for span projection (~100 lines, independent of src/align): trigram Dice of
 * folded words + relative position, plain Sinkhorn, project the span's membership, then the longest run
 * of target tokens over a threshold. bench/align-quality.bench.ts scores it beside the real aligner.
 */
import type { ClinicalDocument, Span } from "../src/index.ts";
import { foldForMatch, tokenize } from "../src/index.ts";

function grams(word: string): Map<string, number> {
  const padded = `^${foldForMatch(word)}$`;
  const out = new Map<string, number>();
  for (let p = 0; p + 3 <= padded.length; p++) {
    const g = padded.slice(p, p + 3);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

function dice(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  let na = 0;
  let nb = 0;
  for (const v of a.values()) na += v;
  for (const v of b.values()) nb += v;
  for (const [g, c] of a) shared += Math.min(c, b.get(g) ?? 0);
  return na + nb > 0 ? (2 * shared) / (na + nb) : 0;
}

function sinkhornPlain(k: Float64Array, n: number, m: number, iterations: number): Float64Array {
  const p = Float64Array.from(k);
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += p[i * m + j];
      if (s > 0) for (let j = 0; j < m; j++) p[i * m + j] /= s;
    }
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += p[i * m + j];
      if (s > 0) for (let i = 0; i < n; i++) p[i * m + j] /= s;
    }
  }
  return p;
}

/**
 * Projects source spans with the baseline.
 *
 * @example
 * const pred = baselineProject(src, tgt, spans);
 */
export function baselineProject(
  src: ClinicalDocument,
  tgt: ClinicalDocument,
  spans: readonly Span[],
): Span[] {
  const st = tokenize(src.text, src.lang);
  const tt = tokenize(tgt.text, tgt.lang);
  const n = st.length;
  const m = tt.length;
  if (n === 0 || m === 0) return [];
  const sg = st.map((t) => grams(t.text));
  const tg = tt.map((t) => grams(t.text));
  const k = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const pos = 1 - Math.abs((i + 0.5) / n - (j + 0.5) / m) * 10;
      const d = dice(sg[i], tg[j]);
      k[i * m + j] = Math.exp(4 * (d > 0.4 ? d : 0) + 2 * Math.max(0, pos));
    }
  }
  const p = sinkhornPlain(k, n, m, 50);
  const out: Span[] = [];
  for (const span of spans) {
    const score = new Float64Array(m);
    for (let i = 0; i < n; i++) {
      if (st[i].end <= span.start || st[i].start >= span.end) continue;
      for (let j = 0; j < m; j++) score[j] += p[i * m + j];
    }
    let max = 0;
    for (const v of score) max = Math.max(max, v);
    if (max <= 0) continue;
    const theta = 0.5 * max;
    let best: [number, number] = [-1, -1];
    for (let a = 0; a < m; a++) {
      if (score[a] < theta) continue;
      let b = a;
      while (b + 1 < m && score[b + 1] >= theta) b++;
      if (best[0] < 0 || b - a > best[1] - best[0]) best = [a, b];
      a = b;
    }
    while (best[1] > best[0] && tt[best[1]].kind === "punct") best[1]--;
    while (best[0] < best[1] && tt[best[0]].kind === "punct") best[0]++;
    const start = tt[best[0]].start;
    const end = tt[best[1]].end;
    out.push({ docId: tgt.id, label: span.label, start, end, text: tgt.text.slice(start, end) });
  }
  return out;
}
