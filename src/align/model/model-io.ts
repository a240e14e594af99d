/**
 * Saving and loading projection models as compact JSON: vocabularies as string arrays, sparse tables
 * as row offsets, column ids and values rounded to 5 significant digits. Writes are atomic.
 */
import { ClinspanError } from "../../core/error.ts";
import { readUtf8File, writeFileAtomic } from "../../io/index.ts";
import { JUMP_SLOTS, type JumpModel } from "./hmm.ts";
import type { ProjectionModel, SparseTable } from "./model.ts";

interface TableJson {
  readonly rowStart: number[];
  readonly cols: number[];
  readonly values: number[];
}

/**
 * Converts a model to a JSON-able object.
 *
 * @example
 * JSON.stringify(projectionModelToJson(model));
 */
export function projectionModelToJson(model: ProjectionModel): Record<string, unknown> {
  return {
    ...model,
    srcCounts: Array.from(model.srcCounts),
    tgtCounts: Array.from(model.tgtCounts),
    forward: tableToJson(model.forward),
    backward: tableToJson(model.backward),
    mapped: tableToJson(model.mapped),
    ...(model.order
      ? {
          order: {
            forward: jumpToJson(model.order.forward),
            backward: jumpToJson(model.order.backward),
          },
        }
      : {}),
  };
}

function jumpToJson(j: JumpModel): { jumps: number[]; nullProbability: number } {
  return { jumps: Array.from(j.jumps), nullProbability: j.nullProbability };
}

function jumpFromJson(json: unknown, name: string, file?: string): JumpModel {
  const o = json as { jumps?: unknown; nullProbability?: unknown } | undefined;
  const jumps = o?.jumps;
  const p0 = Number(o?.nullProbability);
  if (!Array.isArray(jumps) || jumps.length !== JUMP_SLOTS || !(p0 >= 0 && p0 < 1)) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: `the model's word-order table ${name} is malformed (${JUMP_SLOTS} jump weights and a NULL probability expected)`,
      value: Array.isArray(jumps) ? jumps.length : typeof jumps,
      file,
      fix: "Retrain the model with this version of Clinspan and save it again (`saveProjectionModel`).",
    });
  }
  return { jumps: Float32Array.from(jumps as number[]), nullProbability: p0 };
}

/**
 * Rebuilds a model from {@link projectionModelToJson} output, checking its shape.
 *
 * @example
 * const model = projectionModelFromJson(JSON.parse(text), "model.json");
 */
export function projectionModelFromJson(json: unknown, file?: string): ProjectionModel {
  const o = json as Record<string, unknown>;
  if (o?.kind !== "clinspan-projection-model" || o.version !== 1) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: "not a Clinspan projection model (kind/version missing or different)",
      value: o && typeof o === "object" ? `${String(o.kind)} v${String(o.version)}` : typeof json,
      file,
      fix: "Pass a file written by `saveProjectionModel`.",
    });
  }
  const srcVocab = o.srcVocab as string[];
  const tgtVocab = o.tgtVocab as string[];
  const model: ProjectionModel = {
    kind: "clinspan-projection-model",
    version: 1,
    srcLang: String(o.srcLang),
    tgtLang: String(o.tgtLang),
    srcVocab,
    tgtVocab,
    srcCounts: countsFromJson(o.srcCounts, srcVocab.length, "srcCounts", file),
    tgtCounts: countsFromJson(o.tgtCounts, tgtVocab.length, "tgtCounts", file),
    forward: tableFromJson(o.forward, srcVocab.length, tgtVocab.length, "forward", file),
    backward: tableFromJson(o.backward, tgtVocab.length, srcVocab.length, "backward", file),
    mapped: tableFromJson(o.mapped, srcVocab.length, tgtVocab.length, "mapped", file),
    sentencePairs: Number(o.sentencePairs ?? 0),
    ...(o.order
      ? {
          order: {
            forward: jumpFromJson((o.order as Record<string, unknown>).forward, "order.forward", file),
            backward: jumpFromJson((o.order as Record<string, unknown>).backward, "order.backward", file),
          },
        }
      : {}),
    ...(o.options ? { options: o.options as ProjectionModel["options"] } : {}),
  };
  return model;
}

/**
 * Writes a model to a JSON file (atomically).
 *
 * @example
 * await saveProjectionModel("es-en.model.json", model);
 */
export async function saveProjectionModel(path: string, model: ProjectionModel): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(projectionModelToJson(model)));
}

/**
 * Reads a model written by {@link saveProjectionModel}.
 *
 * @example
 * const model = await loadProjectionModel("es-en.model.json");
 */
export async function loadProjectionModel(path: string): Promise<ProjectionModel> {
  const text = await readUtf8File(path, "projection model");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: "the projection model is not valid JSON",
      value: (error as Error).message,
      file: path,
      fix: "The file may be truncated; write it again with saveProjectionModel.",
      cause: error,
    });
  }
  return projectionModelFromJson(json, path);
}

function countsFromJson(json: unknown, length: number, name: string, file?: string): Int32Array {
  if (!Array.isArray(json) || json.length !== length) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: `projection model field "${name}" must list one count per vocabulary word (${length})`,
      value: Array.isArray(json) ? json.length : typeof json,
      file,
      fix: "Write the model again with saveProjectionModel.",
    });
  }
  return Int32Array.from(json as number[]);
}

function tableToJson(table: SparseTable): TableJson {
  return {
    rowStart: Array.from(table.rowStart),
    cols: Array.from(table.cols),
    values: Array.from(table.values, (v) => Number(v.toPrecision(5))),
  };
}

function tableFromJson(json: unknown, rows: number, cols: number, name: string, file?: string): SparseTable {
  const t = json as TableJson | undefined;
  const bad = (why: string) =>
    new ClinspanError({
      code: "E_MODEL",
      message: `projection model table "${name}" is invalid: ${why}`,
      value: name,
      file,
      fix: "Write the model again with saveProjectionModel.",
    });
  if (!t || !Array.isArray(t.rowStart) || !Array.isArray(t.cols) || !Array.isArray(t.values))
    throw bad("missing arrays");
  if (t.rowStart.length !== rows + 1) throw bad(`${t.rowStart.length - 1} rows for a vocabulary of ${rows}`);
  if (t.cols.length !== t.values.length || t.rowStart[rows] !== t.cols.length) throw bad("lengths disagree");
  for (const c of t.cols)
    if (!(c >= 0 && c < cols)) throw bad(`column ${c} outside the vocabulary of ${cols}`);
  return {
    rowStart: Int32Array.from(t.rowStart),
    cols: Int32Array.from(t.cols),
    values: Float32Array.from(t.values),
  };
}
