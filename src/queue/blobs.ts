/**
 * Publishing what every worker must load (the projection model, a NER model folder) once per run,
 * addressed by its SHA-256: in Redis as 1 MiB chunks, or as one file in a folder every machine
 * mounts (`--shared-dir`). The meta key is written last, so a worker never sees half a blob, and the
 * hash is checked on every load, so a worker never runs with a damaged or different model.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Redis } from "ioredis";
import { ClinspanError } from "../core/index.ts";
import { writeFileAtomic } from "../io/index.ts";

/** Where a published blob is, as it travels inside job data. */
export interface BlobRef {
  /** SHA-256 of the bytes, hex. */
  readonly hash: string;
  readonly size: number;
  /** A folder shared by all machines holding `<hash>.blob`; absent: the blob is in Redis. */
  readonly sharedDir?: string;
}

const CHUNK = 1 << 20;

/** The Redis keys of a blob (under the queue's prefix, so one `--queue` name owns them all). */
export function blobKey(prefix: string, hash: string, part: "meta" | number): string {
  return `${prefix}:blob:${hash}:${part}`;
}

/**
 * SHA-256 of bytes, hex.
 *
 * @example
 * sha256(Buffer.from("x")).length; // 64
 */
export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Publishes `bytes` once (a blob already there is left as it is) and returns its reference.
 *
 * @example
 * const ref = await publishBlob(redis, "clinspan", Buffer.from(modelJson));
 */
export async function publishBlob(
  redis: Redis,
  prefix: string,
  bytes: Buffer,
  sharedDir?: string,
): Promise<BlobRef> {
  const hash = sha256(bytes);
  if (sharedDir !== undefined) {
    const file = path.join(path.resolve(sharedDir), `${hash}.blob`);
    const present = await stat(file).then(
      (s) => s.size === bytes.length,
      () => false,
    );
    if (!present) await writeFileAtomic(file, bytes);
    return { hash, size: bytes.length, sharedDir: path.resolve(sharedDir) };
  }
  if ((await redis.exists(blobKey(prefix, hash, "meta"))) === 1) return { hash, size: bytes.length };
  const chunks = Math.max(1, Math.ceil(bytes.length / CHUNK));
  for (let i = 0; i < chunks; i++) {
    await redis.set(blobKey(prefix, hash, i), bytes.subarray(i * CHUNK, (i + 1) * CHUNK));
  }
  await redis.set(blobKey(prefix, hash, "meta"), JSON.stringify({ size: bytes.length, chunks }));
  return { hash, size: bytes.length };
}

/**
 * Loads a published blob and checks its hash (E_MODEL when it is missing or damaged).
 *
 * @example
 * const bytes = await fetchBlob(redis, "clinspan", job.data.model);
 */
export async function fetchBlob(redis: Redis, prefix: string, ref: BlobRef): Promise<Buffer> {
  let bytes: Buffer;
  if (ref.sharedDir !== undefined) {
    const file = path.join(ref.sharedDir, `${ref.hash}.blob`);
    try {
      bytes = await readFile(file);
    } catch (error) {
      throw missingBlob(ref, `${file} cannot be read (${(error as NodeJS.ErrnoException).code})`);
    }
  } else {
    const meta = await redis.get(blobKey(prefix, ref.hash, "meta"));
    if (meta === null) throw missingBlob(ref, "it is not in Redis");
    const { chunks } = JSON.parse(meta) as { chunks: number };
    const parts: Buffer[] = [];
    for (let i = 0; i < chunks; i++) {
      const part = await redis.getBuffer(blobKey(prefix, ref.hash, i));
      if (part === null) throw missingBlob(ref, `chunk ${i} is not in Redis`);
      parts.push(part);
    }
    bytes = Buffer.concat(parts);
  }
  if (sha256(bytes) !== ref.hash) throw missingBlob(ref, "its content does not match its hash");
  return bytes;
}

function missingBlob(ref: BlobRef, why: string): ClinspanError {
  return new ClinspanError({
    code: "E_MODEL",
    message: `the published model ${ref.hash.slice(0, 12)} cannot be loaded: ${why}`,
    value: ref.sharedDir ?? "redis",
    fix: "Run the producer command again (it publishes the model again); with `sharedDir`, mount the same folder on every worker.",
  });
}

/**
 * Packs every file of a folder (recursively, sorted by path) into one buffer: a 4-byte header
 * length, a JSON list of `[path, size]`, then the contents. The same folder always packs the same.
 *
 * @example
 * const bytes = await packFolder("ner-model/");
 */
export async function packFolder(dir: string): Promise<Buffer> {
  const files: string[] = [];
  const walk = async (rel: string) => {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    for (const entry of entries) {
      const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) files.push(child);
    }
  };
  await walk("");
  files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const contents = await Promise.all(files.map((file) => readFile(path.join(dir, file))));
  const header = Buffer.from(JSON.stringify(files.map((file, i) => [file, contents[i].length])));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  return Buffer.concat([length, header, ...contents]);
}

/**
 * Unpacks a {@link packFolder} buffer into `<cache>/<hash>/` (once: a complete folder is renamed into
 * place, so a folder that exists is whole) and returns that folder.
 *
 * @example
 * const dir = await unpackFolder(bytes, ref.hash);
 */
export async function unpackFolder(bytes: Buffer, hash: string, cache = defaultCacheDir()): Promise<string> {
  const target = path.join(cache, hash);
  if (
    await stat(target).then(
      () => true,
      () => false,
    )
  )
    return target;
  const staging = `${target}.${process.pid}.${Math.random().toString(16).slice(2)}.tmp`;
  const headerLength = bytes.readUInt32BE(0);
  const list = JSON.parse(bytes.subarray(4, 4 + headerLength).toString("utf8")) as [string, number][];
  let offset = 4 + headerLength;
  try {
    for (const [rel, size] of list) {
      if (rel.split("/").some((part) => part === ".." || part === "")) throw new Error(`bad path ${rel}`);
      const file = path.join(staging, rel);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, bytes.subarray(offset, offset + size));
      offset += size;
    }
    await mkdir(staging, { recursive: true });
    await rename(staging, target).catch(async (error) => {
      // Another worker on this machine unpacked the same model first: theirs is whole too.
      if (
        !(await stat(target).then(
          () => true,
          () => false,
        ))
      )
        throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return target;
}

/** Where workers unpack published model folders. */
export function defaultCacheDir(): string {
  return path.join(os.tmpdir(), "clinspan-queue-models");
}
