/**
 * Load test of `clinspan serve` on loopback: autocannon with 32 connections for 30 s against
 * `/v1/ner/tag` (the Spanish sample documents, an embedded model trained on them) and `/v1/project`
 * (Spanish sample documents with their gold spans -> English, a model trained on the pair in each
 * request, no explanations). The server runs in its own process (the real CLI), so autocannon's work
 * does not share its event loop; its resident memory is read from /proc before and after each run.
 * Run: npx tsx bench/server-load.bench.ts [--duration 30] [--connections 32] [--max-concurrent 32]
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { readMultiClinAiTree, saveEmbeddedTagger, trainEmbeddedTagger } from "../src/index.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const duration = flag("--duration", 30);
const connections = flag("--connections", 32);
const maxConcurrent = flag("--max-concurrent", 32);

const tree = path.join(root, "data", "sample", "multiclinai");
const sets = await readMultiClinAiTree(tree);
const es = sets.filter((s) => s.lang === "es");
const en = sets.filter((s) => s.lang === "en");
const modelDir = await mkdtemp(path.join(os.tmpdir(), "clinspan-load-"));
const tagger = trainEmbeddedTagger(
  es.map((s) => ({ documents: s.documents, spans: s.spans, labels: [s.label] })),
  undefined,
  { epochs: 8 },
);
await saveEmbeddedTagger(modelDir, tagger);

const esDocs = es[0].documents;
const enDocs = new Map(en[0].documents.map((d) => [d.id, d]));
const nerRequests = esDocs.map((doc) => ({
  method: "POST",
  path: "/v1/ner/tag",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ document: { id: doc.id, text: doc.text, lang: "es" } }),
}));
const projectRequests = esDocs.map((doc) => ({
  method: "POST",
  path: "/v1/project",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({
    src: { id: doc.id, text: doc.text, lang: "es" },
    tgt: { id: doc.id, text: enDocs.get(doc.id)!.text, lang: "en" },
    // All three entity sets share the texts: their spans together are the document's gold.
    spans: es.flatMap((s) =>
      s.spans.filter((x) => x.docId === doc.id).map(({ label, start, end }) => ({ label, start, end })),
    ),
  }),
}));

const child = spawn(
  process.execPath,
  [
    path.join(root, "bin", "clinspan.js"),
    "serve",
    "--port",
    "0",
    "--ner-model",
    modelDir,
    "--max-concurrent",
    String(maxConcurrent),
  ],
  { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
);
const url = await new Promise<string>((resolve, reject) => {
  let out = "";
  child.stdout.on("data", (chunk) => {
    out += chunk;
    const match = /http:\/\/\S+\//.exec(out);
    if (match) resolve(match[0].replace(/\/$/, ""));
  });
  child.on("exit", (code) => reject(new Error(`the server exited with ${code}`)));
});

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

console.log(
  `server ${url} (pid ${child.pid}), ${connections} connections, ${duration} s per route, --max-concurrent ${maxConcurrent}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(2)}`,
);
console.log(
  "route | req/s (mean) | p50 ms | p99 ms | max ms | responses | errors (of which client timeouts, 10 s) | non-2xx | RSS before -> after (MiB)",
);
for (const [route, requests] of [
  ["/v1/ner/tag", nerRequests],
  ["/v1/project", projectRequests],
] as const) {
  // A short warm-up so the first request's lazy loading is not counted.
  await fetch(url + requests[0].path, {
    method: "POST",
    headers: requests[0].headers,
    body: requests[0].body,
  });
  const before = await rssMiB(child.pid!);
  const result = await autocannon({ url, connections, duration, requests: [...requests] });
  const after = await rssMiB(child.pid!);
  const total = Object.values(result.statusCodeStats).reduce((n, s) => n + Number(s.count), 0);
  console.log(
    `${route} | ${result.requests.average.toFixed(1)} | ${result.latency.p50} | ${result.latency.p99} | ${result.latency.max} | ${total} | ${result.errors} (${result.timeouts}) | ${result.non2xx} | ${before} -> ${after}`,
  );
}
const exited = new Promise((resolve) => child.on("exit", resolve));
child.kill("SIGTERM");
await exited;
await rm(modelDir, { recursive: true, force: true });
