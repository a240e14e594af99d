/** The io layer: readers and writers for every Clinspan file format. */
export * from "./atomic-write.ts";
export * from "./beir.ts";
export * from "./brat-ann.ts";
export * from "./brat-folder.ts";
export * from "./check-spans.ts";
export * from "./codiesp-tsv.ts";
export * from "./conll.ts";
export * from "./float32-bytes.ts";
export * from "./jsonl.ts";
export * from "./multiclinai-tree.ts";
export * from "./multiclinai-tsv.ts";
export * from "./parallel-pairs.ts";
export * from "./pharaoh.ts";
export * from "./read-file.ts";
export * from "./span-origin.ts";
export * from "./text-folder.ts";
export * from "./trec.ts";
