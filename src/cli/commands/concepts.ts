/**
 * `clinspan concepts`: "diagnoses" an encoder by mapping the words of a text (and the whole text) to
 * their nearest concepts in a terminology encoded by the same model. The concept table is built from
 * a `code<TAB>language<TAB>term` file, or loaded from one saved earlier with --save-table.
 */
import type { Command } from "commander";
import {
  buildConceptTable,
  ClinspanError,
  type ConceptMatch,
  type ConceptTable,
  loadConceptTable,
  mapVectorsToConcepts,
  nearestConcepts,
  normalizeLanguage,
  poolToWords,
  readTerminology,
  saveConceptTable,
  spanVector,
  tokenize,
} from "../../index.ts";
import { cliIo } from "../cli-io.ts";
import { choiceFlag, intFlag } from "../flags.ts";
import { progressBar } from "../progress.ts";
import { addEncoderOptions, type EncoderCliOptions, openEncoderFromCli } from "./encode.ts";

interface ConceptsOptions extends EncoderCliOptions {
  terms?: string;
  table?: string;
  saveTable?: string;
  text: string;
  k: string;
  output: string;
  lang?: string;
  json?: boolean;
}

/** Registers `clinspan concepts`; `write` receives the data (stdout by default; tests capture it). */
export function registerConcepts(
  program: Command,
  write: (data: string) => void = (d) => cliIo().stdout.write(d),
): void {
  addEncoderOptions(
    program
      .command("concepts")
      .description("Map the words of a text to their nearest terminology concepts (diagnosable encoders)."),
  )
    .option("--terms <file>", "terminology TSV: code<TAB>language<TAB>term per line")
    .option("--table <file>", "a concept table saved earlier with --save-table (instead of --terms)")
    .option("--save-table <file>", "save the table built from --terms (JSON index + .f32 vectors)")
    .requiredOption("--text <text>", "the text whose words are mapped")
    .option("--k <n>", "concepts per word", "5")
    .option("--output <kind>", "vectors to compare: states or colbert", "states")
    .option("--lang <code>", "language of the text (word tokenisation)")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      `
Each word (Clinspan word tokens) takes the mean of its subword vectors; the whole text the mean of
all of them. Scores are cosine similarities; each concept code appears once (its best term).

Examples:
  clinspan concepts --model models/clinical-encoder --terms icd10-es.tsv --text "hipertensión arterial" --k 3
  clinspan concepts --model models/clinical-encoder --terms snomed.tsv --save-table snomed.json --text "tos"
  clinspan concepts --model models/clinical-encoder --table snomed.json --text "fiebre y tos" --json`,
    )
    .action(async (options: ConceptsOptions) => {
      const k = intFlag(options.k, "--k", 1, Number.POSITIVE_INFINITY, 5);
      const output = choiceFlag(options.output, "--output", ["states", "colbert"] as const);
      if ((options.terms === undefined) === (options.table === undefined)) {
        throw new ClinspanError({
          code: "E_USAGE",
          message: "pass exactly one of --terms and --table",
          value: { terms: options.terms ?? null, table: options.table ?? null },
          fix: "Build the table from a terminology (--terms) or load a saved one (--table).",
        });
      }
      const encoder = await openEncoderFromCli(options);
      try {
        let table: ConceptTable;
        if (options.table !== undefined) {
          table = await loadConceptTable(options.table);
          if (table.output !== output) {
            throw new ClinspanError({
              code: "E_USAGE",
              message: `the table holds ${table.output} vectors but --output is ${output}`,
              value: output,
              file: options.table,
              fix: `Pass --output ${table.output}, or rebuild the table.`,
            });
          }
        } else {
          const terms = await readTerminology(options.terms!);
          const bar = progressBar("encoding terms");
          table = await buildConceptTable(encoder, terms, { output, onProgress: bar.update });
          bar.finish();
          if (options.saveTable !== undefined) await saveConceptTable(options.saveTable, table);
        }
        const text = options.text;
        const [encoded] = await encoder.encode([text], { output });
        const words = tokenize(text, options.lang ? normalizeLanguage(options.lang) : undefined);
        const perWord = mapVectorsToConcepts(table, poolToWords(encoded, words, "mean"), k);
        const whole = nearestConcepts(table, spanVector(encoded, { start: 0, end: text.length }), k);
        const result = {
          dim: table.dim,
          concepts: table.vectors.rows,
          text: { text, start: 0, end: text.length, concepts: whole },
          tokens: words.map((w, i) => ({ text: w.text, start: w.start, end: w.end, concepts: perWord[i] })),
        };
        write(options.json ? `${JSON.stringify(result)}\n` : formatTable(result.text, result.tokens));
      } finally {
        await encoder.close();
      }
    });
}

function formatTable(
  whole: { text: string; concepts: ConceptMatch[] },
  tokens: { text: string; start: number; end: number; concepts: ConceptMatch[] }[],
): string {
  const show = (c: ConceptMatch[]) =>
    c.map((m) => `${m.code} ${JSON.stringify(m.term)} ${m.score.toFixed(3)}`).join("; ");
  const lines = [`(text)\t${show(whole.concepts)}`];
  for (const t of tokens) lines.push(`${t.text}\t${t.start}-${t.end}\t${show(t.concepts)}`);
  return `${lines.join("\n")}\n`;
}
