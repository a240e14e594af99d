import { LateInteractionIndex } from "../src/index.ts";
import { ClusteredVectors } from "../test/retrieve/synthetic-vectors.ts";
const DIM = 128;
const small = new ClusteredVectors(DIM, 400, 13);
const topicsOf: number[][] = [];
const docs = Array.from({ length: 1000 }, (_, d) => { const t = small.pickTopics(4); topicsOf.push(t); return { id: `s${d}`, vectors: small.tokens(100, t, 0.8) }; });
const qs = Array.from({ length: 20 }, (_, i) => small.tokens(32, topicsOf[(i * 37) % 1000].slice(0, 2), 0.8));
const index = new LateInteractionIndex({ dim: DIM });
index.add(docs);
const out: number[] = [];
for (const q of qs) { const t = new Set(index.search(q, 10, { mode: "exhaustive" }).map((h) => h.id)); out.push(index.search(q, 10).filter((h) => t.has(h.id)).length); }
console.log(out.join(" "));
