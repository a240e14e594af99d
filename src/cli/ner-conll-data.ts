/**
 * Shared-task CoNLL files as `ner train` data (`--conll`, `--dev-conll`): each file's paragraphs split
 * into one training group per entity type (see readMultiClinAiConll), for the embedded tagger and the
 * encoder + CNN head alike. Untagged paragraphs (unknown copy) train no tagger; the embedded tagger's
 * word clusters read them as raw text.
 */
import path from "node:path";
import {
  type ClinicalDocument,
  ClinspanError,
  type NerTrainingGroup,
  normalizeLanguage,
  readMultiClinAiConll,
} from "../index.ts";

/** Training and dev groups read from CoNLL files, and their untagged paragraphs. */
export interface ConllTrainingData {
  readonly train: NerTrainingGroup[];
  readonly dev?: NerTrainingGroup[];
  readonly unlabeled: ClinicalDocument[];
}

/**
 * The language of a CoNLL file: `lang` when given, else the file name's leading code (`es-dev.conll`).
 *
 * @example
 * conllLanguage("data/en-dev.conll", undefined); // "en"
 */
export function conllLanguage(file: string, lang: string | undefined): string | undefined {
  if (lang !== undefined) return lang;
  const lead = /^([a-z]{2,3})(?=[-_.])/i.exec(path.basename(file));
  return lead ? normalizeLanguage(lead[1]) : undefined;
}

/**
 * Reads `--conll` (and `--dev-conll`) files; `lang` overrides the language taken from file names.
 *
 * @example
 * const { train, dev, unlabeled } = await readConllTrainingData(["es-dev.conll"], undefined, undefined);
 */
export async function readConllTrainingData(
  files: readonly string[],
  devFiles: readonly string[] | undefined,
  lang: string | undefined,
): Promise<ConllTrainingData> {
  const read = async (list: readonly string[]) => {
    const groups: NerTrainingGroup[] = [];
    const unlabeled: ClinicalDocument[] = [];
    for (const file of list) {
      const fileLang = conllLanguage(file, lang);
      // ids carry the language so es and en paragraphs never share one
      const data = await readMultiClinAiConll(file, {
        ...(fileLang ? { lang: fileLang } : {}),
        idPrefix: path.basename(file).replace(/\.[^.]*$/, ""),
      });
      if (data.groups.length === 0) {
        throw new ClinspanError({
          code: "E_USAGE",
          message: `${file} has no tagged paragraph to train on`,
          value: data.paragraphs.length,
          file,
          fix: "Check that the file is shared-task CoNLL with B-/I- tags (token<TAB>tag per line).",
        });
      }
      groups.push(...data.groups);
      unlabeled.push(...data.unlabeled);
    }
    return { groups, unlabeled };
  };
  const train = await read(files);
  const dev = devFiles && devFiles.length > 0 ? (await read(devFiles)).groups : undefined;
  return { train: train.groups, dev, unlabeled: train.unlabeled };
}
