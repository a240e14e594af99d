/**
 * `clinspan serve`: the HTTP API and the web workbench on this machine. Listens on 127.0.0.1 unless
 * told otherwise; any other address needs --token (then every API request needs the bearer token).
 * SIGTERM / SIGINT stop it gracefully: requests in flight finish first.
 */

import { existsSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import {
  ClinspanError,
  type CodeIndex,
  type Encoder,
  loadCodeIndex,
  loadEncoder,
  loadNerModel,
  machineLexiconDirs,
  openSearchIndex,
  type Tagger,
} from "../../index.ts";
import {
  buildWeb,
  codeProviderFromIndex,
  createApp,
  DataRoot,
  defaultWebDir,
  listen,
  searchProviderFromIndex,
} from "../../server/index.ts";
import { cliIo } from "../cli-io.ts";
import { intFlag, numberFlag } from "../flags.ts";

interface ServeOptions {
  host: string;
  port: string;
  data?: string;
  nerModel?: string;
  encoder?: string;
  index?: string;
  codeIndex?: string;
  token?: string;
  bodyLimit: string;
  timeLimit: string;
  maxConcurrent: string;
}

/**
 * True for addresses that only this machine can reach.
 *
 * @example
 * isLoopback("127.0.0.1"); // true
 * isLoopback("0.0.0.0"); // false
 */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Registers `clinspan serve`. */
export function registerServe(program: Command): void {
  program
    .command("serve")
    .description(
      "Serve the HTTP API (/v1, /openapi.json) and the web workbench (review projections, NER, search) on this machine.",
    )
    .option("--host <address>", "address to listen on (non-loopback needs --token)", "127.0.0.1")
    .option("--port <n>", "port (0 picks a free one)", "8080")
    .option(
      "--data <dir>",
      "folder of corpora to review (MultiClinAI trees, brat, text + TSV); reviews are saved inside it",
    )
    .option("--ner-model <dir>", "NER model folder (`clinspan ner train --out DIR`): enables /v1/ner/tag")
    .option("--encoder <dir>", "ONNX encoder folder: enables /v1/encode")
    .option("--index <dir>", "search index folder: enables /v1/search")
    .option("--code-index <dir>", "coding index folder: enables /v1/code")
    .option("--token <token>", "require `Authorization: Bearer <token>` (or set CLINSPAN_TOKEN)")
    .option("--body-limit <MB>", "largest request body in MB", "5")
    .option("--time-limit <s>", "time limit per request in seconds", "60")
    .option("--max-concurrent <n>", "requests running at once; more get 503 + Retry-After", "4")
    .addHelpText(
      "after",
      `
Examples:
  clinspan serve --data data/sample                     # then open http://127.0.0.1:8080/
  clinspan serve --data corpus --ner-model models/ner --port 9000
  CLINSPAN_TOKEN=s3cret clinspan serve --host 0.0.0.0   # reachable from other machines, token required
`,
    )
    .action(async (options: ServeOptions) => {
      const io = cliIo();
      const token = options.token ?? (process.env.CLINSPAN_TOKEN || undefined);
      if (!isLoopback(options.host) && !token) {
        throw new ClinspanError({
          code: "E_USAGE",
          message: `--host ${options.host} would let other machines reach the server without a token`,
          value: options.host,
          fix: "Keep the default --host 127.0.0.1, or pass --token (or set CLINSPAN_TOKEN) so that every request needs it.",
        });
      }
      const port = intFlag(options.port, "--port", 0, 65535, 8080);
      const bodyLimit = Math.round(numberFlag(options.bodyLimit, "--body-limit", 0.001, 1024) * 1024 * 1024);
      const timeLimitMs = Math.round(numberFlag(options.timeLimit, "--time-limit", 0.1, 3600) * 1000);
      const maxConcurrent = intFlag(options.maxConcurrent, "--max-concurrent", 1, 1024, 4);
      const data = options.data ? await DataRoot.open(options.data) : undefined;
      const tagger: Tagger | undefined = options.nerModel ? await loadNerModel(options.nerModel) : undefined;
      const encoder: Encoder | undefined = options.encoder ? await loadEncoder(options.encoder) : undefined;
      const search = options.index
        ? await searchProviderFromIndex(await openSearchIndex(options.index))
        : undefined;
      const codeIndex = options.codeIndex ? await loadCodeIndex(options.codeIndex) : undefined;
      const codeEncoder = codeIndex ? await denseStageEncoder(codeIndex, options.codeIndex!) : undefined;
      const code = codeIndex
        ? codeProviderFromIndex(codeIndex, codeEncoder ? { encoder: codeEncoder } : {})
        : undefined;
      const webDir = defaultWebDir();
      if (!existsSync(path.join(webDir, "app.js"))) {
        io.stderr.write("clinspan serve: building the web page (first run)...\n");
        await buildWeb({ outDir: webDir });
      }
      const app = createApp({
        data,
        tagger,
        encoder,
        search,
        code,
        token,
        bodyLimit,
        timeLimitMs,
        maxConcurrent,
        webDir,
        lexiconDirs: machineLexiconDirs(),
      });
      const server = await listen(app, { host: options.host, port });
      io.stderr.write(
        `clinspan serve: listening on ${server.url}/ (API ${server.url}/v1, ${server.url}/openapi.json)${data ? `, data ${data.dir}` : ""}${tagger ? `, NER ${tagger.labels.join("/")}` : ""}. Stop with Ctrl-C.\n`,
      );
      io.stdout.write(`${server.url}/\n`);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          process.off("SIGTERM", onTerm);
          process.off("SIGINT", onInt);
          io.stderr.write(`clinspan serve: ${signal}, finishing requests in flight...\n`);
          resolve();
        };
        const onTerm = () => stop("SIGTERM");
        const onInt = () => stop("SIGINT");
        process.on("SIGTERM", onTerm);
        process.on("SIGINT", onInt);
      });
      await server.close();
      await encoder?.close();
      await search?.close();
      await codeEncoder?.close();
      io.stderr.write("clinspan serve: stopped.\n");
    });
}

/** The encoder of a code index's dense stage (none without one); a clear error when it cannot load. */
async function denseStageEncoder(index: CodeIndex, dir: string): Promise<Encoder | undefined> {
  if (!index.dense || index.encoderDir === undefined) return undefined;
  try {
    return await loadEncoder(index.encoderDir);
  } catch (e) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: `the code index ${dir} has a dense stage whose encoder ${index.encoderDir} could not be loaded: ${e instanceof Error ? e.message : String(e)}`,
      value: index.encoderDir,
      file: dir,
      fix: "Put the encoder that built the code index at the folder it records, or rebuild the index without --encoder.",
    });
  }
}
