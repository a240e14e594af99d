/**
 * Nothing is lost when a machine misbehaves, on a real redis-server: a worker killed (SIGKILL) in the
 * middle of a job, a producer killed and started again, Redis unreachable or going away, a job that
 * keeps failing. Each test starts its own redis-server and `clinspan` child processes.
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { projectFolders } from "../../src/index.ts";
import { writeCorpus } from "../corpus/corpus-fixture.ts";
import {
  freePort,
  runCli,
  skipReason,
  startCli,
  startedJobs,
  startRedis,
  type TestRedis,
} from "./helpers.ts";

/** A corpus folder, the local run's output as reference, and the producer's arguments. */
async function setUp() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-queue-fail-"));
  const { es, en, ann } = await writeCorpus(dir);
  const local = path.join(dir, "local.tsv");
  await projectFolders(
    { srcText: es, srcAnn: ann, tgtText: en, out: local },
    { srcLang: "es", tgtLang: "en", workers: 0 },
  );
  const project = (out: string, url: string, ...more: string[]) => [
    "project",
    ...["--src-text", es, "--src-ann", ann, "--tgt-text", en, "--out", out, "--redis", url],
    ...more,
  ];
  return { dir, local: await readFile(local), project };
}

async function outputsIn(dir: string, name: string): Promise<string[]> {
  return (await readdir(dir)).filter((file) => file.includes(name));
}

test("a worker killed mid-job: another worker takes the job over, every document once", {
  skip: skipReason,
}, async () => {
  const { dir, local, project } = await setUp();
  const redis = await startRedis();
  // Both workers check for stalled jobs often: the check is shared by the queue's workers and a
  // check by one postpones the others' for its interval (30 s by default), so the killed worker's
  // default would hold the rescuer back for half a minute.
  const slow = startCli(
    ["worker", "--redis", redis.url, "--lock-duration", "1000", "--stalled-interval", "300"],
    dir,
    { CLINSPAN_WORKER_DELAY_MS: "500" },
  );
  let rescuer: ReturnType<typeof startCli> | undefined;
  try {
    await slow.waitFor(/waiting for jobs/);
    const producer = startCli(project("queued.tsv", redis.url, "--job-size", "3"), dir);
    const [, jobId] = await slow.waitFor(/job (\S+) \(project, 3 document\(s\), attempt 1\) started/);
    assert.equal(await slow.kill("SIGKILL"), 128 + os.constants.signals.SIGKILL);
    rescuer = startCli(["worker", "--redis", redis.url, "--stalled-interval", "300"], dir);
    assert.equal(await producer.exit, 0, producer.stderr());
    assert.deepEqual(await readFile(path.join(dir, "queued.tsv")), local, "same bytes: each document once");
    assert.ok(startedJobs(rescuer.stderr()).includes(jobId), `job ${jobId} taken over:\n${rescuer.stderr()}`);
    assert.ok(!slow.stderr().includes(`job ${jobId} done`), "the killed worker never finished it");
  } finally {
    await slow.kill("SIGKILL");
    await rescuer?.kill();
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test("a producer killed and started again resumes without redoing finished jobs", {
  skip: skipReason,
}, async () => {
  const { dir, local, project } = await setUp();
  const redis = await startRedis();
  const worker = startCli(["worker", "--redis", redis.url], dir, { CLINSPAN_WORKER_DELAY_MS: "300" });
  try {
    await worker.waitFor(/waiting for jobs/);
    const args = project("queued.tsv", redis.url, "--job-size", "1");
    const first = startCli(args, dir);
    await worker.waitFor(/done in [\d.]+ s[\s\S]*done in [\d.]+ s/); // two jobs finished
    await first.kill("SIGKILL");
    assert.deepEqual(await outputsIn(dir, "queued.tsv").then((f) => f.filter((n) => n === "queued.tsv")), []);

    const second = await runCli(args, dir);
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(await readFile(path.join(dir, "queued.tsv")), local);
    assert.match(second.stderr, /reusing the projection model \w+ trained by an earlier run/);
    const resumed = Number(second.stderr.match(/(\d+) of 6 job\(s\) had finished in an earlier run/)?.[1]);
    assert.ok(resumed >= 2, second.stderr);
    // Six jobs per round (the self-taught first round, then the delivered one), each started once.
    const started = startedJobs(worker.stderr());
    assert.equal(started.length, 12, `twelve jobs, each started once:\n${worker.stderr()}`);
    assert.equal(new Set(started).size, 12);
  } finally {
    await worker.kill();
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test("Redis unreachable, or gone mid-run: exit 7 naming the URL, no output left as complete", {
  skip: skipReason,
}, async () => {
  const { dir, project } = await setUp();
  let redis: TestRedis | undefined;
  try {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const unreachable = await runCli(project("never.tsv", url, "--redis-timeout", "1"), dir);
    assert.equal(unreachable.code, 7, unreachable.stderr);
    assert.match(
      unreachable.stderr,
      new RegExp(`E_QUEUE_UNAVAILABLE: cannot reach Redis at redis://127\\.0\\.0\\.1:${port}`),
    );
    assert.deepEqual(await outputsIn(dir, "never.tsv"), []);

    redis = await startRedis();
    const worker = startCli(["worker", "--redis", redis.url, "--redis-timeout", "1"], dir, {
      CLINSPAN_WORKER_DELAY_MS: "1000",
    });
    await worker.waitFor(/waiting for jobs/);
    const producer = startCli(project("gone.tsv", redis.url, "--redis-timeout", "1", "--job-size", "3"), dir);
    await worker.waitFor(/started/);
    await redis.stop("SIGKILL");
    const [producerCode, workerCode] = await Promise.all([producer.exit, worker.exit]);
    const lost = new RegExp(
      `E_QUEUE_UNAVAILABLE: lost the connection to Redis at ${redis.url.replace(/\./g, "\\.")}`,
    );
    assert.equal(producerCode, 7, producer.stderr());
    assert.match(producer.stderr(), lost);
    assert.equal(workerCode, 7, worker.stderr());
    assert.match(worker.stderr(), lost);
    assert.deepEqual(
      await outputsIn(dir, "gone.tsv"),
      [],
      "neither the output nor its temporary file is left",
    );
  } finally {
    await redis?.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test("a job that keeps failing is reported with its documents (exit 8); the next run redoes only it", {
  skip: skipReason,
}, async () => {
  const { dir, local, project } = await setUp();
  const redis = await startRedis();
  // A worker with other system dictionaries than the producer refuses projection jobs.
  const lexicons = path.join(dir, "other-dictionaries");
  await mkdir(lexicons);
  await writeFile(path.join(lexicons, "apertium-es-en.es-en.dix"), "<dictionary/>");
  const misfit = startCli(["worker", "--redis", redis.url], dir, { CLINSPAN_LEXICON_DIRS: lexicons });
  let good: ReturnType<typeof startCli> | undefined;
  try {
    await misfit.waitFor(/waiting for jobs/);
    const args = project("out.tsv", redis.url, "--job-size", "3", "--attempts", "2");
    const failed = await runCli(args, dir);
    assert.equal(failed.code, 8, failed.stderr);
    assert.match(failed.stderr, /E_JOB_FAILED: 2 job\(s\) failed after all their attempts/);
    assert.match(failed.stderr, /failed after 2 attempt\(s\); documents d1, d2, d3: .*system dictionaries/);
    assert.match(failed.stderr, /documents d4, d5, d6/);
    assert.deepEqual(await outputsIn(dir, "out.tsv"), []);
    await misfit.kill();

    good = startCli(["worker", "--redis", redis.url], dir);
    const again = await runCli(args, dir);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(await readFile(path.join(dir, "out.tsv")), local);
    // The two first-round jobs that failed ran again, once each, then the second round's two jobs.
    assert.equal(startedJobs(good.stderr()).length, 4, `jobs on the good worker:\n${good.stderr()}`);
  } finally {
    await misfit.kill();
    await good?.kill();
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
