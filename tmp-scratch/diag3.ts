import { LateInteractionIndex } from "../src/index.ts";
import { ClusteredVectors } from "../test/retrieve/synthetic-vectors.ts";
const DIM = 128;
const small = new ClusteredVectors(DIM, 400, 13);
const topicsOf: number[][] = [];
const docs = Array.from({ length: 1000 }, (_, d) => { const t = small.pickTopics(4); topicsOf.push(t); return { id: `s${d}`, vectors: small.tokens(100, t, 0.8) }; });
const index = new LateInteractionIndex({ dim: DIM });
index.add(docs);
console.log("centroids", index.centroids);
const anyIdx = index as any;
for (let i = 0; i < 6; i++) {
  const src = (i * 37) % 1000;
  const q = small.tokens(32, topicsOf[src].slice(0, 2), 0.8);
  const truth = index.search(q, 10, { mode: "exhaustive" });
  const cands: number[] = anyIdx.candidates(q, 32, 8, 256);
  const rank = new Map(cands.map((d: number, r: number) => [d, r]));
  const qt = new Set(topicsOf[src].slice(0, 2));
  console.log("q", i, truth.map((h) => { const d = Number(h.id.slice(1)); return `${d}:${topicsOf[d].filter((x) => qt.has(x)).length}:${rank.has(d) ? "in" : "OUT"}`; }).join(" "), "cands", cands.length);
}
for (let i = 0; i < 6; i++) {
  const src = (i * 37) % 1000;
  const q = small.tokens(32, topicsOf[src].slice(0, 2), 0.8);
  const truth = index.search(q, 10, { mode: "exhaustive" });
  const cand = index.search(q, 10);
  console.log(truth.map((h) => h.id + ":" + h.score.toFixed(3)).join(" "));
  console.log(cand.map((h) => h.id + ":" + h.score.toFixed(3)).join(" "));
}
