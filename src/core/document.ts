/**
 * Documents: a text with an id (the file stem) and, when known, its language.
 */
import type { LanguageCode } from "./language.ts";

/** A text document. */
export interface ClinicalDocument {
  /** The file stem, used as `filename` in MultiClinAI TSV. */
  readonly id: string;
  readonly text: string;
  readonly lang?: LanguageCode;
  /** Where the text came from, for error messages. */
  readonly path?: string;
}

/** A document with its spans. */
export interface AnnotatedDocument extends ClinicalDocument {
  readonly spans: readonly import("./span.ts").Span[];
}
