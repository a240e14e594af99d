/**
 * One fuzz case of projectDocument: random source and target texts (astral characters, combining
 * marks, empty texts), random spans and support spans with random (sometimes invalid) offsets, and
 * sometimes tiny windows so the long-document path runs too. Returns the outcome; throws on an
 * internal error or an invalid result.
 */
import { projectDocument } from "../../src/align/decoding/project-document.ts";
import { emptyProjectionModel } from "../../src/align/model/model.ts";
import type { Span } from "../../src/core/span.ts";
import { Fuzz, onlyClinspanErrors } from "./fuzz.ts";

const WORDS = ["dolor", "pain", "fiebre", "fever", "de", "the", "tórax", "😀x", "e\u0301", "12", ".", "\n"];

function fuzzText(f: Fuzz): string {
  if (f.random() < 0.08) return "";
  let out = "";
  const n = f.int(60);
  for (let i = 0; i < n; i++) out += f.random() < 0.7 ? `${f.pick(WORDS)} ` : f.text(3);
  return out;
}

function fuzzSpans(f: Fuzz, docId: string, length: number, count: number): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < count; i++) {
    const r = f.random();
    const start = r < 0.9 ? f.int(Math.max(1, length)) : length + f.int(5) - 2;
    const end = r < 0.85 ? start + 1 + f.int(12) : start - f.int(3);
    spans.push({
      docId: f.random() < 0.95 ? docId : "other",
      label: f.pick(["DISEASE", "SYMPTOM"]),
      start,
      end,
      text: "",
      ...(f.random() < 0.1
        ? {
            fragments: [
              { start, end: start + 1 },
              { start: start + 2, end: Math.max(start + 3, end) },
            ],
          }
        : {}),
    });
  }
  return spans;
}

/**
 * Runs fuzz case `seed`; returns "ok" or the ClinspanError code.
 *
 * @example
 * fuzzProjection(7); // "ok" | "E_OFFSETS" | ...
 */
export function fuzzProjection(seed: number): string {
  const f = new Fuzz(seed);
  const src = { id: "d", lang: "es", text: fuzzText(f) };
  const tgt = { id: "d", lang: "en", text: fuzzText(f) };
  const spans = fuzzSpans(f, "d", src.text.length, f.int(6));
  const support = f.random() < 0.4 ? fuzzSpans(f, "d", tgt.text.length, f.int(4)) : undefined;
  const windows = f.random() < 0.3 ? { longPairChars: 40, windowChars: 20 + f.int(40) } : {};
  const model = emptyProjectionModel("es", "en");
  return onlyClinspanErrors(seed, { src, tgt, spans, support, windows }, () => {
    const result = projectDocument({ src, tgt, spans, support }, model, windows);
    if (result.spans.length + result.unprojected.length !== spans.length)
      throw new Error(
        `seed ${seed}: ${spans.length} spans in, ${result.spans.length} + ${result.unprojected.length} out`,
      );
    for (const span of result.spans) {
      if (!(span.start >= 0 && span.start < span.end && span.end <= tgt.text.length))
        throw new Error(`seed ${seed}: projected offsets ${span.start}-${span.end} outside the target text`);
      if (span.text !== tgt.text.slice(span.start, span.end))
        throw new Error(`seed ${seed}: span text differs`);
    }
  });
}
