/**
 * Distributed runs on Redis (BullMQ): projection and tagging split into jobs that `clinspan worker`
 * processes on any number of machines take; the producer trains and publishes the model once and
 * writes the output itself, in document order. A layer above `corpus` and `ner`; it is not
 * re-exported from the package root, so importing Clinspan never loads BullMQ.
 */
export * from "./blobs.ts";
export * from "./jobs.ts";
export * from "./lexicons.ts";
export * from "./producer.ts";
export * from "./project.ts";
export * from "./redis.ts";
export * from "./tag.ts";
export * from "./worker.ts";
