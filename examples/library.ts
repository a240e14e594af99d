/**
 * The library in a few lines: project Spanish spans into an English translation, then score them.
 * Run: npx tsx examples/library.ts
 */
import { evaluateSpans, projectDocument, type Span, trainProjectionModel } from "clinspan";

const src = {
  id: "caso_1",
  lang: "es",
  text: "Paciente con dolor torácico y fiebre alta. Se realiza una radiografía de tórax.",
};
const tgt = {
  id: "caso_1",
  lang: "en",
  text: "Patient with chest pain and high fever. A chest X-ray is performed.",
};
const spanAt = (docId: string, text: string, label: string, mention: string): Span => {
  const start = text.indexOf(mention);
  return { docId, label, start, end: start + mention.length, text: mention };
};

// Corpus-level statistics (EM translation tables) come from the parallel documents at hand.
const model = trainProjectionModel([{ src, tgt }], { srcLang: "es", tgtLang: "en" });
const goldSource = [
  spanAt("caso_1", src.text, "SYMPTOM", "dolor torácico"),
  spanAt("caso_1", src.text, "SYMPTOM", "fiebre alta"),
  spanAt("caso_1", src.text, "PROCEDURE", "radiografía de tórax"),
];
const { spans, unprojected } = projectDocument({ src, tgt, spans: goldSource }, model);
for (const s of spans) console.log(`${s.label}\t${s.start}\t${s.end}\t${s.text}\t${s.score?.toFixed(2)}`);

const goldTarget = [
  spanAt("caso_1", tgt.text, "SYMPTOM", "chest pain"),
  spanAt("caso_1", tgt.text, "SYMPTOM", "high fever"),
  spanAt("caso_1", tgt.text, "PROCEDURE", "chest X-ray"),
];
const report = evaluateSpans(goldTarget, spans);
console.log(
  `strict F1 ${report.strict.f1.toFixed(4)}, char F1 ${report.char.f1.toFixed(4)}, unprojected ${unprojected.length}`,
);
