/**
 * MultiClinAI shared-task data in CoNLL form (`token<TAB>tag`, tags O / B-X / I-X with X one of DIS,
 * SYM, PRO or a full label name, a blank line between paragraphs) read as NER training groups.
 *
 * Each paragraph becomes one document whose text is its tokens joined by single spaces plus a final
 * newline; spans are the B(I)* runs with punctuation stripped from their edges (tokens are the text
 * split on whitespace, so `Wilms.` may be tagged). The shared task keeps one copy of every document per
 * entity type, so a paragraph carries the tags of ONE type: it joins the group of that type only (its
 * absence of other types' tags means nothing). A paragraph without any tag comes from an unknown copy:
 * it trains no tagger and is returned as unlabeled text (word clusters may read it).
 */
import type { ClinicalDocument } from "../core/document.ts";
import { ClinspanError } from "../core/error.ts";
import type { Span } from "../core/span.ts";
import { readUtf8File } from "../io/read-file.ts";
import type { NerTrainingGroup } from "./training-data.ts";

/** Short tags of the shared-task CoNLL files and the labels they stand for. */
export const CONLL_LABEL_NAMES: Readonly<Record<string, string>> = {
  DIS: "DISEASE",
  SYM: "SYMPTOM",
  PRO: "PROCEDURE",
};

/** One paragraph of a CoNLL file, rebuilt as a document with its spans. */
export interface ConllParagraph {
  readonly doc: ClinicalDocument;
  readonly spans: readonly Span[];
  /** The one label the paragraph is annotated for; undefined when it has no tag at all. */
  readonly label: string | undefined;
}

/** What {@link readMultiClinAiConll} returns. */
export interface MultiClinAiConll {
  /** Every paragraph in file order. */
  readonly paragraphs: readonly ConllParagraph[];
  /** One group per label, holding the paragraphs annotated for it. */
  readonly groups: readonly NerTrainingGroup[];
  /** Paragraphs without tags (unknown copy): raw text only. */
  readonly unlabeled: readonly ClinicalDocument[];
}

/** Options of {@link parseMultiClinAiConll}. */
export interface ConllReadOptions {
  /** Language of the paragraphs. */
  readonly lang?: string;
  /** Document id prefix (default: the file name without extension); ids are `<prefix>-<0000>`. */
  readonly idPrefix?: string;
}

// what the data's own span files strip (measured on the pairs file): sentence punctuation, brackets
// and straight quotes; hyphens, slashes, signs and typographic quotes stay ("-quemazón", "VIH+")
const EDGE = /[.,;:!?()[\]{}"']/;

/**
 * Trims sentence punctuation, brackets and straight quotes from a span's edges, as the shared-task
 * data's own span files do ("(EPOC)" becomes "EPOC", "Wilms." becomes "Wilms", "-quemazón" stays).
 *
 * @example
 * trimSpanEdges("tumor de Wilms.", 0, 15); // [0, 14]
 */
export function trimSpanEdges(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && EDGE.test(text[s])) s++;
  while (e > s && EDGE.test(text[e - 1])) e--;
  return s < e ? [s, e] : [start, end];
}

/**
 * Parses CoNLL content of the shared task into paragraphs and per-label training groups.
 *
 * @example
 * const data = parseMultiClinAiConll("Fiebre\tB-SYM\nalta.\tI-SYM\n\nTos\tO\n", "x.conll", { lang: "es" });
 * data.groups[0].spans[0].text; // "Fiebre alta"
 * data.unlabeled.length; // 1
 */
export function parseMultiClinAiConll(
  content: string,
  file: string,
  options: ConllReadOptions = {},
): MultiClinAiConll {
  const prefix = options.idPrefix ?? (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]*$/, "");
  const paragraphs: ConllParagraph[] = [];
  const idOfText = new Map<string, string>();
  let tokens: string[] = [];
  let tags: string[] = [];
  let firstLine = 0;
  const finish = () => {
    if (tokens.length === 0) return;
    paragraphs.push(paragraph(tokens, tags, `${prefix}-${String(paragraphs.length).padStart(4, "0")}`));
    tokens = [];
    tags = [];
  };
  const paragraph = (toks: string[], tgs: string[], paragraphId: string): ConllParagraph => {
    let id = paragraphId;
    const starts: number[] = [];
    let text = "";
    for (const t of toks) {
      if (text.length > 0) text += " ";
      starts.push(text.length);
      text += t;
    }
    text += "\n";
    // the copies of one text (one per entity type) share their id, as in a MultiClinAI tree
    const known = idOfText.get(text);
    if (known === undefined) idOfText.set(text, id);
    else id = known;
    const doc: ClinicalDocument = { id, text, ...(options.lang ? { lang: options.lang } : {}) };
    const spans: Span[] = [];
    const labels = new Set<string>();
    let open: { label: string; first: number } | undefined;
    const close = (last: number) => {
      if (!open) return;
      const [s, e] = trimSpanEdges(text, starts[open.first], starts[last] + toks[last].length);
      spans.push({ docId: id, label: open.label, start: s, end: e, text: text.slice(s, e) });
      open = undefined;
    };
    for (let i = 0; i < tgs.length; i++) {
      const tag = tgs[i];
      if (tag === "O") {
        close(i - 1);
        continue;
      }
      const label = CONLL_LABEL_NAMES[tag.slice(2)] ?? tag.slice(2);
      labels.add(label);
      // an I- without an open span of its label opens one (as conlleval does)
      if (tag[0] === "B" || !open || open.label !== label) {
        close(i - 1);
        open = { label, first: i };
      }
    }
    close(tgs.length - 1);
    if (labels.size > 1) {
      throw new ClinspanError({
        code: "E_FORMAT",
        message: `paragraph ${id} carries tags of ${labels.size} entity types; shared-task paragraphs carry one`,
        value: [...labels],
        file,
        line: firstLine,
        fix: "Split the data per entity type (one copy of each paragraph per type), or read it with the generic CoNLL reader.",
      });
    }
    return { doc, spans, label: [...labels][0] };
  };
  const lines = content.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    if (line.trim() === "" || line.startsWith("# ")) {
      finish();
      continue;
    }
    const cells = line.split("\t");
    const tag = cells.length >= 2 ? cells[cells.length - 1].trim() : "";
    if (cells.length < 2 || !/^(O|[BI]-\S+)$/.test(tag) || cells[0] === "") {
      throw new ClinspanError({
        code: "E_FORMAT",
        message: "a CoNLL line needs `token<TAB>tag` with tag O, B-X or I-X",
        value: line,
        file,
        line: n + 1,
        fix: "Check that the file is MultiClinAI CoNLL (one token and its tag per line, a blank line between paragraphs).",
      });
    }
    if (tokens.length === 0) firstLine = n + 1;
    tokens.push(cells[0]);
    tags.push(tag);
  }
  finish();
  const groups = conllGroups(paragraphs, options.lang);
  const unlabeled = paragraphs.filter((p) => p.label === undefined).map((p) => p.doc);
  return { paragraphs, groups, unlabeled };
}

/**
 * Reads a shared-task CoNLL file (see {@link parseMultiClinAiConll}).
 *
 * @example
 * const es = await readMultiClinAiConll("multiclinai-conll/es-dev.conll", { lang: "es" });
 * es.groups.map((g) => g.labels[0]); // ["DISEASE", "PROCEDURE", "SYMPTOM"]
 */
export async function readMultiClinAiConll(
  file: string,
  options: ConllReadOptions = {},
): Promise<MultiClinAiConll> {
  return parseMultiClinAiConll(await readUtf8File(file, "CoNLL file"), file, options);
}

/**
 * Groups of the given paragraphs, one per label (paragraphs without a label are left out).
 *
 * @example
 * const trainGroups = conllGroups(data.paragraphs.filter((_, i) => i % 5 !== 0), "es");
 */
export function conllGroups(paragraphs: readonly ConllParagraph[], lang?: string): NerTrainingGroup[] {
  const labels = [...new Set(paragraphs.flatMap((p) => (p.label ? [p.label] : [])))].sort();
  return labels.map((label) => {
    const list = paragraphs.filter((p) => p.label === label);
    return {
      documents: list.map((p) => p.doc),
      spans: list.flatMap((p) => p.spans),
      labels: [label],
      ...(lang ? { lang } : {}),
    };
  });
}
