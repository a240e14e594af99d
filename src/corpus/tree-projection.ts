/**
 * Projection over MultiClinAI folder trees. Each entity set (language, split, entity) has its own copy
 * of the texts and offsets are valid only against that copy, so every source set is projected onto
 * the target set of the same split and entity. One model is trained per language pair, over each
 * split's documents once (the entity copies are near-identical texts).
 */
import path from "node:path";
import type { ClinicalDocument } from "../core/document.ts";
import { ClinspanError } from "../core/error.ts";
import type { Span } from "../core/span.ts";
import { type MultiClinAiSet, readMultiClinAiTree, readTextFolder } from "../io/index.ts";
import { type DocumentPairRef, matchDocuments } from "./document-pairs.ts";
import {
  type CorpusProjectionOptions,
  type CorpusProjectionSummary,
  projectCorpus,
  trainCorpusModel,
} from "./project-corpus.ts";
import { groupSpansByKnownDocument } from "./source-spans.ts";

/** Options of {@link projectMultiClinAiSets}. */
export type SetProjectionOptions = Omit<CorpusProjectionOptions, "spanFile" | "supportFile"> & {
  /** Project the documents present on both sides of a set instead of failing on a mismatch. */
  readonly allowMissing?: boolean;
  readonly onWarning?: (message: string) => void;
};

/** What {@link projectMultiClinAiSets} returns. */
export interface SetProjectionResult {
  /** One set per source set: target language, target documents, projected spans. */
  readonly sets: MultiClinAiSet[];
  /** Totals over all sets (documents count each set's pairs). */
  readonly summary: CorpusProjectionSummary;
}

/**
 * Projects source sets onto target texts. `targets` gives the target documents of each source set:
 * the target tree's set of the same split and entity, or one folder of texts shared by all sets.
 *
 * @example
 * const src = (await readMultiClinAiTree("data")).filter((s) => s.lang === "es");
 * const tgt = (await readMultiClinAiTree("data")).filter((s) => s.lang === "en");
 * const { sets, summary } = await projectMultiClinAiSets(src, targetsFromSets(tgt), { srcLang: "es", tgtLang: "en" });
 */
export async function projectMultiClinAiSets(
  sources: readonly MultiClinAiSet[],
  targets: (set: MultiClinAiSet) => readonly ClinicalDocument[],
  options: SetProjectionOptions,
): Promise<SetProjectionResult> {
  const plans = sources.map((set) => {
    const tgtDocs = targets(set);
    const where = { src: `set ${describe(set)}`, tgt: `set ${describe({ ...set, lang: options.tgtLang })}` };
    const match = matchDocuments(set.documents, tgtDocs, where, {
      allowMissing: options.allowMissing,
      // Several language pairs and sets run in one command: each warning names its own.
      onWarning: (message) => options.onWarning?.(`${describe(set)} -> ${options.tgtLang}: ${message}`),
    });
    return { set, tgtDocs, match };
  });
  let model = options.model;
  const trainStart = performance.now();
  if (!model) {
    // Train once per language pair: each split's documents once, from the first entity copy seen.
    const seen = new Set<string>();
    const training: DocumentPairRef[] = [];
    for (const { set, match } of plans) {
      for (const pair of match.pairs) {
        const key = `${set.split}\u0000${pair.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        training.push(pair);
      }
    }
    model = await (options.trainModel ?? trainCorpusModel)(training, options);
  }
  const trainSeconds = (performance.now() - trainStart) / 1000;
  const out: MultiClinAiSet[] = [];
  // Projection progress runs over all sets at once, so a bar fills once per language pair.
  const allPairs = plans.reduce((n, plan) => n + plan.match.pairs.length, 0);
  let pairsBefore = 0;
  const totals = { documents: 0, projectedSpans: 0, unprojectedSpans: 0, textMismatches: 0, project: 0 };
  const failedDocuments: string[] = [];
  let workers = 0;
  let saved = options.saveModelTo;
  for (const { set, tgtDocs, match } of plans) {
    const known = new Set([...match.both, ...match.srcOnly]);
    const byDoc = groupSpansByKnownDocument(set.spans, known, {
      file: set.dir || describe(set),
      folder: set.dir,
    });
    const orphans = match.srcOnly.flatMap((id) =>
      (byDoc.get(id) ?? []).map((span) => ({
        span,
        reason: `no ${options.tgtLang} translation in ${describe(set)}`,
      })),
    );
    const spans: Span[] = [];
    const summary = await projectCorpus(
      { pairs: match.pairs, spans: byDoc, orphans },
      {
        ...options,
        model,
        saveModelTo: saved,
        spanFile: set.dir || describe(set),
        // Entity sets share file stems: one explanation folder per target set.
        explainDir:
          options.explainDir && path.join(options.explainDir, describe({ ...set, lang: options.tgtLang })),
        onProgress: (phase, done) => options.onProgress?.(phase, pairsBefore + done, allPairs),
        onIssue: (message) => options.onIssue?.(`${describe({ ...set, lang: options.tgtLang })}: ${message}`),
      },
      (outcome) => {
        for (const span of outcome.spans) spans.push(span);
      },
    );
    saved = undefined; // saved once is enough
    pairsBefore += match.pairs.length;
    const paired = new Set(match.both);
    const docs = tgtDocs.filter((doc) => paired.has(doc.id));
    out.push({ lang: options.tgtLang, split: set.split, label: set.label, dir: "", documents: docs, spans });
    totals.documents += summary.documents;
    totals.projectedSpans += summary.projectedSpans;
    totals.unprojectedSpans += summary.unprojectedSpans;
    totals.textMismatches += summary.textMismatches;
    totals.project += summary.projectSeconds;
    for (const id of summary.failedDocuments) failedDocuments.push(`${describe(set)}/${id}`);
    workers = Math.max(workers, summary.workers);
  }
  return {
    sets: out,
    summary: {
      documents: totals.documents,
      projectedSpans: totals.projectedSpans,
      unprojectedSpans: totals.unprojectedSpans,
      failedDocuments,
      textMismatches: totals.textMismatches,
      workers,
      model,
      trainSeconds,
      projectSeconds: totals.project,
    },
  };
}

/**
 * Target documents from a target tree's sets: the set with the same split and entity as the source.
 * Throws E_DOCUMENT_MISMATCH naming the missing set.
 *
 * @example
 * projectMultiClinAiSets(srcSets, targetsFromSets(enSets), options);
 */
export function targetsFromSets(
  targetSets: readonly MultiClinAiSet[],
): (set: MultiClinAiSet) => readonly ClinicalDocument[] {
  return (set) => {
    const found = targetSets.find((t) => t.split === set.split && t.label === set.label);
    if (!found) {
      const have = targetSets.map(describe).join(", ") || "none";
      throw new ClinspanError({
        code: "E_DOCUMENT_MISMATCH",
        message: `the target tree has no ${set.split} ${set.label} set to project ${describe(set)} onto (target sets: ${have})`,
        value: describe(set),
        fix: "Give a target text tree (`tgtTextTree`) with the same splits and entity folders as the source tree, or a flat folder of target texts (`tgtText`).",
      });
    }
    return found.documents;
  };
}

/** Which sets to project and where the target texts are. */
export interface TreeProjectionRequest {
  /** Root of the source MultiClinAI tree (any level of it). */
  readonly srcTree: string;
  /** Root of a tree with the target language's texts (and gold TSVs, if any). */
  readonly tgtTextTree?: string;
  /** A flat folder of target texts, used for every entity set. */
  readonly tgtText?: string;
  /** Only this split. */
  readonly split?: string;
}

/** What {@link projectMultiClinAiTree} returns. */
export interface TreeProjectionResult extends SetProjectionResult {
  /** The target tree's own sets (their spans serve as gold), when a target tree was given. */
  readonly targetSets?: MultiClinAiSet[];
}

/**
 * Reads a source tree and the target texts, and projects every source-language set.
 *
 * @example
 * const { sets } = await projectMultiClinAiTree({ srcTree: "mcai", tgtTextTree: "mcai" }, { srcLang: "es", tgtLang: "it" });
 * await writeMultiClinAiTree("out", sets);
 */
export async function projectMultiClinAiTree(
  request: TreeProjectionRequest,
  options: SetProjectionOptions,
): Promise<TreeProjectionResult> {
  const inSplit = (set: MultiClinAiSet) => request.split === undefined || set.split === request.split;
  const sources = (await readMultiClinAiTree(request.srcTree)).filter(
    (set) => set.lang === options.srcLang && inSplit(set),
  );
  if (sources.length === 0) {
    throw new ClinspanError({
      code: "E_FILE_NOT_FOUND",
      message: `the tree has no ${options.srcLang} sets${request.split ? ` of split ${request.split}` : ""}`,
      value: request.srcTree,
      file: request.srcTree,
      fix: "Check `srcLang` (and `split`) against the MultiClinNER-{lang} folders of the tree.",
    });
  }
  for (const set of sources) {
    if (set.textMismatches)
      options.onWarning?.(`${describe(set)}: ${set.textMismatches} span text mismatch(es) in ${set.dir}`);
  }
  if (request.tgtTextTree) {
    const targetSets = (await readMultiClinAiTree(request.tgtTextTree)).filter(
      (set) => set.lang === options.tgtLang && inSplit(set),
    );
    const result = await projectMultiClinAiSets(sources, targetsFromSets(targetSets), options);
    return { ...result, targetSets };
  }
  if (!request.tgtText) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "tree projection needs the target texts",
      fix: "Give `tgtTextTree` (a tree with the target language's texts) or `tgtText` (a folder of target texts).",
    });
  }
  const docs = await readTextFolder(request.tgtText, options.tgtLang);
  return projectMultiClinAiSets(sources, () => docs, options);
}

function describe(set: Pick<MultiClinAiSet, "lang" | "split" | "label">): string {
  return `MultiClinNER-${set.lang}-${set.split}-${set.label.toLowerCase()}`;
}
