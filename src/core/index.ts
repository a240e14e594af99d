/** The core layer: spans, documents, labels, languages, tensors and matrices, and the error type. */
export type { AnnotatedDocument, ClinicalDocument } from "./document.ts";
export { ClinspanError, type ClinspanErrorInit, type ErrorLocation } from "./error.ts";
export { ERROR_CODES, type ErrorCode } from "./error-codes.ts";
export {
  folderEntityToLabel,
  labelToFolderEntity,
  MULTICLINAI_LABELS,
  type MultiClinAiLabel,
} from "./label.ts";
export {
  type LanguageCode,
  MULTICLINAI_LANGUAGES,
  type MultiClinAiLanguage,
  normalizeLanguage,
} from "./language.ts";
export {
  assertSameShape,
  createMatrix,
  getCell,
  type Matrix,
  normalizeRows,
  normalizeSlice,
  transpose,
} from "./matrix.ts";
export {
  compareSpans,
  type Fragment,
  groupByDocument,
  type Span,
  spanKey,
  validateSpanOffsets,
} from "./span.ts";
export { type Offsets, type SpanColumns, spanColumns } from "./span-columns.ts";
export {
  type DataOf,
  matrixFromTensor,
  type Tensor,
  type TensorDataTypes,
  type TensorDtype,
  tensor,
  tensorFromMatrix,
  tensorSize,
} from "./tensor.ts";
