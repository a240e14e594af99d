import { LateInteractionIndex } from "../src/index.ts";
import { ClusteredVectors } from "../test/retrieve/synthetic-vectors.ts";
const DIM = 128, DOCS = 2500;
const gen = new ClusteredVectors(DIM, 1024, 11);
const topicsOf: number[][] = [];
const docs = Array.from({ length: DOCS }, (_, d) => { const t = gen.pickTopics(4); topicsOf.push(t); return { id: `d${d}`, vectors: gen.tokens(100, t, 0.8) }; });
const index = new LateInteractionIndex({ dim: DIM });
index.add(docs);
console.log("centroids", index.centroids);
const qs = Array.from({ length: 10 }, (_, i) => ({ q: gen.tokens(32, topicsOf[(i * 7919) % DOCS].slice(0, 2), 0.8), src: (i * 7919) % DOCS }));
const truths = qs.map(({ q }) => index.search(q, 10, { mode: "exhaustive" }));
for (const { i, src } of qs.map((x, i) => ({ i, src: x.src }))) {
  const t = truths[i]; const qt = new Set(topicsOf[src].slice(0, 2));
  console.log("q", i, t.map((h) => { const d = Number(h.id.slice(1)); const share = topicsOf[d].filter((x) => qt.has(x)).length; return `${h.id}:${h.score.toFixed(2)}:${share}`; }).join(" "));
}
for (const nprobe of [4, 8, 16]) for (const rescore of [256, 1024]) {
  let agree = 0;
  qs.forEach(({ q }, i) => { const want = new Set(truths[i].map((h) => h.id)); agree += index.search(q, 10, { nprobe, rescore }).filter((h) => want.has(h.id)).length; });
  console.log("nprobe", nprobe, "rescore", rescore, "recall", agree / 100);
}
