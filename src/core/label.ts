/**
 * Entity labels. MultiClinAI uses DISEASE, SYMPTOM and PROCEDURE; other labels (MEDICATION, CodiEsp's
 * DIAGNOSTICO/PROCEDIMIENTO, Mantra's semantic groups) pass through unchanged.
 */

/** The three MultiClinAI entity types. */
export const MULTICLINAI_LABELS = ["DISEASE", "SYMPTOM", "PROCEDURE"] as const;

/** A MultiClinAI label. */
export type MultiClinAiLabel = (typeof MULTICLINAI_LABELS)[number];

/**
 * The lower-case entity name used in MultiClinAI folder names (`MultiClinNER-es-train-disease`).
 *
 * @example
 * labelToFolderEntity("DISEASE"); // "disease"
 */
export function labelToFolderEntity(label: string): string {
  return label.toLowerCase();
}

/**
 * The label for a MultiClinAI folder entity name.
 *
 * @example
 * folderEntityToLabel("symptom"); // "SYMPTOM"
 */
export function folderEntityToLabel(entity: string): string {
  return entity.toUpperCase();
}
