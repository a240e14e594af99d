/**
 * `clinspan eval-retrieval`: scores a TREC run against TREC or BEIR qrels with trec_eval's
 * conventions (nDCG@k, MAP@k, MRR@k, Recall@k, P@k, recip_rank, MAP; ties by docno descending,
 * queries without results skipped unless --complete).
 */
import type { Command } from "commander";
import { evaluateRun, readQrels, readRun } from "../../index.ts";
import { cliIo } from "../cli-io.ts";
import { intFlag } from "../flags.ts";

/** Registers `clinspan eval-retrieval`. */
export function registerEvalRetrieval(program: Command): void {
  program
    .command("eval-retrieval")
    .description(
      "Score a TREC run against qrels; numbers equal trec_eval's (ndcg_cut, map_cut, recip_rank, recall, P).",
    )
    .requiredOption("--qrels <file>", "TREC qrels (qid 0 docno rel) or BEIR qrels/<split>.tsv")
    .requiredOption("--run <file>", "TREC run (qid Q0 docno rank score tag)")
    .option("--cutoffs <list>", "comma-separated k values", "1,5,10,100")
    .option("--level <n>", "lowest relevant grade (trec_eval -l)", "1")
    .option("--complete", "average over every qrels query, missing ones scoring 0 (trec_eval -c)")
    .option("--per-query", "also print each query's values")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      `
Metric names follow trec_eval: ndcg_cut_10, map_cut_10, recall_10, P_10, recip_rank, map; mrr_cut_10
is recip_rank over the top 10 (trec_eval -M 10 -m recip_rank).

Example:
  clinspan eval-retrieval --qrels qrels.txt --run run.trec --cutoffs 10 --json`,
    )
    .action(
      async (options: {
        qrels: string;
        run: string;
        cutoffs: string;
        level: string;
        complete?: boolean;
        perQuery?: boolean;
        json?: boolean;
      }) => {
        const cutoffs = options.cutoffs.split(",").map((c) => intFlag(c.trim(), "--cutoffs", 1, 1000000, 10));
        const report = evaluateRun(await readQrels(options.qrels), await readRun(options.run), {
          cutoffs,
          relevanceLevel: intFlag(options.level, "--level", -1000, 1000, 1),
          complete: options.complete === true,
        });
        const out = cliIo().stdout;
        if (options.json) {
          out.write(
            `${JSON.stringify({ queries: report.queries, mean: report.mean, ...(options.perQuery ? { perQuery: report.perQuery } : {}) })}\n`,
          );
          return;
        }
        // trec_eval's layout: measure, query (or "all"), value.
        if (options.perQuery) {
          for (const q of report.perQuery)
            for (const [name, v] of Object.entries(q.values))
              out.write(`${name.padEnd(16)}\t${q.queryId}\t${v.toFixed(4)}\n`);
        }
        out.write(`${"num_q".padEnd(16)}\tall\t${report.queries}\n`);
        for (const [name, v] of Object.entries(report.mean))
          out.write(`${name.padEnd(16)}\tall\t${v.toFixed(4)}\n`);
      },
    );
}
