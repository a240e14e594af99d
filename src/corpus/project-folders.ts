/**
 * Folder-level projection (what `clinspan project --src-text ... --out ...` runs): match source and
 * target folders by stem, route the source spans, train and project through {@link projectCorpus},
 * and stream the result to a MultiClinAI TSV and/or a brat folder, each committed only on success.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { type AnnotatedText, learnTargetAnnotations, type TargetLearning } from "../align/index.ts";
import { ClinspanError } from "../core/error.ts";
import type { Span } from "../core/span.ts";
import { danglingBratLinks, parseBratAnn, readMultiClinAiTsv, readUtf8File } from "../io/index.ts";
import { openBratFolderWriter } from "./brat-stream-writer.ts";
import { listTextStems } from "./document-file.ts";
import { type DocumentPairRef, matchDocumentFolders } from "./document-pairs.ts";
import {
  type CorpusProjectionOptions,
  type CorpusProjectionSummary,
  projectCorpus,
} from "./project-corpus.ts";
import { groupSpansByKnownDocument } from "./source-spans.ts";
import { openSpanTsvWriter } from "./tsv-stream-writer.ts";

/** Where the inputs are and where the outputs go. */
export interface FolderProjectionRequest {
  /** Source `.txt` folder, with `srcAnn`. */
  readonly srcText?: string;
  /** Source spans (MultiClinAI TSV) over `srcText`. */
  readonly srcAnn?: string;
  /** A brat folder (`.txt` + `.ann`) instead of `srcText` + `srcAnn`. */
  readonly srcBrat?: string;
  /** Target `.txt` folder (translations, same stems). */
  readonly tgtText: string;
  /** Output MultiClinAI TSV. */
  readonly out?: string;
  /** Output brat folder (target texts + projected `.ann`). */
  readonly outBrat?: string;
  /** Target-side NER predictions (MultiClinAI TSV over `tgtText`) that support decoding. */
  readonly support?: string;
  /**
   * Target-language gold spans (MultiClinAI TSV over `tgtText`) of some documents: the edge rules
   * learn from them which words annotators leave out and which phrases they mark.
   */
  readonly tgtAnn?: string;
  /**
   * The texts `tgtAnn` is over when they are not those of `tgtText` (annotated documents of another
   * corpus in the target language); default `tgtText`.
   */
  readonly tgtAnnText?: string;
  /** Extra parallel folders, used for EM training only. */
  readonly parallel?: readonly { readonly src: string; readonly tgt: string }[];
  /** Project the pairs present on both sides instead of failing on a stem mismatch. */
  readonly allowMissing?: boolean;
  /** Keep the projected spans in memory and return them (for scoring against gold). */
  readonly collect?: boolean;
}

/** What {@link projectFolders} returns. */
export interface FolderProjectionResult {
  readonly summary: CorpusProjectionSummary;
  /** The projected spans, when `collect` was set. */
  readonly spans?: Span[];
}

/** Options of {@link projectFolders}: those of projectCorpus, less what the folders determine. */
export type FolderProjectionOptions = Omit<CorpusProjectionOptions, "spanFile" | "supportFile"> & {
  /** A warning line (documents on one side only, extra folders partly matched). */
  readonly onWarning?: (message: string) => void;
};

/**
 * Projects a source folder's spans onto a target folder and writes the outputs.
 *
 * @example
 * const { summary } = await projectFolders(
 *   { srcText: "es/txt", srcAnn: "es.tsv", tgtText: "en/txt", out: "en.tsv" },
 *   { srcLang: "es", tgtLang: "en" });
 * console.error(formatSummaryLine(summary));
 */
export async function projectFolders(
  request: FolderProjectionRequest,
  options: FolderProjectionOptions,
): Promise<FolderProjectionResult> {
  const { srcDir, spanFile, spans } = await readSource(request);
  const match = matchDocumentFolders(srcDir, request.tgtText, {
    allowMissing: request.allowMissing,
    onWarning: options.onWarning,
  });
  const known = new Set([...match.both, ...match.srcOnly]);
  const byDoc = groupSpansByKnownDocument(spans, known, { file: spanFile, folder: srcDir });
  const orphans = match.srcOnly.flatMap((id) =>
    (byDoc.get(id) ?? []).map((span) => ({
      span,
      reason: `no target document ${path.join(request.tgtText, `${id}.txt`)}`,
    })),
  );
  let support: Map<string, Span[]> | undefined;
  if (request.support) {
    const supportSpans = await readMultiClinAiTsv(request.support);
    const tgtKnown = new Set([...match.both, ...match.tgtOnly]);
    support = groupSpansByKnownDocument(supportSpans, tgtKnown, {
      file: request.support,
      folder: request.tgtText,
    });
  }
  let learned: TargetLearning | undefined;
  if (request.tgtAnn) {
    const annotated = await readMultiClinAiTsv(request.tgtAnn);
    const folder = request.tgtAnnText ?? request.tgtText;
    const known = request.tgtAnnText
      ? new Set(listTextStems(request.tgtAnnText, "--tgt-ann-text folder"))
      : new Set([...match.both, ...match.tgtOnly]);
    const byTgt = groupSpansByKnownDocument(annotated, known, { file: request.tgtAnn, folder });
    const docs: AnnotatedText[] = [];
    for (const [id, spans] of byTgt)
      docs.push({
        text: await readUtf8File(path.join(folder, `${id}.txt`), "an annotated target text"),
        spans,
      });
    learned = learnTargetAnnotations(docs, options.tgtLang);
  }
  const trainingPairs: DocumentPairRef[] = [];
  for (const extra of request.parallel ?? []) {
    const found = matchDocumentFolders(extra.src, extra.tgt, {
      allowMissing: true,
      folderNames: { src: "extra parallel source folder", tgt: "extra parallel target folder" },
      onWarning: (message) =>
        options.onWarning?.(`extra parallel folders ${extra.src}:${extra.tgt}: ${message}`),
    });
    for (const pair of found.pairs) trainingPairs.push(pair);
  }

  const tsv = request.out ? await openSpanTsvWriter(request.out) : undefined;
  const brat = request.outBrat ? await openBratFolderWriter(request.outBrat) : undefined;
  const collected: Span[] | undefined = request.collect ? [] : undefined;
  try {
    const summary = await projectCorpus(
      { pairs: match.pairs, spans: byDoc, support, trainingPairs, orphans },
      { ...options, spanFile, supportFile: request.support, learned: learned ?? options.learned },
      async (outcome) => {
        await tsv?.write(outcome.spans);
        if (brat) {
          await brat.write(outcome.id, match.pairs[outcome.index].tgt, outcome.spans);
          // A relation or event needs all its entities; one whose argument was not projected is left out.
          for (const link of danglingBratLinks(outcome.spans))
            options.onIssue?.(
              `${outcome.id}: brat link "${link}" not written: one of its entities was not projected`,
            );
        }
        if (collected) for (const span of outcome.spans) collected.push(span);
      },
    );
    await tsv?.commit();
    await brat?.commit();
    return { summary, spans: collected };
  } catch (error) {
    await tsv?.abort();
    await brat?.abort();
    throw error;
  }
}

/** Reads the source spans from a TSV over a text folder, or from a brat folder's `.ann` files. */
async function readSource(
  request: FolderProjectionRequest,
): Promise<{ srcDir: string; spanFile: string; spans: Span[] }> {
  if (request.srcBrat) {
    const dir = request.srcBrat;
    listTextStems(dir, "source brat folder"); // fails early, naming the folder, when it is missing
    const spans: Span[] = [];
    const annNames = readdirSync(dir)
      .filter((name) => name.endsWith(".ann"))
      .sort();
    for (const name of annNames) {
      // An .ann without its .txt yields spans of an unknown document, reported by the router.
      const file = path.join(dir, name);
      const docSpans = parseBratAnn(await readUtf8File(file, "annotation file"), name.slice(0, -4), file);
      for (const span of docSpans) spans.push(span);
    }
    return { srcDir: dir, spanFile: dir, spans };
  }
  const srcDir = request.srcText;
  const spanFile = request.srcAnn;
  if (!srcDir || !spanFile) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "the source needs a text folder and a span file, or a brat folder",
      value: { srcText: srcDir, srcAnn: spanFile },
      fix: "Give `srcText` (a folder of texts) with `srcAnn` (a TSV file), or `srcBrat` (a brat folder).",
    });
  }
  return { srcDir, spanFile, spans: await readMultiClinAiTsv(spanFile) };
}
