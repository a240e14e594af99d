/**
 * The align layer: a training-free word aligner (spelling, EM translation tables, identity, position,
 * contextualisation, Sinkhorn) and span projection with longest-span decoding, after the teacher
 * design of ClinicalAligner26AM. Neural token views plug in as one more view (`ExtraView`).
 */
export * from "./align-documents.ts";
export * from "./align-sentence-pair.ts";
export * from "./clinical-lexicon.ts";
export * from "./cognate.ts";
export * from "./contextualise.ts";
export * from "./decode-span.ts";
export * from "./em-translation.ts";
export * from "./function-words.ts";
export * from "./links.ts";
export * from "./model.ts";
export * from "./model-io.ts";
export * from "./neural-view.ts";
export * from "./options.ts";
export * from "./positional-prior.ts";
export * from "./project-document.ts";
export * from "./sentence-align.ts";
export * from "./sinkhorn.ts";
export * from "./soft-alignment.ts";
export * from "./system-lexicons.ts";
export * from "./train-model.ts";
