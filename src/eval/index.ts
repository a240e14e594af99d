/** The eval layer: the exact MultiClinAI span metrics (strict, character overlap, macro) and AER. */
export * from "./alignment-error-rate.ts";
export * from "./char-overlap.ts";
export * from "./evaluate-languages.ts";
export * from "./evaluate-spans.ts";
export * from "./format-table.ts";
export * from "./report.ts";
export * from "./retrieval-metrics.ts";
export * from "./round.ts";
export * from "./sts-metrics.ts";
