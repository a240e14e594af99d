/**
 * `clinspan project`: carries span annotations from source documents into their translations
 * (MultiClinCorpus dataset translation). Three input shapes — text folders with a TSV, brat folders,
 * MultiClinAI trees — and `--sample`, the main job: the bundled sample corpus projected from Spanish
 * into six languages and scored against their gold. Each shape runs in its own cli-local file.
 */
import type { Command } from "commander";
import { runFolders } from "../project-folders.ts";
import { checkLanguages, checkProjectPaths, type ProjectOptions } from "../project-options.ts";
import { runProjectOnQueue } from "../project-queue.ts";
import { runSample } from "../project-sample.ts";
import { runTree } from "../project-tree.ts";
import { addQueueProducerOptions, type QueueFlags, queueSettings } from "../queue-options.ts";

export { SAMPLE_ROOT } from "../project-sample.ts";

/** Registers `clinspan project`. */
export function registerProject(program: Command): void {
  const project = program
    .command("project")
    .description(
      "Carry span annotations from source documents into their translations (annotation projection with the embedded aligner).",
    )
    .option(
      "--sample",
      "the main job: project the bundled sample corpus es -> en/it/nl/sv/ro/cz and print scores",
    )
    .option("--sample-out <dir>", "with --sample: also write the projected MultiClinAI tree here")
    .option("--src-text <dir>", "source text folder (<stem>.txt)")
    .option("--src-ann <file>", "source spans, MultiClinAI TSV over --src-text")
    .option(
      "--src-brat <dir>",
      "source brat folder (<stem>.txt + <stem>.ann) instead of --src-text/--src-ann",
    )
    .option("--src-tree <root>", "source MultiClinAI tree (MultiClinNER-{lang}/..., any level of it)")
    .option("--tgt-text <dir>", "target text folder: translations with the same file stems")
    .option("--tgt-text-tree <root>", "with --src-tree: MultiClinAI tree holding the target-language texts")
    .option("--out-tree <root>", "with --src-tree: write the projected target tree here")
    .option("--tgt-tree-out <root>", "old name of --out-tree (kept as an alias)")
    .option("--split <name>", "with --src-tree: project only this split")
    .option(
      "--out <file>",
      "output MultiClinAI TSV of the projected target spans (stdout when no output is given)",
    )
    .option("--out-brat <dir>", "output brat folder (target texts + projected .ann)")
    .option("--support <file>", "target-side NER predictions (MultiClinAI TSV) that may support decoding")
    .option(
      "--tgt-ann <file>",
      "target-language gold spans (MultiClinAI TSV over --tgt-text) of some documents: span edges learn which words annotators leave out and which phrases they mark",
    )
    .option(
      "--tgt-ann-text <dir>",
      "the texts --tgt-ann is over, when not those of --tgt-text (another corpus)",
    )
    .option(
      "--parallel <pairs...>",
      "extra parallel folders SRC_DIR:TGT_DIR, matched by stem, for EM training only",
    )
    .option(
      "--explain <dir>",
      "write <dir>/<stem>.json per document: tokens, alignment matrix, decoding decisions",
    )
    .option("--src-lang <code>", "source language", "es")
    .option("--tgt-lang <code>", "target language (default en; with --sample: comma list of targets)")
    .option(
      "--workers <n>",
      "worker threads for pass 2; 0 = main thread (default: min(cores, 4) above 200 documents)",
    )
    .option("--save-model <file>", "save the learned projection model (EM tables, lexicon) to this file")
    .option("--model <file>", "deprecated: the old name of --save-model (prints a warning)")
    .option(
      "--keep-going",
      "write the other documents when the aligner fails on one (the summary lists what was lost); without it such a run stops with exit code 6",
    )
    .option(
      "--one-round",
      "project once, without the self-taught span boundaries (by default a first round's projections teach the edge rules, up to about 2x the projection time)",
    )
    .option(
      "--teach-docs <n>",
      "documents the self-taught first round projects at most, evenly spaced through the corpus (default: 2000; smaller corpora use all)",
    )
    .option("--load-model <file>", "reuse a saved projection model instead of training")
    .option("--iterations <n>", "EM iterations (default: the aligner's)")
    .option(
      "--encoder <dir>",
      "ONNX encoder folder (Hugging Face layout): its token vectors join the aligner as neural views (main thread only)",
    )
    .option("--encoder-weight <w>", "weight of the neural token cosine view (default 2)")
    .option("--encoder-sentence-weight <w>", "weight of the neural sentence cosine view (default 1; 0 = off)")
    .option(
      "--gold <file>",
      "score the output against this gold TSV; the table goes to stdout (stderr when the TSV does)",
    )
    .option(
      "--allow-missing",
      "project the documents present on both sides instead of failing on a stem mismatch",
    )
    .addHelpText(
      "after",
      `
Inputs (choose one):
  --src-text DIR --src-ann FILE.tsv --tgt-text DIR      folders matched by file stem
  --src-brat DIR --tgt-text DIR                         brat source (.txt + .ann)
  --src-tree ROOT (--tgt-text-tree ROOT | --tgt-text DIR) MultiClinAI trees: every --src-lang set
      (split x entity) is projected onto the target set of the same split and entity (or onto the
      flat --tgt-text folder); the target tree's own TSVs, when present, are used as gold (stderr)
  --sample [--src-tree ROOT]                            the bundled sample (or your own tree)
Outputs: --out FILE.tsv and/or --out-brat DIR (folders), --out-tree ROOT and/or --out (trees).
Outputs are written to temporary files and renamed only when the run succeeds; an output path that
is one of the inputs is refused. When the aligner fails on a document the run stops with exit code
6 and writes nothing, unless --keep-going (then the summary line lists the lost documents).

Two passes: pass 1 trains the projection model by EM over all pairs (plus --parallel folders),
reading one file at a time; pass 2 projects each document (on worker threads for large corpora)
and streams rows to the output. Pass 2 runs twice unless --one-round: the first round's
projections (of at most --teach-docs documents, 2000 by default) teach the edge rules which words
the corpus's spans never include (README "Self-taught span boundaries"). Spans that cannot be projected are listed on stderr (the first
20) and counted in the summary line: "projected N spans in D documents; U spans unprojected".

--encoder DIR adds neural views: both texts of each pair are encoded (ColBERT vectors when the model
has that head, else hidden states), pooled onto the aligner's words, and their token cosine matrix
(--encoder-weight) and sentence cosine bonus (--encoder-sentence-weight) join the fused scores.
Neural projection runs in the main thread (--workers is ignored).
Every source document needs a translation with the same stem (E_DOCUMENT_MISMATCH lists them),
unless --allow-missing; spans naming an unknown source document fail with E_UNKNOWN_DOCUMENT.

--explain DIR writes DIR/<stem>.json per document (trees: DIR/MultiClinNER-{lang}-{split}-{entity}/):
"projected" and "unprojected" spans (with reasons), "explain" (per span: source tokens, sentence
bead, best target candidates, the decision, "edges": each named edge rule that moved the span,
with its offsets before and after) and "document" (source and target tokens, sentence
beads, the soft alignment matrix rounded to 3 decimals: dense rows up to 4096 cells, else the top
5 [column, value] cells of each source-token row).

Examples:
  clinspan project --sample
  clinspan project --src-text es/txt --src-ann es.tsv --tgt-text en/txt --out en.tsv --tgt-lang en
  clinspan project --src-text es --src-ann es.tsv --tgt-text it --tgt-lang it --out it.tsv \\
      --parallel extra/es:extra/it --save-model es-it.model.json --workers 4
  clinspan project --src-tree MultiClinNER --tgt-text-tree MultiClinNER --tgt-lang nl --out-tree out
  clinspan project --src-brat brat-es --tgt-text txt-en --out-brat brat-en --tgt-lang en`,
    )
    .action(async (options: ProjectOptions & QueueFlags, command: Command) => {
      checkLanguages(options);
      checkProjectPaths(options);
      const queue = queueSettings(options, command);
      if (queue) return runProjectOnQueue(options, queue);
      if (options.sample) return runSample(options);
      if (options.srcTree) return runTree(options);
      return runFolders(options);
    });
  addQueueProducerOptions(project);
}
