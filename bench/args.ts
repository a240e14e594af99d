/**
 * Small helpers the benches share: command-line values and synthetic spans over real texts.
 */
import type { Span } from "../src/index.ts";

/**
 * The value after `--name` on the command line, or `fallback`.
 *
 * @example
 * const docs = Number(arg("docs", "1000")); // npx tsx bench/x.bench.ts --docs 200
 */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/**
 * Up to `count` spans over words of 8+ letters, evenly spread through the text.
 *
 * @example
 * syntheticSpans("doc1", "Paciente con hipertensión arterial", 12); // one span: "hipertensión"
 */
export function syntheticSpans(id: string, text: string, count: number): Span[] {
  const words = [...text.matchAll(/\p{L}{8,}/gu)];
  const step = Math.max(1, Math.floor(words.length / count));
  const spans: Span[] = [];
  for (let i = 0; i < words.length && spans.length < count; i += step) {
    const m = words[i];
    spans.push({ docId: id, label: "DISEASE", start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
  return spans;
}
