import { LateInteractionIndex } from "../src/index.ts";
import { ClusteredVectors } from "../test/retrieve/synthetic-vectors.ts";
const DIM = 128, DOCS = 10000;
const gen = new ClusteredVectors(DIM, 4096, 11);
const topicsOf: number[][] = [];
const docs = Array.from({ length: DOCS }, (_, d) => { const t = gen.pickTopics(4); topicsOf.push(t); return { id: `d${d}`, vectors: gen.tokens(100, t, 0.8) }; });
const qs = Array.from({ length: 8 }, (_, i) => gen.tokens(32, topicsOf[(i * 7919) % DOCS].slice(0, 2), 0.8));
let truths: { id: string }[][] | null = null;
for (const centroids of [Number(process.argv[2] ?? 4096)]) {
  const c0 = process.cpuUsage();
  const index = new LateInteractionIndex({ dim: DIM, centroids });
  index.add(docs);
  console.log("centroids", index.centroids, "build cpu s", (process.cpuUsage(c0).user / 1e6).toFixed(1));
  truths ??= qs.map((q) => index.search(q, 10, { mode: "exhaustive" }));
  for (const nprobe of [4, 8, 16]) for (const rescore of [256, 512]) {
    let agree = 0; const c1 = process.cpuUsage();
    qs.forEach((q, i) => { const want = new Set(truths![i].map((h) => h.id)); agree += index.search(q, 10, { nprobe, rescore }).filter((h) => want.has(h.id)).length; });
    console.log("nprobe", nprobe, "rescore", rescore, "recall", agree / 80, "cpu ms/q", (process.cpuUsage(c1).user / 1e3 / 8).toFixed(0));
  }
}
