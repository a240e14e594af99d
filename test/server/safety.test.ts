/**
 * The server's safety rules: files only inside --data (traversal, absolute paths and outward links
 * refused), bearer token, body limit, concurrency limit with Retry-After, time limit, CSP without
 * inline scripts, graceful shutdown, and the `clinspan serve` command (loopback rule, SIGTERM).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Hono } from "hono";
import { isLoopback } from "../../src/cli/commands/serve.ts";
import { buildWeb, createApp, DataRoot, listen, type SearchProvider } from "../../src/server/index.ts";
import { repoRoot, runClinspan } from "../helpers/clinspan.ts";
import { EN, post, sampleDataCopy } from "./helpers.ts";

let dataDir: string;
let outside: string;
let app: Hono;

before(async () => {
  dataDir = await sampleDataCopy();
  outside = await mkdtemp(path.join(os.tmpdir(), "clinspan-outside-"));
  await writeFile(path.join(outside, "secret.txt"), "not for the server");
  await symlink(outside, path.join(dataDir, "escape"));
  app = createApp({ data: await DataRoot.open(dataDir), webDir: null });
});

after(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

/** A search provider whose calls wait until `release()`. */
function gatedSearch(): { provider: SearchProvider; release: () => void; started: () => number } {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let calls = 0;
  return {
    provider: {
      search: async () => {
        calls++;
        await gate;
        return { hits: [] };
      },
    },
    release: () => open(),
    started: () => calls,
  };
}

test("data: collections of the sample tree, a document with its gold spans", async () => {
  const list = (await (await app.request("/v1/data/collections")).json()) as {
    collections: { id: string; kind: string; lang: string; labels: string[]; documents: string[] }[];
  };
  assert.equal(list.collections.length, 7);
  const en = list.collections.find((c) => c.id === EN)!;
  assert.equal(en.kind, "multiclinai");
  assert.deepEqual(en.labels, ["DISEASE", "PROCEDURE", "SYMPTOM"]);
  assert.equal(en.documents.length, 10);
  const doc = (await (
    await app.request(`/v1/data/document?collection=${encodeURIComponent(EN)}&doc=caso_01`)
  ).json()) as { text: string; spans: { start: number; end: number; text: string }[] };
  assert.equal(doc.spans.length, 12);
  for (const s of doc.spans) assert.equal(doc.text.slice(s.start, s.end), s.text);
  const missing = await app.request(`/v1/data/document?collection=${encodeURIComponent(EN)}&doc=nope`);
  assert.equal(missing.status, 404);
  assert.equal((await app.request("/v1/data/document?collection=x")).status, 400);
});

test("data: saves as MultiClinAI TSV and brat, atomically, and the saved folder reads back", async () => {
  const text = "Dolor torácico y fiebre.";
  const spans = [
    { label: "SYMPTOM", start: 0, end: 14 },
    { label: "SYMPTOM", start: 17, end: 23 },
  ];
  const tsv = await post(app, "/v1/data/save", {
    collection: "pasted",
    doc: "d1",
    text,
    spans,
    format: "tsv",
  });
  assert.equal(tsv.status, 200);
  assert.deepEqual(tsv.body.files, [
    "clinspan-review/pasted/txt/d1.txt",
    "clinspan-review/pasted/tsv/d1.tsv",
  ]);
  assert.equal(
    await readFile(path.join(dataDir, "clinspan-review/pasted/tsv/d1.tsv"), "utf8"),
    "filename\tlabel\tstart_span\tend_span\ttext\nd1\tSYMPTOM\t0\t14\tDolor torácico\nd1\tSYMPTOM\t17\t23\tfiebre\n",
  );
  const brat = await post(app, "/v1/data/save", {
    collection: "pasted",
    doc: "d1",
    text,
    spans,
    format: "brat",
    dir: "reviews/brat-es",
  });
  assert.equal(brat.status, 200);
  assert.match(
    await readFile(path.join(dataDir, "reviews/brat-es/d1.ann"), "utf8"),
    /^T1\tSYMPTOM 0 14\tDolor torácico$/m,
  );
  // No temporary files left behind by the atomic writer.
  assert.deepEqual((await readdir(path.join(dataDir, "reviews/brat-es"))).sort(), ["d1.ann", "d1.txt"]);
  const list = (await (await app.request("/v1/data/collections")).json()) as {
    collections: { id: string; kind: string }[];
  };
  assert.ok(list.collections.some((c) => c.id === "reviews/brat-es" && c.kind === "brat"));
  assert.ok(list.collections.some((c) => c.id === "clinspan-review/pasted" && c.kind === "text-tsv"));
  const back = (await (
    await app.request("/v1/data/document?collection=reviews%2Fbrat-es&doc=d1")
  ).json()) as { spans: object[]; lang: string };
  assert.equal(back.spans.length, 2);
  assert.equal(back.lang, "es");
  const badSpan = await post(app, "/v1/data/save", {
    collection: "pasted",
    doc: "d2",
    text,
    spans: [{ label: "X", start: 3, end: 99 }],
    format: "tsv",
  });
  assert.equal(badSpan.status, 422);
  assert.equal(existsSync(path.join(dataDir, "clinspan-review/pasted/txt/d2.txt")), false);
});

test("path traversal: .., absolute paths, outward links, slashes in ids and non-text files are refused", async () => {
  const save = (over: Record<string, unknown>) =>
    post(app, "/v1/data/save", { collection: "x", doc: "d", text: "abc", spans: [], format: "tsv", ...over });
  for (const dir of ["../outside", "a/../../b", "/tmp/evil", "escape/inside", "escape"]) {
    const res = await save({ dir });
    assert.equal(res.status, 403, `dir ${dir}`);
    assert.equal(res.body.code, "E_FORBIDDEN_PATH");
  }
  assert.equal((await save({ collection: "../../up" })).status, 403);
  assert.equal((await save({ doc: "../d" })).status, 403);
  assert.equal((await save({ doc: ".." })).status, 403);
  assert.deepEqual(await readdir(outside), ["secret.txt"]);
  for (const p of [
    "../secret.txt",
    "%2e%2e/%2e%2e/etc/passwd",
    "/etc/passwd",
    "escape/secret.txt",
    "a\u0000b.txt",
  ]) {
    const res = await app.request(`/v1/data/file?path=${p.includes("%") ? p : encodeURIComponent(p)}`);
    assert.equal(res.status, 403, `path ${p}`);
    const body = (await res.json()) as { code: string };
    assert.equal(body.code, "E_FORBIDDEN_PATH");
  }
  const json = await app.request(
    `/v1/data/file?path=${encodeURIComponent(`${EN}/MultiClinNER-en-sample-disease/tsv/caso_01.tsv`)}`,
  );
  assert.equal(json.status, 403);
  const ok = await app.request(
    `/v1/data/file?path=${encodeURIComponent(`${EN}/MultiClinNER-en-sample-disease/txt/caso_01.txt`)}`,
  );
  assert.equal(ok.status, 200);
  assert.match(((await ok.json()) as { text: string }).text, /^A 58-year-old/);
  assert.equal((await app.request("/v1/data/file?path=missing.txt")).status, 404);
});

test("token: /v1 and /openapi.json need the bearer token; the page does not", async () => {
  const secured = createApp({ token: "s3cret", webDir: null });
  const none = await secured.request("/v1/health");
  assert.equal(none.status, 401);
  assert.equal(((await none.json()) as { code: string }).code, "E_UNAUTHORIZED");
  assert.match(none.headers.get("www-authenticate") ?? "", /Bearer/);
  assert.equal(
    (await secured.request("/v1/health", { headers: { Authorization: "Bearer wrong" } })).status,
    401,
  );
  assert.equal(
    (await secured.request("/v1/health", { headers: { Authorization: "Bearer s3cret" } })).status,
    200,
  );
  assert.equal((await secured.request("/openapi.json")).status, 401);
  const doc = (await (
    await secured.request("/openapi.json", { headers: { Authorization: "Bearer s3cret" } })
  ).json()) as { security: unknown };
  assert.deepEqual(doc.security, [{ bearer: [] }]);
  assert.equal((await secured.request("/")).status, 200);
});

test("cross-site guards: only JSON bodies (no form or text posts), only loopback Host names", async () => {
  for (const type of ["text/plain", "application/x-www-form-urlencoded", ""]) {
    const res = await app.request("/v1/data/save", {
      method: "POST",
      headers: type ? { "Content-Type": type } : {},
      body: JSON.stringify({ collection: "x", doc: "d", text: "abc", spans: [], format: "tsv" }),
    });
    assert.equal(res.status, 415, `content type ${type}`);
    assert.equal(((await res.json()) as { code: string }).code, "E_MEDIA_TYPE");
  }
  assert.equal(existsSync(path.join(dataDir, "clinspan-review/x")), false);
  for (const host of ["evil.example", "evil.example:8080", "127.0.0.1.evil.example"]) {
    const res = await app.request("/v1/health", { headers: { Host: host } });
    assert.equal(res.status, 403, `host ${host}`);
    assert.equal(((await res.json()) as { code: string }).code, "E_FORBIDDEN_HOST");
  }
  for (const host of ["localhost:8080", "127.0.0.1:9000", "[::1]:8080", "127.0.0.1"]) {
    assert.equal((await app.request("/v1/health", { headers: { Host: host } })).status, 200, `host ${host}`);
  }
  // A server started with a token is reached under other names: the token guards it instead.
  const remote = createApp({ token: "t", webDir: null });
  const res = await remote.request("/v1/health", {
    headers: { Host: "clinspan.lan:8080", Authorization: "Bearer t" },
  });
  assert.equal(res.status, 200);
});

test("body limit: 413 E_PAYLOAD_TOO_LARGE over the limit (default 5 MB), by header or while reading", async () => {
  const small = createApp({ bodyLimit: 1000, webDir: null });
  const big = { gold: [], pred: [], labels: ["x".repeat(2000)] };
  const declared = await post(small, "/v1/eval", big);
  assert.equal(declared.status, 413);
  assert.equal(declared.body.code, "E_PAYLOAD_TOO_LARGE");
  // A chunked body (no Content-Length) is counted while it is read.
  const stream = new ReadableStream({
    start(controller) {
      for (let i = 0; i < 3; i++) controller.enqueue(new TextEncoder().encode(" ".repeat(600)));
      controller.close();
    },
  });
  const chunked = await small.request("/v1/eval", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: stream,
    duplex: "half",
  } as RequestInit);
  assert.equal(chunked.status, 413);
  const fine = await post(small, "/v1/eval", { gold: [], pred: [] });
  assert.equal(fine.status, 200);
  const defaults = createApp({ webDir: null });
  const over = JSON.stringify({ gold: [], pred: [], labels: ["x".repeat(5 * 1024 * 1024)] });
  assert.equal((await post(defaults, "/v1/eval", over)).status, 413);
});

test("concurrency limit: the request over the limit gets 503 E_BUSY with Retry-After; health still answers", async () => {
  const gate = gatedSearch();
  const limited = createApp({ search: gate.provider, maxConcurrent: 2, webDir: null });
  const running = [post(limited, "/v1/search", { query: "a" }), post(limited, "/v1/search", { query: "b" })];
  while (gate.started() < 2) await new Promise((resolve) => setImmediate(resolve));
  const busy = await post(limited, "/v1/search", { query: "c" });
  assert.equal(busy.status, 503);
  assert.equal(busy.body.code, "E_BUSY");
  assert.equal(busy.headers.get("retry-after"), "1");
  const health = (await (await limited.request("/v1/health")).json()) as { inFlight: number };
  assert.equal(health.inFlight, 2);
  gate.release();
  for (const res of await Promise.all(running)) assert.equal(res.status, 200);
  assert.equal((await post(limited, "/v1/search", { query: "d" })).status, 200);
});

test("time limit: a request past it gets 503 E_TIMEOUT", async () => {
  const gate = gatedSearch();
  const slow = createApp({ search: gate.provider, timeLimitMs: 50, webDir: null });
  const res = await post(slow, "/v1/search", { query: "a" });
  assert.equal(res.status, 503);
  assert.equal(res.body.code, "E_TIMEOUT");
  gate.release();
});

test("the page: CSP with no inline scripts allowed, and the built HTML has none", async () => {
  const webDir = await mkdtemp(path.join(os.tmpdir(), "clinspan-web-"));
  try {
    await buildWeb({ outDir: webDir });
    const page = createApp({ webDir });
    const res = await page.request("/");
    assert.equal(res.status, 200);
    const csp = res.headers.get("content-security-policy") ?? "";
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    assert.ok(scripts.length >= 1);
    for (const [, attrs, body] of scripts) {
      assert.match(attrs, /src="\/app\.js"/);
      assert.equal(body.trim(), "");
    }
    assert.doesNotMatch(html, /\son[a-z]+=|https?:\/\//i);
    const js = await page.request("/app.js");
    assert.match(js.headers.get("content-type") ?? "", /javascript/);
    assert.doesNotMatch(await js.text(), /https?:\/\/(?!www\.w3\.org)/);
    assert.equal((await page.request("/nothing.js")).status, 404);
  } finally {
    await rm(webDir, { recursive: true, force: true });
  }
});

test("graceful shutdown: a request in flight finishes, new connections are refused", async () => {
  const gate = gatedSearch();
  const server = await listen(createApp({ search: gate.provider, webDir: null }), {
    host: "127.0.0.1",
    port: 0,
  });
  const inFlight = fetch(`${server.url}/v1/search`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ query: "a" }),
  });
  while (gate.started() < 1) await new Promise((resolve) => setTimeout(resolve, 5));
  const closed = server.close();
  await new Promise((resolve) => setTimeout(resolve, 50));
  await assert.rejects(fetch(`${server.url}/v1/health`));
  gate.release();
  const res = await inFlight;
  assert.equal(res.status, 200);
  await closed;
});

test("serve: loopback rule, and SIGTERM stops a running server cleanly", async () => {
  assert.equal(isLoopback("127.0.0.1"), true);
  assert.equal(isLoopback("localhost"), true);
  assert.equal(isLoopback("::1"), true);
  assert.equal(isLoopback("0.0.0.0"), false);
  assert.equal(isLoopback("192.168.1.4"), false);
  const refused = await runClinspan(["serve", "--host", "0.0.0.0", "--port", "0"]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /E_USAGE.*--token/);
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, "bin/clinspan.js"), "serve", "--port", "0", "--data", dataDir],
    {
      cwd: repoRoot,
      env: { ...process.env, CLINSPAN_TOKEN: "" },
    },
  );
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /http:\/\/\S+\//.exec(out);
      if (match) resolve(match[0]);
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  const health = (await (await fetch(`${url}v1/health`)).json()) as { features: { data: boolean } };
  assert.equal(health.features.data, true);
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  assert.equal(await exit, 0);
  assert.match(stderr, /SIGTERM, finishing requests in flight[\s\S]*stopped/);
});

test("a --data folder that does not exist is E_FILE_NOT_FOUND", async () => {
  await assert.rejects(DataRoot.open(path.join(outside, "missing")), /E_FILE_NOT_FOUND|does not exist/);
  await mkdir(path.join(outside, "empty"));
  const root = await DataRoot.open(path.join(outside, "empty"));
  const list = (await (
    await createApp({ data: root, webDir: null }).request("/v1/data/collections")
  ).json()) as {
    collections: unknown[];
  };
  assert.deepEqual(list.collections, []);
});
