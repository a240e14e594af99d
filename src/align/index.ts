/**
 * The align layer: a training-free word aligner (spelling, EM translation tables, identity, position,
 * contextualisation, Sinkhorn) and span projection with longest-span decoding, after the teacher
 * design of ClinicalAligner26AM. Neural token views plug in as one more view (`ExtraView`).
 */

export * from "./decoding/decode-span.ts";
export * from "./decoding/project-document.ts";
export * from "./fusion/align-documents.ts";
export * from "./fusion/align-sentence-pair.ts";
export * from "./fusion/contextualise.ts";
export * from "./fusion/links.ts";
export * from "./fusion/sinkhorn.ts";
export * from "./fusion/soft-alignment.ts";
export * from "./lexicons/clinical-lexicon.ts";
export * from "./lexicons/function-words.ts";
export * from "./lexicons/system-lexicons.ts";
export * from "./model/boundary-edits.ts";
export * from "./model/em-translation.ts";
export * from "./model/hmm.ts";
export * from "./model/model.ts";
export * from "./model/model-io.ts";
export * from "./model/train-model.ts";
export * from "./options.ts";
export * from "./sentences/sentence-align.ts";
export * from "./views/cognate.ts";
export * from "./views/neural-view.ts";
export * from "./views/positional-prior.ts";
