/**
 * The pieces under the queue commands, in process: Redis URLs and their masking, model publishing
 * (chunked in Redis or as a file in a shared folder, hash-checked on load), packed model folders, job
 * ids, and the producer's progress line.
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { Redis } from "ioredis";
import { formatQueueProgress } from "../../src/cli/queue-options.ts";
import {
  blobKey,
  checkRedisUrl,
  fetchBlob,
  openQueueConnection,
  packFolder,
  publishBlob,
  queueJobId,
  redactRedisUrl,
  unpackFolder,
} from "../../src/queue/index.ts";
import { assertRejectsClinspan } from "../corpus/helpers.ts";
import { freePort, skipReason, startRedis } from "./helpers.ts";

test("Redis URLs: checked, and printed with the password masked", () => {
  assert.equal(redactRedisUrl("redis://:s3cret@db.local:6379/2"), "redis://:***@db.local:6379/2");
  assert.equal(redactRedisUrl("redis://user:pw@db:6379"), "redis://user:***@db:6379");
  assert.equal(redactRedisUrl("redis://127.0.0.1:6379"), "redis://127.0.0.1:6379");
  checkRedisUrl("rediss://db:6380");
  assert.throws(() => checkRedisUrl("localhost:6379"), /the queue needs a Redis URL/);
  assert.throws(() => checkRedisUrl("http://db:6379"), /the queue needs a Redis URL/);
});

test("job ids depend on the content only, and never contain ':'", () => {
  const a = queueJobId("project", { model: "m", docs: ["x"] });
  assert.equal(a, queueJobId("project", { model: "m", docs: ["x"] }));
  assert.notEqual(a, queueJobId("project", { model: "m", docs: ["y"] }));
  assert.notEqual(a, queueJobId("tag", { model: "m", docs: ["x"] }));
  assert.match(a, /^project-[0-9a-f]{32}$/);
});

test("progress line: documents, rate of this run only, ETA", () => {
  assert.equal(
    formatQueueProgress("projecting es->en", {
      done: 600,
      total: 1000,
      resumed: 100,
      failed: 0,
      seconds: 10,
    }),
    "projecting es->en: 600/1000 documents (60.0%; 100 from an earlier run), 50.0 docs/s, ETA 8 s",
  );
  assert.equal(
    formatQueueProgress("tagging", { done: 10, total: 20, resumed: 0, failed: 5, seconds: 1 }),
    "tagging: 10/20 documents (50.0%), 5 in failed jobs, 10.0 docs/s, ETA 1 s",
  );
});

test("model folders pack to the same bytes every time and unpack whole", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-pack-"));
  try {
    const model = path.join(dir, "model");
    await mkdir(path.join(model, "weights"), { recursive: true });
    await writeFile(path.join(model, "manifest.json"), '{"kind":"x"}');
    await writeFile(path.join(model, "weights", "0-0.f32"), Buffer.from([1, 2, 3, 4, 0, 255]));
    const packed = await packFolder(model);
    assert.deepEqual(await packFolder(model), packed);
    const out = await unpackFolder(packed, "abc", path.join(dir, "cache"));
    assert.equal(await readFile(path.join(out, "manifest.json"), "utf8"), '{"kind":"x"}');
    assert.deepEqual(await readFile(path.join(out, "weights", "0-0.f32")), Buffer.from([1, 2, 3, 4, 0, 255]));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("published models: chunked in Redis or in a shared folder, refused when damaged", {
  skip: skipReason,
}, async () => {
  const redis = await startRedis();
  const client = new Redis(redis.url);
  const dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-blob-"));
  try {
    // 2.5 MiB: three chunks
    const bytes = Buffer.alloc(2.5 * 2 ** 20);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 251;
    const ref = await publishBlob(client, "t", bytes);
    assert.equal(ref.size, bytes.length);
    assert.deepEqual(await fetchBlob(client, "t", ref), bytes);
    assert.deepEqual(await publishBlob(client, "t", bytes), ref, "published once, by content");

    await client.set(blobKey("t", ref.hash, 1), "damaged");
    await assertRejectsClinspan(() => fetchBlob(client, "t", ref), {
      code: "E_MODEL",
      mentions: [ref.hash.slice(0, 12), "does not match its hash"],
    });
    await client.del(blobKey("t", ref.hash, "meta"));
    await assertRejectsClinspan(() => fetchBlob(client, "t", ref), {
      code: "E_MODEL",
      mentions: ["not in Redis"],
    });

    const shared = await publishBlob(client, "t", bytes, dir);
    assert.equal(shared.sharedDir, dir);
    assert.deepEqual(await readFile(path.join(dir, `${ref.hash}.blob`)), bytes);
    assert.deepEqual(await fetchBlob(client, "t", shared), bytes);
  } finally {
    client.disconnect();
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test("a Redis that does not answer: E_QUEUE_UNAVAILABLE naming the URL", { skip: skipReason }, async () => {
  const port = await freePort();
  await assertRejectsClinspan(
    () => openQueueConnection({ url: `redis://:pw@127.0.0.1:${port}`, timeoutMs: 300 }),
    {
      code: "E_QUEUE_UNAVAILABLE",
      mentions: [`cannot reach Redis at redis://:***@127.0.0.1:${port}`, "ECONNREFUSED"],
    },
  );
});
