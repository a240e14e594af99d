/**
 * Annotated data for training taggers, read into training groups from one of three sources: a text
 * folder with a MultiClinAI TSV (or a CodiEsp TSV), a MultiClinAI folder tree (each entity folder a
 * group of its own label), or a brat folder; each with optional dev data of the same kind.
 */
import type { ClinicalDocument } from "../core/document.ts";
import { ClinspanError } from "../core/error.ts";
import type { Span } from "../core/span.ts";
import {
  CODIESP_LABELS,
  checkSpansAgainstDocuments,
  readBratFolder,
  readCodiEspTsv,
  readMultiClinAiTree,
  readMultiClinAiTsv,
  readTextFolder,
} from "../io/index.ts";
import type { NerTrainingGroup } from "./training-data.ts";

/** Where training (and dev) data comes from. */
export type NerDataSource =
  | {
      readonly kind: "text";
      /** Folder of `<id>.txt` documents. */
      readonly textDir: string;
      /** Their spans. */
      readonly annFile: string;
      /** Format of `annFile` and `devAnnFile` (default `multiclinai`). */
      readonly annFormat?: "multiclinai" | "codiesp";
      readonly devTextDir?: string;
      readonly devAnnFile?: string;
    }
  | { readonly kind: "tree"; readonly root: string; readonly split: string; readonly devSplit?: string }
  | { readonly kind: "brat"; readonly dir: string; readonly devDir?: string };

/** Options of {@link readNerTrainingData}. */
export interface ReadNerDataOptions {
  /** The documents' language (a tree keeps only that language). */
  readonly lang?: string;
  /** Called when spans differ from their document text (they are kept). */
  readonly onWarning?: (message: string, examples: readonly string[]) => void;
}

/** Training groups and, when dev data was given, dev groups. */
export interface NerTrainingData {
  readonly train: NerTrainingGroup[];
  readonly dev?: NerTrainingGroup[];
}

/**
 * Reads the training (and dev) data of `source`.
 *
 * @example
 * const { train, dev } = await readNerTrainingData({ kind: "tree", root: "MultiClinNER-es", split: "train", devSplit: "dev" }, { lang: "es" });
 */
export async function readNerTrainingData(
  source: NerDataSource,
  options: ReadNerDataOptions = {},
): Promise<NerTrainingData> {
  const { lang } = options;
  const warn = options.onWarning ?? (() => {});
  if (source.kind === "tree") return readTree(source.root, source.split, source.devSplit, lang);
  if (source.kind === "brat") {
    return {
      train: await bratGroups(source.dir, lang, warn),
      dev: source.devDir ? await bratGroups(source.devDir, lang, warn) : undefined,
    };
  }
  if ((source.devTextDir === undefined) !== (source.devAnnFile === undefined)) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "dev texts and dev spans go together",
      value: { devTextDir: source.devTextDir, devAnnFile: source.devAnnFile },
      fix: "Give both (dev texts and their spans) or neither.",
    });
  }
  const format = source.annFormat ?? "multiclinai";
  return {
    train: await textGroups(source.textDir, source.annFile, format, lang, warn),
    dev:
      source.devTextDir && source.devAnnFile
        ? await textGroups(source.devTextDir, source.devAnnFile, format, lang, warn)
        : undefined,
  };
}

async function readTree(
  root: string,
  split: string,
  devSplit: string | undefined,
  lang: string | undefined,
): Promise<NerTrainingData> {
  const sets = (await readMultiClinAiTree(root)).filter((s) => lang === undefined || s.lang === lang);
  const groupsOf = (name: string) =>
    sets
      .filter((s) => s.split === name)
      .map((s) => ({ documents: s.documents, spans: s.spans, labels: [s.label], lang: s.lang }));
  const found = () => [...new Set(sets.map((s) => `${s.lang}/${s.split}`))];
  const train = groupsOf(split);
  const dev = devSplit === undefined ? undefined : groupsOf(devSplit);
  for (const [name, groups] of [
    [split, train],
    [devSplit, dev],
  ] as const) {
    if (groups !== undefined && groups.length === 0) {
      throw new ClinspanError({
        code: "E_USAGE",
        message: `the tree has no "${name}" split${lang ? ` for language ${lang}` : ""}`,
        value: found(),
        file: root,
        fix: "Choose one of the splits found in the tree (listed here as lang/split), and check the language.",
      });
    }
  }
  return { train, dev };
}

async function bratGroups(
  dir: string,
  lang: string | undefined,
  warn: NonNullable<ReadNerDataOptions["onWarning"]>,
): Promise<NerTrainingGroup[]> {
  const folder = await readBratFolder(dir, lang === undefined ? {} : { lang });
  warnMismatches(folder.textMismatches ?? 0, folder.mismatchExamples ?? [], dir, warn);
  const labels = [...new Set(folder.spans.map((s) => s.label))].sort();
  return [{ documents: folder.documents, spans: folder.spans, labels, lang }];
}

async function textGroups(
  textDir: string,
  annFile: string,
  format: "multiclinai" | "codiesp",
  lang: string | undefined,
  warn: NonNullable<ReadNerDataOptions["onWarning"]>,
): Promise<NerTrainingGroup[]> {
  const documents = await readTextFolder(textDir, lang);
  const spans = format === "codiesp" ? await readCodiEspTsv(annFile) : await readMultiClinAiTsv(annFile);
  const docs = new Map<string, ClinicalDocument>(documents.map((d) => [d.id, d]));
  const check = checkSpansAgainstDocuments(spans, docs, { file: annFile });
  warnMismatches(check.textMismatches, check.examples, annFile, warn);
  const found = [...new Set(spans.map((s: Span) => s.label))].sort();
  // a CodiEsp file annotates every code type even where a document has none of one
  const labels = format === "codiesp" ? [...new Set([...CODIESP_LABELS, ...found])] : found;
  return [{ documents, spans, labels, lang }];
}

/**
 * Keeps only `labels` (all when undefined), dropping groups left without a label.
 *
 * @example
 * keepLabels(train, ["DISEASE"]);
 */
export function keepLabels(
  groups: readonly NerTrainingGroup[],
  labels: readonly string[] | undefined,
): NerTrainingGroup[] {
  if (labels === undefined) return [...groups];
  return groups
    .map((g) => ({ ...g, labels: g.labels.filter((l) => labels.includes(l)) }))
    .filter((g) => g.labels.length > 0);
}

function warnMismatches(
  count: number,
  examples: readonly string[],
  file: string,
  warn: NonNullable<ReadNerDataOptions["onWarning"]>,
): void {
  if (count > 0) warn(`${count} span(s) in ${file} differ from the document text, e.g.`, examples);
}
