/** The eval layer: the exact MultiClinAI span metrics (strict, character overlap, macro) and AER. */
export { type AlignmentScores, alignmentErrorRate, type WordLink } from "./alignment-error-rate.ts";
export { evaluateLanguages } from "./evaluate-languages.ts";
export { type EvaluateOptions, evaluateSpanColumns, evaluateSpans } from "./evaluate-spans.ts";
export { formatEvaluationTable } from "./format-table.ts";
export {
  type CharScores,
  type EvaluationReport,
  type LabelReport,
  type LanguageEvaluationReport,
  type MacroScores,
  roundReport,
  type StrictScores,
} from "./report.ts";
export {
  compareDocIds,
  evaluateQuery,
  evaluateRun,
  type QueryMetrics,
  type RetrievalEvalOptions,
  type RetrievalReport,
  rankForEvaluation,
} from "./retrieval-metrics.ts";
export { roundHalfEven } from "./round.ts";
export {
  averageRanks,
  pearson,
  spearman,
} from "./sts-metrics.ts";
