/**
 * The `clinspan` command as a function: `runCli(argv, io)` builds a fresh commander program, runs one
 * command with `io` as its streams and resolves to the exit code. `main.ts` (the `bin` entry) calls it
 * with the process's arguments and streams; tests call it in-process and read what it wrote.
 */

import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { cliErrorMessage } from "./cli-fix.ts";
import { type CliIo, cliIo, withCliIo } from "./cli-io.ts";
import { EXIT, exitCodeFor } from "./exit-codes.ts";
import { configureUsageErrors } from "./usage-errors.ts";

/** A command of `clinspan`: what `clinspan --help` lists, and how to load its module. */
export interface CommandEntry {
  readonly name: string;
  /** The description its module registers (a test keeps them equal). */
  readonly summary: string;
  /** Whether it has options (`[options]` in the command list). */
  readonly options: boolean;
  /** Imports the command's module and returns its register function. */
  load(): Promise<(program: Command) => unknown>;
}

/**
 * Every command, in the order of `clinspan --help` (projection and alignment, metrics, NER,
 * encoders). Modules load only when their command runs, so `clinspan --help` and `clinspan eval`
 * do not load the aligner, the NER models or the encoder runtime. One entry per command.
 */
export const COMMANDS: readonly CommandEntry[] = [
  // command-registrations
  {
    name: "project",
    summary:
      "Carry span annotations from source documents into their translations (annotation projection with the embedded aligner).",
    options: true,
    load: async () => (await import("./commands/project.ts")).registerProject,
  },
  {
    name: "align",
    summary: "Word-align pre-tokenised sentence pairs (`src ||| tgt` lines) and write Pharaoh links.",
    options: true,
    load: async () => (await import("./commands/align.ts")).registerAlign,
  },
  {
    name: "eval",
    summary:
      "Score predicted spans against gold with the official MultiClinAI metrics: strict and character-overlap P/R/F1, per label, overall and per-document macro F1.",
    options: true,
    load: async () => (await import("./commands/eval.ts")).registerEval,
  },
  {
    name: "eval-align",
    summary:
      "Score word alignments (Pharaoh i-j sure / ipj possible) against gold: AER, precision and recall over the corpus.",
    options: true,
    load: async () => (await import("./commands/eval-align.ts")).registerEvalAlign,
  },
  {
    name: "ner",
    summary: "Clinical named-entity recognition: train taggers, tag documents, import heads.",
    options: false,
    load: async () => (await import("./commands/ner.ts")).registerNer,
  },
  {
    name: "ner-compare",
    summary: "Compare encoders for NER data efficiency: one CNN head per encoder and training-set fraction.",
    options: true,
    load: async () => (await import("./commands/ner-compare.ts")).registerNerCompare,
  },
  {
    name: "encode",
    summary: "Encode a text with an ONNX encoder and print token, ColBERT, dense or sparse vectors.",
    options: true,
    load: async () => (await import("./commands/encode.ts")).registerEncode,
  },
  {
    name: "concepts",
    summary: "Map the words of a text to their nearest terminology concepts (diagnosable encoders).",
    options: true,
    load: async () => (await import("./commands/concepts.ts")).registerConcepts,
  },
  {
    name: "index",
    summary: "Build and change search indexes (lexical BM25, ColBERT MaxSim, dense).",
    options: false,
    load: async () => (await import("./commands/search-index.ts")).registerIndex,
  },
  {
    name: "search",
    summary: "Search index folders: one query, or a queries file into a TREC run.",
    options: true,
    load: async () => (await import("./commands/search.ts")).registerSearch,
  },
  {
    name: "eval-retrieval",
    summary:
      "Score a TREC run against qrels; numbers equal trec_eval's (ndcg_cut, map_cut, recip_rank, recall, P).",
    options: true,
    load: async () => (await import("./commands/eval-retrieval.ts")).registerEvalRetrieval,
  },
  {
    name: "eval-sts",
    summary: "Pearson and Spearman correlation of predicted similarity scores with gold (STS).",
    options: true,
    load: async () => (await import("./commands/eval-sts.ts")).registerEvalSts,
  },
  {
    name: "code",
    summary: "Clinical coding: rank ICD-10 codes for mentions and documents (CodiEsp-D/P/X), with evidence.",
    options: false,
    load: async () => (await import("./commands/code.ts")).registerCode,
  },
  {
    name: "eval-coding",
    summary:
      "Score ICD-10 coding: the official CodiEsp-D/P MAP per document, and mention-level MRR@10 and Recall@1/5/10.",
    options: true,
    load: async () => (await import("./commands/eval-coding.ts")).registerEvalCoding,
  },
  {
    name: "serve",
    summary:
      "Serve the HTTP API (/v1, /openapi.json) and the web workbench (review projections, NER, search) on this machine.",
    options: true,
    load: async () => (await import("./commands/serve.ts")).registerServe,
  },
  {
    name: "worker",
    summary:
      "Process projection and tagging jobs from a Redis queue (distributed runs; see --redis on project and ner tag).",
    options: true,
    load: async () => (await import("./commands/worker.ts")).registerWorker,
  },
];

/**
 * The `clinspan` program for one run of `argv`: the command that `argv` names is registered by its
 * module, every other one only as a name and summary for the help. Build a new one per run: commander
 * keeps parsed option values on the command objects.
 *
 * @example
 * (await createProgram(["eval", "--help"])).commands.map((c) => c.name()); // ["project", "align", "eval", ...]
 */
export async function createProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command()
    .name("clinspan")
    .description(
      "Multilingual clinical text: NER, annotation projection, search and exact shared-task metrics.",
    )
    .version(packageVersion())
    .showHelpAfterError()
    .exitOverride()
    // help, usage errors and the version go to the run's streams (inherited by every subcommand)
    .configureOutput({
      writeOut: (text) => cliIo().stdout.write(text),
      writeErr: (text) => cliIo().stderr.write(text),
    })
    .addHelpText(
      "after",
      `
Data goes to stdout (or the files named by --out flags), progress and errors to stderr.
Exit codes: 0 success, 1 internal error (a bug), 2 usage error, 3 invalid input data,
4 a file is missing or cannot be read or written, 5 invalid model folder,
6 a document was lost (the aligner failed on it; pass --keep-going to write the rest),
7 Redis unreachable (--redis runs), 8 a queue job failed after all its attempts,
130/143 interrupted (no output left).`,
    );
  const wanted = argv[0] === "help" ? argv[1] : argv[0];
  for (const entry of COMMANDS) {
    if (entry.name === wanted) {
      (await entry.load())(program);
      continue;
    }
    const stub = program.command(entry.name).description(entry.summary);
    if (entry.options) stub.addOption(new Option("--stub").hideHelp()); // lists it as "name [options]"
  }
  configureUsageErrors(program);
  return program;
}

/**
 * Runs `clinspan ...argv` (the arguments after the command name) and resolves to its exit code;
 * errors are reported on `io.stderr`, never thrown. Streams not given are the process's own.
 *
 * @example
 * const code = await runCli(["eval", "--gold", "gold.tsv", "--pred", "pred.tsv", "--json"], { stdout, stderr });
 */
export function runCli(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const streams: CliIo = { stdout: io.stdout ?? process.stdout, stderr: io.stderr ?? process.stderr };
  return withCliIo(streams, async () => {
    try {
      await (await createProgram(argv)).parseAsync([...argv], { from: "user" });
      return EXIT.OK;
    } catch (error) {
      return await reportError(error);
    }
  });
}

/** The version in package.json (two folders up from both `src/cli/` and `dist/cli/`). */
function packageVersion(): string {
  const file = new URL("../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

async function reportError(error: unknown): Promise<number> {
  const stderr = cliIo().stderr;
  if (error instanceof CommanderError) {
    // commander already printed its message (help, version, or a usage error)
    return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  }
  // Loaded here, not at start-up: `clinspan --help` then reads no library module at all.
  const { ClinspanError } = await import("../core/index.ts");
  if (ClinspanError.isInstance(error)) {
    stderr.write(`clinspan: error ${error.code}: ${cliErrorMessage(error)}\n`);
    return exitCodeFor(error.code);
  }
  stderr.write(
    `clinspan: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return EXIT.INTERNAL;
}
