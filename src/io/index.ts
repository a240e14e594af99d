/** The io layer: readers and writers for every Clinspan file format. */
export { writeFileAtomic } from "./atomic-write.ts";
export {
  type BeirFolder,
  type BeirRecord,
  formatBeirJsonl,
  parseBeirJsonl,
  readBeirFolder,
  writeBeirFolder,
} from "./beir.ts";
export { danglingBratLinks, formatBratAnn, parseBratAnn } from "./brat-ann.ts";
export { type BratFolder, readBratFolder, writeBratFolder } from "./brat-folder.ts";
export { type CheckSpansOptions, type CheckSpansResult, checkSpansAgainstDocuments } from "./check-spans.ts";
export { CODIESP_LABELS, parseCodiEspTsv, readCodiEspTsv } from "./codiesp-tsv.ts";
export { type ConllDocument, conllTags, formatConll, parseConll } from "./conll.ts";
export { formatJsonl, parseJsonl, readJsonl, writeJsonl } from "./jsonl.ts";
export {
  type MultiClinAiSet,
  type ReadTreeOptions,
  readMultiClinAiTree,
  writeMultiClinAiTree,
} from "./multiclinai-tree.ts";
export {
  type MultiClinAiTreePair,
  multiClinAiSetName,
  type ReadTreePairOptions,
  readMultiClinAiTreePair,
  type TextMismatches,
} from "./multiclinai-tree-pair.ts";
export {
  formatMultiClinAiTsv,
  parseMultiClinAiSpanColumns,
  parseMultiClinAiTsv,
  readMultiClinAiSpanColumns,
  readMultiClinAiTsv,
  writeMultiClinAiTsv,
} from "./multiclinai-tsv.ts";
export { MULTICLINAI_TSV_COLUMNS } from "./multiclinai-tsv-header.ts";
export {
  formatParallelPairs,
  parseAlignmentJsonl,
  parseParallelPairs,
  readAlignmentJsonl,
  readParallelPairs,
  type WordPair,
} from "./parallel-pairs.ts";
export {
  type AlignmentLink,
  formatPharaohLine,
  type PharaohLineOptions,
  parsePharaohLine,
  readPharaohFile,
  writePharaohFile,
} from "./pharaoh.ts";
export { readUtf8File, splitLines } from "./read-file.ts";
export { type SpanOrigin, spanOrigin } from "./span-origin.ts";
export { readTextFolder } from "./text-folder.ts";
export {
  formatQrels,
  formatRun,
  parseQrels,
  parseRun,
  type Qrels,
  type Run,
  readQrels,
  readRun,
  type ScoredDocument,
  writeRun,
} from "./trec.ts";
