/**
 * `clinspan index build|add|delete|info`: index folders for search. Lexical (BM25, no model files) by
 * default; ColBERT (MaxSim) or dense with `--encoder`. Add and delete change an index in place
 * without a rebuild; every write is atomic and the manifest is written last.
 */
import type { Command } from "commander";
import {
  addToSearchIndex,
  buildSearchIndex,
  ClinspanError,
  type Compression,
  normalizeLanguage,
  openSearchIndex,
  readManifest,
  type SearchIndex,
  saveSearchIndex,
} from "../../index.ts";
import { cliIo } from "../cli-io.ts";
import { choiceFlag } from "../flags.ts";
import { progressBar } from "../progress.ts";
import { maybeEncoder, readSearchDocuments } from "../search-inputs.ts";

interface BuildOptions {
  docs: string;
  out: string;
  encoder?: string;
  kind?: string;
  compression: string;
  lang?: string;
  sparse?: boolean;
}

/** Registers `clinspan index` and its subcommands. */
export function registerIndex(program: Command): void {
  const index = program
    .command("index")
    .description("Build and change search indexes (lexical BM25, ColBERT MaxSim, dense).");

  index
    .command("build")
    .description("Build an index folder from documents.")
    .requiredOption(
      "--docs <path>",
      "a folder of .txt files (id = file name) or a corpus.jsonl ({_id, title?, text})",
    )
    .requiredOption("--out <dir>", "the index folder to write")
    .option("--encoder <dir>", "model folder for colbert / dense indexes (or --sparse lexical weights)")
    .option("--kind <kind>", "lexical, colbert or dense (default: colbert with --encoder, else lexical)")
    .option("--compression <c>", "colbert vector storage: none, fp16, 2bit, 4bit", "none")
    .option("--lang <code>", "language of the documents (tokenizer rules for BM25)")
    .option("--sparse", "lexical index of the encoder's BGE-M3 sparse weights instead of BM25")
    .addHelpText(
      "after",
      `
Examples:
  clinspan index build --docs cases/ --out idx/bm25 --lang es
  clinspan index build --docs corpus.jsonl --out idx/colbert --encoder models/clinical-encoder --compression 2bit`,
    )
    .action(async (options: BuildOptions) => {
      const kind =
        options.kind === undefined
          ? options.encoder && !options.sparse
            ? "colbert"
            : "lexical"
          : choiceFlag(options.kind, "--kind", ["lexical", "colbert", "dense"] as const);
      const compression = choiceFlag(options.compression, "--compression", [
        "none",
        "fp16",
        "2bit",
        "4bit",
      ] as const);
      const lang = options.lang ? normalizeLanguage(options.lang) : undefined;
      const docs = await readSearchDocuments(options.docs, lang);
      const encoder = await maybeEncoder(options.encoder);
      const bar = progressBar("indexing", cliIo().stderr as NodeJS.WriteStream);
      const started = performance.now();
      try {
        const built = await buildSearchIndex(docs, {
          kind: kind as SearchIndex["kind"],
          ...(encoder ? { encoder, encoderDir: options.encoder } : {}),
          compression: compression as Compression,
          ...(lang ? { lang } : {}),
          sparse: options.sparse === true,
          onProgress: bar.update,
        });
        bar.finish();
        await saveSearchIndex(built, options.out);
        cliIo().stderr.write(
          `clinspan index: ${built.index.size} documents, ${kind} index written to ${options.out} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
        );
      } finally {
        await encoder?.close();
      }
    });

  index
    .command("add")
    .description("Add documents to an index (no rebuild; ColBERT reuses its codebook).")
    .requiredOption("--index <dir>", "the index folder")
    .requiredOption("--docs <path>", "a folder of .txt files or a corpus.jsonl")
    .option("--encoder <dir>", "model folder (default: the one recorded in the index)")
    .option("--lang <code>", "language of the documents")
    .action(async (options: { index: string; docs: string; encoder?: string; lang?: string }) => {
      const opened = await openSearchIndex(options.index);
      const lang = options.lang ? normalizeLanguage(options.lang) : undefined;
      const docs = await readSearchDocuments(options.docs, lang);
      const needsEncoder = opened.kind !== "lexical" || opened.index.scoring === "dot";
      const encoder = needsEncoder ? await maybeEncoder(options.encoder ?? opened.encoderDir) : undefined;
      try {
        await addToSearchIndex(opened, docs, encoder ? { encoder } : {});
        await saveSearchIndex(opened, options.index);
        cliIo().stderr.write(
          `clinspan index: added ${docs.length} documents, ${opened.index.size} in total\n`,
        );
      } finally {
        await encoder?.close();
      }
    });

  index
    .command("delete")
    .description("Delete documents from an index by id (the index is compacted when saved).")
    .requiredOption("--index <dir>", "the index folder")
    .requiredOption("--id <ids...>", "document ids (repeat or separate with commas)")
    .action(async (options: { index: string; id: string[] }) => {
      const opened = await openSearchIndex(options.index);
      const ids = options.id.flatMap((v) => v.split(",")).filter((v) => v !== "");
      const missing = ids.filter((id) => !opened.index.delete(id));
      if (missing.length === ids.length) {
        throw new ClinspanError({
          code: "E_USAGE",
          message: "none of the ids is in the index",
          value: missing.slice(0, 5),
          file: options.index,
          fix: "Check the ids (they are listed in the index folder's ids.json).",
        });
      }
      await saveSearchIndex(opened, options.index);
      if (missing.length > 0)
        cliIo().stderr.write(
          `clinspan index: warning: ${missing.length} id(s) not found: ${missing.slice(0, 3).join(", ")}\n`,
        );
      cliIo().stderr.write(
        `clinspan index: deleted ${ids.length - missing.length}, ${opened.index.size} left\n`,
      );
    });

  index
    .command("info")
    .description("Print an index's manifest (kind, version, sizes, compression, bytes per token).")
    .requiredOption("--index <dir>", "the index folder")
    .option("--json", "print JSON")
    .action(async (options: { index: string; json?: boolean }) => {
      const manifest = await readManifest(options.index);
      const out = cliIo().stdout;
      if (options.json) out.write(`${JSON.stringify(manifest)}\n`);
      else
        for (const [k, v] of Object.entries(manifest))
          out.write(`${k}\t${typeof v === "object" ? JSON.stringify(v) : String(v)}\n`);
    });
}
