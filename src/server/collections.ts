/**
 * The document collections found under `--data`: MultiClinAI trees (entity folders of one language
 * and split are merged into one collection when their texts agree, so a document shows all its
 * labels at once), brat folders (`.txt` + `.ann`) and text + TSV folders (`txt/` with `tsv/` or a
 * `.tsv` beside it). Collections are listed cheaply (file names) and read on first use.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import {
  type ClinicalDocument,
  checkSpansAgainstDocuments,
  folderEntityToLabel,
  MULTICLINAI_LANGUAGES,
  normalizeLanguage,
  readBratFolder,
  readMultiClinAiTree,
  readMultiClinAiTsv,
  readTextFolder,
  type Span,
  writeBratFolder,
  writeFileAtomic,
  writeMultiClinAiTsv,
} from "../index.ts";
import type { DataRoot } from "./data-root.ts";
import { ApiError } from "./errors.ts";

/** What kind of folder a collection is. */
export type CollectionKind = "multiclinai" | "brat" | "text-tsv";

/** A collection as listed. */
export interface CollectionInfo {
  /** The folder relative to the data root; also the collection's id. */
  readonly id: string;
  readonly kind: CollectionKind;
  readonly lang?: string;
  readonly split?: string;
  /** Labels known from folder names (MultiClinAI) or from the files once read. */
  readonly labels: string[];
  readonly documents: string[];
}

/** A collection with its texts and spans. */
export interface LoadedCollection {
  readonly info: CollectionInfo;
  readonly documents: Map<string, ClinicalDocument>;
  readonly spans: Map<string, Span[]>;
  /** Per document: notes such as an entity copy whose text differs. */
  readonly warnings: Map<string, string[]>;
}

interface Found {
  readonly info: CollectionInfo;
  readonly dir: string;
  /** MultiClinAI entity folders merged into this collection. */
  readonly entityDirs?: string[];
}

const ENTITY_FOLDER = /^MultiClinNER-([A-Za-z]+)-(.+)-([A-Za-z]+)$/;
const MAX_DEPTH = 6;
const MAX_FOLDERS = 5000;

/** Lists and reads the collections of one data root. */
export class CollectionStore {
  private readonly root: DataRoot;
  private found = new Map<string, Found>();
  private readonly loaded = new Map<string, Promise<LoadedCollection>>();

  constructor(root: DataRoot) {
    this.root = root;
  }

  /**
   * Walks the data folder (depth 6, 5,000 folders at most) and lists its collections.
   *
   * @example
   * const list = await store.list(); list[0].id; // "multiclinai/MultiClinNER-en/MultiClinNER-en-sample"
   */
  async list(): Promise<CollectionInfo[]> {
    const found = new Map<string, Found>();
    const groups = new Map<string, string[]>();
    const queue: { dir: string; depth: number }[] = [{ dir: this.root.dir, depth: 0 }];
    let visited = 0;
    while (queue.length > 0 && visited < MAX_FOLDERS) {
      const { dir, depth } = queue.shift()!;
      visited++;
      let entries: import("node:fs").Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      const subdirs = entries.filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => e.name);
      const files = entries.filter((e) => e.isFile()).map((e) => e.name);
      const name = path.basename(dir);
      if (ENTITY_FOLDER.test(name) && subdirs.includes("txt")) {
        const parent = path.dirname(dir);
        groups.set(parent, [...(groups.get(parent) ?? []), dir]);
        continue;
      }
      if (files.some((f) => f.endsWith(".ann"))) {
        const id = this.root.relative(dir);
        const documents = stems(files, ".txt");
        found.set(id, { dir, info: { id, kind: "brat", lang: guessLanguage(dir), labels: [], documents } });
      } else if (
        subdirs.includes("txt") &&
        (subdirs.includes("tsv") || files.some((f) => f.endsWith(".tsv")))
      ) {
        const id = this.root.relative(dir);
        const documents = stems(await safeList(path.join(dir, "txt")), ".txt");
        found.set(id, {
          dir,
          info: { id, kind: "text-tsv", lang: guessLanguage(dir), labels: [], documents },
        });
      }
      if (depth < MAX_DEPTH) {
        for (const sub of subdirs.sort()) {
          if (sub === "node_modules" || sub === "txt") continue;
          queue.push({ dir: path.join(dir, sub), depth: depth + 1 });
        }
      }
    }
    for (const [parent, dirs] of groups) {
      dirs.sort();
      const match = ENTITY_FOLDER.exec(path.basename(dirs[0]))!;
      const id = this.root.relative(parent);
      const ids = new Set<string>();
      for (const dir of dirs)
        for (const stem of stems(await safeList(path.join(dir, "txt")), ".txt")) ids.add(stem);
      found.set(id, {
        dir: parent,
        entityDirs: dirs,
        info: {
          id,
          kind: "multiclinai",
          lang: normalizeLanguage(match[1]),
          split: match[2],
          labels: dirs.map((dir) => folderEntityToLabel(ENTITY_FOLDER.exec(path.basename(dir))![3])),
          documents: [...ids].sort(),
        },
      });
    }
    this.found = found;
    return [...found.values()].map((f) => f.info).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /**
   * Reads a collection (cached after the first call). E_UNKNOWN_DOCUMENT for an unknown id.
   *
   * @example
   * const { documents, spans } = await store.load("multiclinai/MultiClinNER-es/MultiClinNER-es-sample");
   */
  async load(id: string): Promise<LoadedCollection> {
    if (!this.found.has(id)) await this.list();
    const found = this.found.get(id);
    if (!found) {
      throw new ApiError(
        "E_UNKNOWN_DOCUMENT",
        `there is no collection ${JSON.stringify(id)} under the data folder`,
        "Pick a collection id from GET /v1/data/collections.",
      );
    }
    let loading = this.loaded.get(id);
    if (!loading) {
      loading = readCollection(found);
      this.loaded.set(id, loading);
      loading.catch(() => this.loaded.delete(id));
    }
    return loading;
  }

  /**
   * One document of a collection with its spans.
   *
   * @example
   * const { doc, spans } = await store.document("multiclinai/MultiClinNER-en/MultiClinNER-en-sample", "caso_01");
   */
  async document(
    collection: string,
    docId: string,
  ): Promise<{ doc: ClinicalDocument; spans: Span[]; warnings: string[] }> {
    const loaded = await this.load(collection);
    const doc = loaded.documents.get(docId);
    if (!doc) {
      throw new ApiError(
        "E_UNKNOWN_DOCUMENT",
        `collection ${JSON.stringify(collection)} has no document ${JSON.stringify(docId)}`,
        "Pick a document id from the collection's `documents` list.",
      );
    }
    return { doc, spans: loaded.spans.get(docId) ?? [], warnings: loaded.warnings.get(docId) ?? [] };
  }

  /**
   * Writes one reviewed document atomically under `dir` (relative to the data root): `tsv` writes
   * `txt/<doc>.txt` + `tsv/<doc>.tsv` (a text + TSV collection), `brat` writes `<doc>.txt` + `<doc>.ann`.
   *
   * @example
   * await store.save({ dir: "clinspan-review/en", doc, spans, format: "tsv" }); // ["clinspan-review/en/tsv/caso_01.tsv", ...]
   */
  async save(request: {
    dir: string;
    doc: ClinicalDocument;
    spans: readonly Span[];
    format: "tsv" | "brat";
  }): Promise<string[]> {
    const dir = await this.root.resolve(request.dir);
    const files: string[] = [];
    if (request.format === "brat") {
      await writeBratFolder(dir, [request.doc], request.spans);
      files.push(path.join(dir, `${request.doc.id}.txt`), path.join(dir, `${request.doc.id}.ann`));
    } else {
      const txt = path.join(dir, "txt", `${request.doc.id}.txt`);
      const tsv = path.join(dir, "tsv", `${request.doc.id}.tsv`);
      await writeFileAtomic(txt, request.doc.text);
      await writeMultiClinAiTsv(tsv, request.spans);
      files.push(txt, tsv);
    }
    // A saved folder may itself be a collection that was read before: read it again next time.
    const id = this.root.relative(dir);
    this.loaded.delete(id);
    return files.map((file) => this.root.relative(file));
  }
}

async function readCollection(found: Found): Promise<LoadedCollection> {
  const { info } = found;
  const documents = new Map<string, ClinicalDocument>();
  const spans = new Map<string, Span[]>();
  const warnings = new Map<string, string[]>();
  const addSpan = (span: Span) => {
    const list = spans.get(span.docId);
    if (list) list.push(span);
    else spans.set(span.docId, [span]);
  };
  const warn = (docId: string, message: string) =>
    warnings.set(docId, [...(warnings.get(docId) ?? []), message]);
  if (info.kind === "multiclinai") {
    for (const dir of found.entityDirs ?? []) {
      for (const set of await readMultiClinAiTree(dir)) {
        for (const doc of set.documents) {
          const seen = documents.get(doc.id);
          if (!seen) documents.set(doc.id, doc);
          else if (seen.text !== doc.text) {
            warn(
              doc.id,
              `the ${set.label} copy of the text differs from the first copy: its spans are left out`,
            );
          }
        }
        for (const span of set.spans) {
          const doc = documents.get(span.docId);
          if (doc && doc.text === set.documents.find((d) => d.id === span.docId)?.text) addSpan(span);
        }
      }
    }
  } else if (info.kind === "brat") {
    const folder = await readBratFolder(found.dir, info.lang ? { lang: info.lang } : {});
    for (const doc of folder.documents) documents.set(doc.id, doc);
    for (const span of folder.spans) addSpan(span);
  } else {
    for (const doc of await readTextFolder(path.join(found.dir, "txt"), info.lang))
      documents.set(doc.id, doc);
    const tsvDir = path.join(found.dir, "tsv");
    const tsvFiles = [
      ...(await safeList(tsvDir)).filter((f) => f.endsWith(".tsv")).map((f) => path.join(tsvDir, f)),
      ...(await safeList(found.dir)).filter((f) => f.endsWith(".tsv")).map((f) => path.join(found.dir, f)),
    ];
    for (const file of tsvFiles) {
      const fileSpans = (await readMultiClinAiTsv(file)).filter((span) => documents.has(span.docId));
      checkSpansAgainstDocuments(fileSpans, documents, { file });
      for (const span of fileSpans) addSpan(span);
    }
  }
  const labels = new Set(info.labels);
  for (const list of spans.values()) for (const span of list) labels.add(span.label);
  const full: CollectionInfo = {
    ...info,
    labels: [...labels].sort(),
    documents: [...documents.keys()].sort(),
  };
  return { info: full, documents, spans, warnings };
}

function stems(files: readonly string[], extension: string): string[] {
  return files
    .filter((f) => f.endsWith(extension))
    .map((f) => f.slice(0, -extension.length))
    .sort();
}

async function safeList(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    return [];
  }
}

/** A language from the folder name or its parent (`en/`, `brat-en/`, `corpus_es`), when one is plain. */
function guessLanguage(dir: string): string | undefined {
  for (const name of [path.basename(dir), path.basename(path.dirname(dir))]) {
    const match = /(?:^|[-_.])([a-z]{2})$/i.exec(name) ?? /^([a-z]{2})(?:$|[-_.])/i.exec(name);
    if (match) {
      const lang = normalizeLanguage(match[1]);
      if ((MULTICLINAI_LANGUAGES as readonly string[]).includes(lang)) return lang;
    }
  }
  return undefined;
}
