import { LateInteractionIndex, type SearchHit } from "../src/index.ts";
import { ClusteredVectors } from "../test/retrieve/synthetic-vectors.ts";
const DIM = 128, TOKENS = 100;
const overlap = (a: readonly SearchHit[], b: readonly SearchHit[]) => { const want = new Set(a.map((h) => h.id)); return b.filter((h) => want.has(h.id)).length; };
const small = new ClusteredVectors(DIM, 400, 13);
const sliceTopics: number[][] = [];
const slice = Array.from({ length: 1000 }, (_, d) => { const topics = small.pickTopics(4); sliceTopics.push(topics); return { id: `s${d}`, vectors: small.tokens(TOKENS, topics, 0.8) }; });
const reference = new LateInteractionIndex({ dim: DIM, centroids: 0 });
reference.add(slice);
const sliceQueries = Array.from({ length: 20 }, (_, i) => small.tokens(32, sliceTopics[(i * 37) % slice.length].slice(0, 2), 0.8));
const truth = sliceQueries.map((q) => reference.search(q, 10, { mode: "exhaustive" }));
for (const compression of ["none"] as const) {
  const c = new LateInteractionIndex({ dim: DIM, compression });
  c.add(slice);
  let ex = 0, ca = 0;
  sliceQueries.forEach((q, i) => { ex += overlap(truth[i], c.search(q, 10, { mode: "exhaustive" })); ca += overlap(truth[i], c.search(q, 10)); });
  console.log(compression, ex / 200, ca / 200);
}
