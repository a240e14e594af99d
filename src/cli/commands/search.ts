/**
 * `clinspan search`: one query (`--query`, printed as a table or JSON, with `--explain` token-level
 * explanations) or a batch (`--queries queries.jsonl --out run.trec`), over one index or several
 * fused (`--index A --index B`, reciprocal-rank or weighted score fusion), optionally reranked by a
 * cross-encoder (`--rerank DIR`). Lexical indexes need no model files; `--translate` makes a query
 * in one language search documents in another through EM translation tables.
 */
import type { Command } from "commander";
import {
  ClinspanError,
  type ConceptTable,
  type CrossEncoder,
  documentText,
  type EncodedQuery,
  type Encoder,
  encodeQuery,
  explainHit,
  hitsToRun,
  type LinearHead,
  loadConceptTable,
  loadCrossEncoder,
  loadLinearHead,
  loadProjectionModel,
  openSearchIndex,
  type QueryOptions,
  reciprocalRankFusion,
  rerank,
  type SearchHit,
  type SearchIndex,
  searchEncoded,
  weightedScoreFusion,
  writeRun,
} from "../../index.ts";
import { cliIo } from "../cli-io.ts";
import { choiceFlag, intFlag, numberFlag } from "../flags.ts";
import { progressBar } from "../progress.ts";
import { maybeEncoder, readSearchQueries } from "../search-inputs.ts";

interface SearchOptions {
  index: string[];
  query?: string;
  queries?: string;
  out?: string;
  k: string;
  explain?: boolean;
  rerank?: string;
  rerankTop: string;
  encoder?: string;
  queryEncoder?: string;
  adapter?: string;
  concepts?: string;
  translate?: string;
  queryLang?: string;
  fusion: string;
  weights?: string;
  exhaustive?: boolean;
  nprobe?: string;
  json?: boolean;
  tag: string;
}

/** One opened index with the query options it needs. */
interface Target {
  readonly dir: string;
  readonly index: SearchIndex;
  readonly query: QueryOptions;
}

/** Registers `clinspan search`. */
export function registerSearch(program: Command): void {
  program
    .command("search")
    .description("Search index folders: one query, or a queries file into a TREC run.")
    .requiredOption("--index <dirs...>", "index folder(s); several are fused (see --fusion)")
    .option("--query <text>", "one query")
    .option("--queries <file>", "queries.jsonl ({_id, text} per line) for a batch run")
    .option("--out <file>", "with --queries: the TREC run file to write")
    .option("--k <n>", "hits per query", "10")
    .option(
      "--explain",
      "explain each hit (ColBERT: matched tokens with offsets and contributions; BM25: terms)",
    )
    .option(
      "--concepts <table>",
      "with --explain: a concept table (clinspan concepts --save-table, colbert output)",
    )
    .option("--rerank <dir>", "cross-encoder model folder: re-score the top hits")
    .option("--rerank-top <n>", "hits re-scored by --rerank", "50")
    .option("--encoder <dir>", "query encoder (default: the encoder recorded in the index)")
    .option(
      "--query-encoder <dir>",
      "a separate (CARE) query encoder; its size must match the index or use --adapter",
    )
    .option(
      "--adapter <file>",
      "linear adapter from the query encoder's space to the index's (.safetensors, .npy or .json)",
    )
    .option(
      "--translate <model>",
      "lexical: EM projection model (clinspan project --save-model) for cross-lingual queries",
    )
    .option("--query-lang <code>", "with --translate: the language of the queries")
    .option("--fusion <mode>", "several indexes: rrf or weighted", "rrf")
    .option("--weights <list>", "fusion weights, one per index, comma-separated")
    .option("--exhaustive", "ColBERT: exhaustive MaxSim instead of candidate generation")
    .option("--nprobe <n>", "ColBERT: centroids probed per query token", "8")
    .option("--tag <name>", "run tag in the TREC file", "clinspan")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      `
Examples:
  clinspan search --index idx/bm25 --query "dolor torácico" --k 5
  clinspan search --index idx/colbert --query "dolor torácico" --explain --json
  clinspan search --index idx/bm25-es --query "chest pain" --translate es-en.model.json --query-lang en
  clinspan search --index idx/bm25 --index idx/colbert --queries queries.jsonl --out run.trec
  clinspan search --index idx/colbert --query "..." --query-encoder models/care-query --rerank models/reranker`,
    )
    .action(async (options: SearchOptions) => {
      if ((options.query === undefined) === (options.queries === undefined)) {
        throw new ClinspanError({
          code: "E_USAGE",
          message: "pass exactly one of --query and --queries",
          value: { query: options.query ?? null, queries: options.queries ?? null },
          fix: 'Use --query "text" for one query or --queries queries.jsonl --out run.trec for a batch.',
        });
      }
      if (options.queries !== undefined && options.out === undefined) {
        throw new ClinspanError({
          code: "E_USAGE",
          message: "--queries needs --out for the TREC run",
          value: options.queries,
          fix: "Add --out run.trec.",
        });
      }
      const k = intFlag(options.k, "--k", 1, 100000, 10);
      const fusion = choiceFlag(options.fusion, "--fusion", ["rrf", "weighted"] as const);
      const weights = options.weights?.split(",").map((w) => numberFlag(w, "--weights", -1000, 1000));
      const encoders = new Map<string, Encoder>();
      let reranker: CrossEncoder | undefined;
      try {
        const targets = await openTargets(options, encoders);
        const concepts: ConceptTable | undefined = options.concepts
          ? await loadConceptTable(options.concepts)
          : undefined;
        reranker = options.rerank ? await loadCrossEncoder(options.rerank) : undefined;
        const rerankTop = intFlag(options.rerankTop, "--rerank-top", 1, 100000, 50);
        const run = async (text: string) => {
          const lists: SearchHit[][] = [];
          const encoded: EncodedQuery[] = [];
          for (const t of targets) {
            const q = await encodeQuery(t.index, text, t.query);
            encoded.push(q);
            lists.push(searchEncoded(t.index, q, { ...t.query, k: Math.max(k, reranker ? rerankTop : k) }));
          }
          let hits =
            lists.length === 1
              ? lists[0]
              : fusion === "rrf"
                ? reciprocalRankFusion(lists, { ...(weights ? { weights } : {}) })
                : weightedScoreFusion(lists, { ...(weights ? { weights } : {}) });
          if (reranker) {
            const textOf = (id: string) => {
              for (const t of targets) {
                const s = documentText(t.index, id);
                if (s !== undefined) return s;
              }
              throw new ClinspanError({
                code: "E_USAGE",
                message: `--rerank needs document texts, and the index does not store the text of ${JSON.stringify(id)}`,
                value: id,
                fix: "Rerank over a colbert or dense index (they keep texts), or fuse one with the lexical index.",
              });
            };
            hits = await rerank(text, hits, textOf, reranker, { topK: rerankTop });
          }
          return { hits: hits.slice(0, k), encoded };
        };

        const out = cliIo().stdout;
        if (options.query !== undefined) {
          const { hits, encoded } = await run(options.query);
          const explained = options.explain
            ? hits.map((h) => {
                for (let i = 0; i < targets.length; i++) {
                  const e = explainHit(
                    targets[i].index,
                    encoded[i],
                    options.query!,
                    h.id,
                    concepts ? { concepts } : {},
                  );
                  if (e) return { ...e, indexScore: e.score, score: h.score };
                }
                return { id: h.id, score: h.score };
              })
            : undefined;
          const withText = hits.map((h) => {
            const text = targets.map((t) => documentText(t.index, h.id)).find((s) => s !== undefined);
            return { id: h.id, score: h.score, ...(text !== undefined ? { text } : {}) };
          });
          if (options.json || options.explain) {
            out.write(`${JSON.stringify({ query: options.query, hits: explained ?? withText })}\n`);
          } else {
            withText.forEach((h, i) => {
              const snippet = h.text === undefined ? "" : `\t${h.text.replace(/\s+/g, " ").slice(0, 80)}`;
              out.write(`${i + 1}\t${h.id}\t${h.score.toFixed(4)}${snippet}\n`);
            });
          }
          return;
        }
        const queries = await readSearchQueries(options.queries!);
        const bar = progressBar("searching", cliIo().stderr as NodeJS.WriteStream);
        const results = new Map<string, SearchHit[]>();
        const started = performance.now();
        for (let i = 0; i < queries.length; i++) {
          results.set(queries[i].id, (await run(queries[i].text)).hits);
          bar.update(i + 1, queries.length);
        }
        bar.finish();
        await writeRun(options.out!, hitsToRun(results), options.tag);
        const seconds = (performance.now() - started) / 1000;
        cliIo().stderr.write(
          `clinspan search: ${queries.length} queries in ${seconds.toFixed(1)} s (${(queries.length / seconds).toFixed(1)} queries/s), run written to ${options.out}\n`,
        );
      } finally {
        await reranker?.close();
        for (const e of encoders.values()) await e.close();
      }
    });
}

/** Opens every index with its query encoder, adapter and translation model. */
async function openTargets(options: SearchOptions, encoders: Map<string, Encoder>): Promise<Target[]> {
  const translation = options.translate
    ? { model: await loadProjectionModel(options.translate), queryLang: requireQueryLang(options.queryLang) }
    : undefined;
  const targets: Target[] = [];
  for (const dir of options.index) {
    const index = await openSearchIndex(dir);
    const needsEncoder = index.kind !== "lexical" || index.index.scoring === "dot";
    let encoder: Encoder | undefined;
    let adapter: LinearHead | undefined;
    if (needsEncoder) {
      const encoderDir = options.queryEncoder ?? options.encoder ?? index.encoderDir;
      if (encoderDir === undefined) {
        throw new ClinspanError({
          code: "E_USAGE",
          message: `the ${index.kind} index records no encoder`,
          value: dir,
          fix: "Pass --encoder DIR (the model that built the index) or --query-encoder DIR.",
        });
      }
      encoder = encoders.get(encoderDir) ?? (await maybeEncoder(encoderDir))!;
      encoders.set(encoderDir, encoder);
      if (options.adapter) {
        const inDim =
          index.kind === "colbert"
            ? (encoder.info.colbertDim ?? encoder.info.hiddenSize)
            : encoder.info.hiddenSize;
        adapter = await loadLinearHead(options.adapter, "adapter", inDim);
      }
    }
    targets.push({
      dir,
      index,
      query: {
        ...(encoder ? { encoder } : {}),
        ...(adapter ? { adapter } : {}),
        ...(translation && index.kind === "lexical" ? { translation } : {}),
        late: {
          mode: options.exhaustive ? "exhaustive" : "candidates",
          nprobe: intFlag(options.nprobe ?? "8", "--nprobe", 1, 65536, 8),
        },
      },
    });
  }
  return targets;
}

function requireQueryLang(lang: string | undefined): string {
  if (lang === undefined) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "--translate needs --query-lang",
      fix: "Pass the language of the queries, e.g. --query-lang en.",
    });
  }
  return lang;
}
