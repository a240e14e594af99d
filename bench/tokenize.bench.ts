/**
 * Tokenizer speed against a whitespace split (`text.split(/\s+/)`) measured in the same run, on
 * generated clinical-like documents of ~400 words in the seven languages. Projection tokenizes about
 * 30,000 such documents, so the report extrapolates to that count.
 *
 *   npx tsx bench/tokenize.bench.ts [documents=2000]
 */
import { splitSentences, tokenize } from "../src/text/index.ts";

const WORDS = [
  "paciente",
  "hipertensión",
  "arterial",
  "dolor",
  "torácico",
  "amoxicilina-clavulánico",
  "Dr.",
  "p.",
  "ej.",
  "un'emorragia",
  "dell’arteria",
  "l'ipertensione",
  "typ",
  "2-diabetes",
  "CT-scan",
  "insuficiență",
  "cardiacă",
  "şi",
  "ţesut",
  "pacient",
  "přijat",
  "2.",
  "typu",
  "bolest",
  "břicha",
  "patiënt",
  "o.a.",
  "huvudvärk",
  "bl.a.",
  "the",
  "patient's",
  "with",
  "de",
  "la",
  "con",
  "y",
  "en",
  "el",
  "se",
  "mg/dl",
  "2,5",
  "37.5",
  "1.000",
  "39",
  "°C",
  "10-20",
  "%",
  "120/80",
  "aprox.",
  "etc.",
  "(",
  ")",
  ",",
  ",",
  ",",
  ".",
  ";",
  ":",
  "HbA1c",
  "COVID-19",
  "fiebre",
  "tos",
  "disnea",
  "Exploración",
  "normal",
  "ECG",
];

function generateDocuments(count: number, wordsPerDoc: number): string[] {
  let seed = 12345;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  const docs: string[] = [];
  for (let d = 0; d < count; d++) {
    const parts: string[] = [];
    for (let w = 0; w < wordsPerDoc; w++) {
      parts.push(WORDS[next() % WORDS.length]);
      if (next() % 23 === 0) parts.push(".\n");
    }
    docs.push(parts.join(" "));
  }
  return docs;
}

type Case = { label: string; fn: (text: string) => number; best: number; items: number };

/** Runs the cases interleaved (so machine load hits all alike) and keeps each one's best time. */
function measure(docs: readonly string[], cases: Case[], reps: number): void {
  for (const c of cases) for (const doc of docs.slice(0, 200)) c.fn(doc); // warm up the JIT
  for (let rep = 0; rep < reps; rep++) {
    for (const c of cases) {
      let items = 0;
      const t0 = performance.now();
      for (const doc of docs) items += c.fn(doc);
      c.best = Math.min(c.best, performance.now() - t0);
      c.items = items;
    }
  }
  for (const c of cases) {
    console.log(`${c.label.padEnd(28)} ${c.best.toFixed(1).padStart(8)} ms  (items: ${c.items})`);
  }
}

const count = Number(process.argv[2] ?? 2000);
const docs = generateDocuments(count, 400);
const chars = docs.reduce((sum, doc) => sum + doc.length, 0);
const reps = 7;
console.log(`${count} documents, ${(chars / 1e6).toFixed(2)} M characters, best of ${reps} interleaved runs`);

const cases: Case[] = [
  { label: "split(/\\s+/) baseline", fn: (text) => text.split(/\s+/).length, best: Infinity, items: 0 },
  { label: "tokenize(text, 'es')", fn: (text) => tokenize(text, "es").length, best: Infinity, items: 0 },
  {
    label: "splitSentences(text, 'es')",
    fn: (text) => splitSentences(text, "es").length,
    best: Infinity,
    items: 0,
  },
];
measure(docs, cases, reps);
const [baseline, tok, sent] = cases.map((c) => c.best);

console.log(`tokenize / baseline ratio: ${(tok / baseline).toFixed(2)}x`);
console.log(`splitSentences (tokenize included) / baseline ratio: ${(sent / baseline).toFixed(2)}x`);
console.log(
  `extrapolated to 30,000 documents: tokenize ${((tok / count) * 30).toFixed(2)} s, ` +
    `splitSentences ${((sent / count) * 30).toFixed(2)} s`,
);
