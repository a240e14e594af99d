/**
 * `clinspan eval-coding`: the official CodiEsp-D/P MAP of ranked codes per document and, given
 * mention-level predictions, MRR@10 and Recall@1/5/10 per label.
 */
import type { Command } from "commander";
import {
  ClinspanError,
  codiEspMap,
  type MentionRankingScores,
  mentionRankingScores,
  rankOf,
  readCodingPairs,
  readDocCodes,
  readMentionCodes,
  readValidCodes,
  roundHalfEven,
} from "../../index.ts";
import { cliIo } from "../cli-io.ts";

interface EvalCodingOptions {
  gold?: string;
  pred?: string;
  codes?: string;
  goldX?: string;
  predMentions?: string;
  json?: boolean;
}

/** Registers `clinspan eval-coding`. */
export function registerEvalCoding(program: Command): void {
  program
    .command("eval-coding")
    .description(
      "Score ICD-10 coding: the official CodiEsp-D/P MAP per document, and mention-level MRR@10 and Recall@1/5/10.",
    )
    .option("--gold <file>", "gold codes per document (CodiEsp-D/P TSV: articleID<TAB>code)")
    .option("--pred <file>", "ranked predicted codes per document, best first (same format)")
    .option("--codes <file>", "valid-code list (first column); predicted codes outside it are ignored")
    .option("--gold-x <file>", "gold mentions with codes (CodiEsp-X TSV) for mention-level scores")
    .option("--pred-mentions <file>", "ranked codes per mention, as written by `clinspan code mentions`")
    .option("--json", "print JSON instead of text")
    .addHelpText(
      "after",
      `
MAP follows the organisers' codiespD_P_evaluation.py exactly: codes lower-cased, repeated codes keep
their first rank, codes outside --codes removed before ranking, the first 1000 codes per document,
mean over the documents that have predictions (gold documents without any are left out).
Mention level: each gold (mention, code) row is a query matched by document and offsets.

Examples:
  clinspan eval-coding --gold codiesp/test/testD.tsv --pred D.tsv --codes codiesp-D_codes.tsv
  clinspan eval-coding --gold-x codiesp/test/testX.tsv --pred-mentions codes.tsv --json
`,
    )
    .action(async (options: EvalCodingOptions) => {
      const io = cliIo();
      if ((options.gold === undefined) !== (options.pred === undefined)) {
        throw usage("--gold and --pred go together", options.gold ?? options.pred);
      }
      if ((options.goldX === undefined) !== (options.predMentions === undefined)) {
        throw usage("--gold-x and --pred-mentions go together", options.goldX ?? options.predMentions);
      }
      if (options.gold === undefined && options.goldX === undefined) {
        throw usage("nothing to score", "");
      }
      const r = (x: number) => roundHalfEven(x, 4);
      const out: Record<string, unknown> = {};
      const lines: string[] = [];
      if (options.gold && options.pred) {
        const valid = options.codes ? await readValidCodes(options.codes) : undefined;
        const res = codiEspMap(await readDocCodes(options.gold), await readDocCodes(options.pred), valid);
        out.map = r(res.map);
        out.documentsPredicted = res.documentsPredicted;
        out.goldDocuments = res.goldDocuments;
        out.goldDocumentsWithoutPredictions = res.goldDocumentsWithoutPredictions;
        out.invalidPredictions = res.invalidPredictions;
        lines.push(
          `MAP        ${r(res.map).toFixed(4)}`,
          `documents  predicted ${res.documentsPredicted}, gold ${res.goldDocuments}, gold without predictions ${res.goldDocumentsWithoutPredictions}`,
          ...(valid ? [`invalid    ${res.invalidPredictions} predicted codes outside the valid list`] : []),
        );
      }
      if (options.goldX && options.predMentions) {
        const gold = await readCodingPairs(options.goldX, "codiesp");
        const pred = await readMentionCodes(options.predMentions);
        const byLabel = new Map<string, number[]>();
        const all: number[] = [];
        for (const g of gold) {
          const ranked = pred.get(`${g.docId}\t${g.start}\t${g.end}`) ?? [];
          const rank = rankOf(ranked, g.code);
          all.push(rank);
          const list = byLabel.get(g.label) ?? [];
          list.push(rank);
          byLabel.set(g.label, list);
        }
        const fmt = (s: MentionRankingScores) => ({
          queries: s.queries,
          mrr10: r(s.mrr10),
          r1: r(s.r1),
          r5: r(s.r5),
          r10: r(s.r10),
        });
        const mention: Record<string, unknown> = { overall: fmt(mentionRankingScores(all)) };
        lines.push("mentions   label          queries  MRR@10  R@1     R@5     R@10");
        for (const [label, ranks] of [...byLabel, ["overall", all] as const]) {
          const s = mentionRankingScores(ranks);
          if (label !== "overall") mention[label] = fmt(s);
          lines.push(
            `           ${String(label).padEnd(14)} ${String(s.queries).padStart(7)}  ${r(s.mrr10).toFixed(4)}  ${r(s.r1).toFixed(4)}  ${r(s.r5).toFixed(4)}  ${r(s.r10).toFixed(4)}`,
          );
        }
        out.mentions = mention;
      }
      io.stdout.write(options.json ? `${JSON.stringify(out, null, 2)}\n` : `${lines.join("\n")}\n`);
    });
}

function usage(message: string, value: unknown): ClinspanError {
  return new ClinspanError({
    code: "E_USAGE",
    message,
    value,
    fix: "Pass --gold D.tsv --pred D.tsv for MAP, and/or --gold-x X.tsv --pred-mentions codes.tsv for mention-level scores.",
  });
}
