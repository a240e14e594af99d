/**
 * The retrieval layer. Concept mapping ("diagnosable" encoders): terminology terms encoded into a
 * concept table, token and span vectors mapped to their nearest concepts.
 */
export {
  type ConceptMatch,
  mapSpanToConcepts,
  mapVectorsToConcepts,
  nearestConcepts,
} from "./concept-map.ts";
export {
  type BuildConceptTableOptions,
  buildConceptTable,
  type ConceptTable,
  loadConceptTable,
  saveConceptTable,
} from "./concept-table.ts";
export { type ConceptTerm, parseTerminologyTsv, readTerminology } from "./concept-terms.ts";
