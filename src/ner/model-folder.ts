/**
 * NER model folders: `manifest.json` names the kind, and the loader registered for that kind opens
 * the rest. The embedded CRF is built in; other backends (the encoder + CNN head in `cnn/`) register
 * their loader with {@link registerTaggerKind}. Folders are written to a temporary sibling and renamed
 * into place, so a crash never leaves a half-written model that looks complete.
 */
import { mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { ClinspanError } from "../core/error.ts";
import { fileWriteError } from "../io/atomic-write.ts";
import { NER_MODEL_FORMAT_VERSION, type NerModelManifest, type Tagger } from "./tagger.ts";

/** Opens a model folder whose manifest has already been read. */
export type TaggerLoader = (dir: string, manifest: NerModelManifest) => Promise<Tagger>;

// the built-in kind is imported lazily: its module imports this one (writeModelFolder)
const loaders = new Map<string, TaggerLoader>([
  [
    "embedded-crf",
    async (dir, manifest) => (await import("./embedded-model-io.ts")).loadEmbeddedTagger(dir, manifest),
  ],
]);

/**
 * Registers the loader of a model kind (called once by each backend module).
 *
 * @example
 * registerTaggerKind("encoder-cnn", loadCnnTagger);
 */
export function registerTaggerKind(kind: string, loader: TaggerLoader): void {
  loaders.set(kind, loader);
}

/**
 * The kinds that can be loaded.
 *
 * @example
 * taggerKinds(); // ["embedded-crf", "encoder-cnn"]
 */
export function taggerKinds(): string[] {
  return [...loaders.keys()];
}

/**
 * Reads and checks `manifest.json` of a model folder.
 *
 * @example
 * const manifest = await readNerManifest("models/es-ner"); manifest.kind; // "embedded-crf"
 */
export async function readNerManifest(dir: string): Promise<NerModelManifest> {
  const file = path.join(dir, "manifest.json");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === "ENOENT";
    throw new ClinspanError({
      code: missing ? "E_MODEL" : "E_FILE_READ",
      message: missing ? "the model folder has no manifest.json" : "manifest.json could not be read",
      value: dir,
      file,
      fix: "Pass a folder written by `saveEmbeddedTagger` or `saveCnnModel`.",
      cause,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: "manifest.json is not valid JSON",
      file,
      fix: "Retrain the model, or restore manifest.json from a backup.",
      cause,
    });
  }
  const m = json as Partial<NerModelManifest>;
  if (typeof m !== "object" || m === null || typeof m.kind !== "string" || !Array.isArray(m.labels)) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: "manifest.json lacks `kind` or `labels`",
      file,
      fix: "Pass a folder written by `saveEmbeddedTagger` or `saveCnnModel`.",
    });
  }
  if (m.formatVersion !== NER_MODEL_FORMAT_VERSION) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: `the model folder has format version ${String(m.formatVersion)}, this program reads version ${NER_MODEL_FORMAT_VERSION}`,
      value: m.formatVersion,
      file,
      fix: "Retrain the model with this version of clinspan.",
    });
  }
  return m as NerModelManifest;
}

/**
 * Checks a manifest against the schema of its kind; the error names the first bad field.
 *
 * @example
 * const manifest = parseManifest(manifestSchema, await readNerManifest(dir), file, "Retrain the model.");
 */
export function parseManifest<T>(schema: z.ZodType<T>, json: unknown, file: string, fix: string): T {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ClinspanError({
    code: "E_MODEL",
    message: `manifest.json field ${issue.path.join(".")}: ${issue.message}`,
    value: issue.path.join("."),
    file,
    fix,
  });
}

/**
 * Reads a file that a manifest names; a missing one means the folder is incomplete (E_MODEL).
 *
 * @example
 * const bytes = await readModelFile(path.join(dir, "weights/0-DISEASE.f32"));
 */
export async function readModelFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (cause) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: "a file named in manifest.json is missing from the model folder",
      value: path.basename(file),
      file,
      fix: "Copy the whole model folder, or retrain the model.",
      cause,
    });
  }
}

/**
 * Opens any NER model folder with the loader of its kind.
 *
 * @example
 * const tagger = await loadNerModel("models/es-ner");
 * const spans = await tagger.tag({ id: "caso_1", text: "Fiebre y tos." });
 */
export async function loadNerModel(dir: string): Promise<Tagger> {
  const manifest = await readNerManifest(dir);
  const loader = loaders.get(manifest.kind);
  if (!loader) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: `the model kind "${manifest.kind}" is not known to this program`,
      value: manifest.kind,
      file: path.join(dir, "manifest.json"),
      fix: `Known kinds: ${taggerKinds().join(", ")}. Retrain the model or upgrade clinspan.`,
    });
  }
  return loader(dir, manifest);
}

/**
 * Writes a model folder atomically: `write` fills a fresh temporary folder, which then replaces `dir`.
 * An existing `dir` is replaced only when it is empty or holds a model (a manifest.json).
 *
 * @example
 * await writeModelFolder("models/es-ner", async (tmp) => { await writeFile(path.join(tmp, "manifest.json"), "{}"); });
 */
export async function writeModelFolder(dir: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const target = path.resolve(dir);
  const existing = await stat(target).catch(() => undefined);
  if (existing) {
    const entries = existing.isDirectory() ? await readdir(target) : ["(a file)"];
    if (entries.length > 0 && !entries.includes("manifest.json")) {
      throw new ClinspanError({
        code: "E_USAGE",
        message: "the output folder exists and is not a model folder; refusing to overwrite it",
        value: dir,
        fix: "Choose a new folder, or empty this one.",
      });
    }
  }
  const tmp = `${target}.tmp-${process.pid}-${Date.now()}`;
  try {
    await mkdir(tmp, { recursive: true });
    await write(tmp);
    if (existing) {
      const old = `${target}.old-${process.pid}-${Date.now()}`;
      await rename(target, old);
      await rename(tmp, target);
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(tmp, target);
    }
  } catch (error) {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    // a full disk or a read-only folder is the user's to fix (E_FILE_WRITE), not an internal error
    throw ClinspanError.isInstance(error) ? error : fileWriteError(error, dir);
  }
}
