/**
 * Projection quality per target language on the bundled sample (`data/sample/source`, the corpus the
 * lexicon was tuned on) and on the independent development set (`data/devset/source`, never tuned
 * on), char and strict F1 of the embedded aligner beside the ~100-line baseline (align-baseline.ts)
 * in the same run. A tuning change should raise the devset means without lowering the sample's.
 * The set `realdev` is the real MultiClinAI es -> en dev paragraphs
 * (`../shared/data/multiclinai-conll/es-en-dev-pairs.jsonl`, 157 pairs; halves: first 79 tune, rest
 * validate); it is skipped when absent.
 *
 * Run: npx tsx bench/projection-devset.bench.ts [--opts='{"temperature":0.4}'] [--sets=sample,devset]
 *      [--half=tune|validate] (devset dev_01..dev_06 / realdev first half to tune on, the rest to validate on)
 *      [--docs=dev_01,dev_02] (only these document ids, in every set) [--errors] (print span mismatches)
 *      [--self-taught] (the corpus default: a first round's projections teach the edge rules)
 *      [--words-from=self,sample] [--phrases-from=sample] [--word-opts='{"selfCounted":true}'] (which
 *      corpora teach span words / phrases: "self" = the first-round projections, or a set's target gold)
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  applyBoundaryEdits,
  evaluateSpans,
  learnBoundaryEdits,
  learnFromProjections,
  learnGatedBoundaryEdits,
  learnSpanPhrases,
  learnSpanWords,
  learnTargetAnnotations,
  type ProjectionOptions,
  projectDocument,
  type Span,
  trainProjectionModel,
} from "../src/index.ts";
import { baselineProject } from "./align-baseline.ts";
import { type GoldPair, readSamplePairs, repoRoot, sharedData } from "./align-data.ts";

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, ...v] = a.replace(/^--/, "").split("=");
    return [k, v.join("=")] as const;
  }),
);
const opts: Partial<ProjectionOptions> = args.has("opts") ? JSON.parse(args.get("opts")!) : {};
const sets = (args.get("sets") ?? "sample,devset,realdev").split(",");
const LANGS = ["en", "it", "nl", "sv", "ro", "cz"];
const TUNE_DOCS = ["dev_01", "dev_02", "dev_03", "dev_04", "dev_05", "dev_06"];
const half = args.get("half");
const docFilter: Set<string> | undefined = args.has("docs")
  ? new Set(args.get("docs")!.split(","))
  : undefined;
/** Which document ids of a set the run keeps (the tune/validate split only concerns the devset). */
const keepDoc = (set: string, id: string): boolean => {
  if (docFilter && !docFilter.has(id)) return false;
  if (set === "devset" && half === "tune") return TUNE_DOCS.includes(id);
  if (set === "devset" && half === "validate") return !TUNE_DOCS.includes(id);
  if (set === "realdev" && half) return (half === "tune") === REAL_TUNE.has(id);
  return true;
};
const showErrors = args.has("errors");
// --edits: learned boundary edits (MCAI after decoding), two-fold: learned on the projections and
// gold spans of one half of a set's documents (odd / even), applied to the other half.
const edits = args.has("edits");
// --mcai=gated: a fold uses MCAI only when, inside its teaching documents (learn on alternate halves,
// project the other half), the MCAI model raised strict F1 over the plain one.
const mcai = args.has("mcai");
const mcaiGated = args.get("mcai") === "gated";
/** Fewest target gold spans in a fold's teaching documents for gated MCAI to be considered. */
const MCAI_MIN_SPANS = 150;
const editOpts = args.get("edits") ? JSON.parse(args.get("edits")!) : {};
// --gate: with --edits, keep only the edits that helped on held-out halves of the learning documents.
const gate = args.has("gate");
// --span-words: two-fold, the target gold spans of one half of a set's documents teach which words
// annotators never include (edge rule drop-unannotated-edge-words); the other half is projected.
const spanWordsOn = args.has("span-words");
const spanWordOpts = args.get("span-words") ? JSON.parse(args.get("span-words")!) : {};
// --phrases: two-fold, the annotated target span texts of one half become support spans (span
// identity) wherever they occur in the other half's target texts.
const phrasesOn = args.has("phrases");
// --teach=sample[,devset]: the target gold of all documents of these sets (another corpus) teaches
// the edge rules (learnTargetAnnotations); every other set is projected with and without.
const teachSets = args.has("teach") ? args.get("teach")!.split(",") : [];
// --teach-what=words|phrases: with --teach / --self, only that half of the target learning.
const teachWhat = args.get("teach-what") ?? "both";
// --self-taught: the corpus default of projectCorpus / the CLI (learnFromProjections), beside the
// one-round projection the table shows.
const selfTaught = args.has("self-taught");
// --words-from=self,sample / --phrases-from=sample: combined learning, from the corpus's own first-pass
// projections ("self") and / or the target gold of other sets (the span words' counts are summed).
const wordsFrom = args.get("words-from")?.split(",") ?? [];
const phrasesFrom = args.get("phrases-from")?.split(",") ?? [];
const wordOpts = args.get("word-opts") ? JSON.parse(args.get("word-opts")!) : {};
/** Keeps only the part of a target learning that --teach-what names. */
const pickLearning = (l: ReturnType<typeof learnTargetAnnotations>, what: string) => ({
  ...(what !== "phrases" ? { spanWords: l.spanWords } : {}),
  ...(what !== "words" ? { spanPhrases: l.spanPhrases } : {}),
});
const ROOTS: Record<string, string> = {
  sample: path.join(repoRoot, "data/sample/source"),
  devset: path.join(repoRoot, "data/devset/source"),
  realdev: path.join(sharedData, "multiclinai-conll/es-en-dev-pairs.jsonl"),
};
const realPairs = readRealDevPairs(ROOTS.realdev);
const REAL_TUNE = new Set(realPairs.slice(0, Math.ceil(realPairs.length / 2)).map((p) => p.src.id));

/** The real es -> en dev paragraphs as gold pairs ([] when the file is absent). */
function readRealDevPairs(file: string): GoldPair[] {
  if (!existsSync(file)) return [];
  const out: GoldPair[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const o = JSON.parse(line) as {
      name: string;
      es: string;
      en: string;
      es_spans: [string, number, number][];
      en_spans: [string, number, number][];
    };
    const spans = (text: string, list: [string, number, number][]) =>
      list.map(([label, start, end]) => ({ docId: o.name, label, start, end, text: text.slice(start, end) }));
    out.push({
      src: { id: o.name, text: o.es, lang: "es" },
      tgt: { id: o.name, text: o.en, lang: "en" },
      srcSpans: spans(o.es, o.es_spans),
      tgtSpans: spans(o.en, o.en_spans),
    });
  }
  return out;
}

interface Row {
  lang: string;
  spans: number;
  char: number;
  strict: number;
  baseChar: number;
  baseStrict: number;
  unprojected: number;
}

const f = (x: number) => x.toFixed(4);
const summary: Record<string, { char: number; strict: number; baseChar: number; baseStrict: number }> = {};
const started = performance.now();
for (const set of sets) {
  const rows: Row[] = [];
  for (const lang of LANGS) {
    const all = set === "realdev" ? (lang === "en" ? realPairs : []) : readSamplePairs(lang, ROOTS[set]);
    const pairs = all.filter((p) => keepDoc(set, p.src.id));
    if (pairs.length === 0) continue;
    const plain = trainProjectionModel(
      pairs.map((p) => ({ src: p.src, tgt: p.tgt })),
      { srcLang: "es", tgtLang: lang },
    );
    // --mcai: two-fold MCAI, the gold spans of the odd (even) documents train the span-pair table and
    // the second EM round, the even (odd) documents are projected with that model.
    const mcaiModels = mcai
      ? [0, 1].map((fold) =>
          trainProjectionModel(
            pairs.map((p, k) =>
              k % 2 === fold
                ? { src: p.src, tgt: p.tgt }
                : { src: p.src, tgt: p.tgt, srcSpans: p.srcSpans, tgtSpans: p.tgtSpans },
            ),
            { srcLang: "es", tgtLang: lang },
          ),
        )
      : undefined;
    const withSpans = (teach: ReadonlySet<number>) =>
      trainProjectionModel(
        pairs.map((p, k) =>
          teach.has(k)
            ? { src: p.src, tgt: p.tgt, srcSpans: p.srcSpans, tgtSpans: p.tgtSpans }
            : { src: p.src, tgt: p.tgt },
        ),
        { srcLang: "es", tgtLang: lang },
      );
    const useMcai = [0, 1].map((fold) => {
      if (!mcaiGated) return mcai;
      const learnIdx = pairs.flatMap((_, k) => (k % 2 === fold ? [] : [k]));
      // Too few mapped spans to judge (or to learn a span-pair table from): plain.
      if (learnIdx.reduce((n, k) => n + pairs[k].tgtSpans.length, 0) < MCAI_MIN_SPANS) return false;
      // Per inner half: the strict F1 gain of MCAI over the plain model; MCAI must gain in sum.
      const gains: number[] = [];
      for (const h of [0, 1]) {
        const inner = withSpans(new Set(learnIdx.filter((_, i) => i % 2 !== h)));
        const goldIn: Span[] = [];
        const plainOut: Span[] = [];
        const mcaiOut: Span[] = [];
        for (const k of learnIdx.filter((_, i) => i % 2 === h)) {
          const p = pairs[k];
          goldIn.push(...p.tgtSpans);
          plainOut.push(...projectDocument({ src: p.src, tgt: p.tgt, spans: p.srcSpans }, plain, opts).spans);
          mcaiOut.push(...projectDocument({ src: p.src, tgt: p.tgt, spans: p.srcSpans }, inner, opts).spans);
        }
        gains.push(evaluateSpans(goldIn, mcaiOut).strict.f1 - evaluateSpans(goldIn, plainOut).strict.f1);
      }
      return gains[0] + gains[1] > 0;
    });
    if (mcaiGated) console.log(`  ${set} ${lang}: MCAI gated ${useMcai.join("/")}`);
    const modelFor = (k: number) => (mcaiModels && useMcai[k % 2] ? mcaiModels[k % 2] : plain);
    const gold: Span[] = [];
    const pred: Span[] = [];
    const base: Span[] = [];
    let unprojected = 0;
    const perDoc: Span[][] = [];
    for (const [k, p] of pairs.entries()) {
      const model = modelFor(k);
      const result = projectDocument({ src: p.src, tgt: p.tgt, spans: p.srcSpans }, model, opts);
      pred.push(...result.spans);
      perDoc.push(result.spans);
      if (showErrors) printErrors(set, lang, p.tgtSpans, result.spans);
      unprojected += result.unprojected.length;
      gold.push(...p.tgtSpans);
      base.push(...baselineProject(p.src, p.tgt, p.srcSpans));
    }
    const ours = evaluateSpans(gold, pred);
    const theirs = evaluateSpans(gold, base);
    // One document projected with what some annotations or projections taught the edge rules.
    const project = (k: number, learned: object) => {
      const p = pairs[k];
      return projectDocument({ src: p.src, tgt: p.tgt, spans: p.srcSpans }, modelFor(k), {
        ...opts,
        ...learned,
      }).spans;
    };
    // Every document so projected (errors printed under `errorTag` with --errors).
    const projectAll = (learned: object, errorTag?: string) =>
      pairs.flatMap((p, k) => {
        const out = project(k, learned);
        if (showErrors && errorTag) printErrors(`${set}-${errorTag}`, lang, p.tgtSpans, out);
        return out;
      });
    const report = (what: string, spans: readonly Span[]) => {
      const e = evaluateSpans(gold, spans);
      console.log(
        `  ${set} ${lang}: ${what} char ${f(ours.char.f1)} -> ${f(e.char.f1)}, strict ${f(ours.strict.f1)} -> ${f(e.strict.f1)}`,
      );
    };
    if (edits) {
      const edited: Span[] = [];
      for (const fold of [0, 1]) {
        const learn = pairs.flatMap((p, k) =>
          k % 2 === fold ? [] : [{ tgt: p.tgt, predicted: perDoc[k], gold: p.tgtSpans }],
        );
        const table = gate ? learnGatedBoundaryEdits(learn, lang, editOpts) : learnBoundaryEdits(learn, lang);
        pairs.forEach((p, k) => {
          if (k % 2 === fold) edited.push(...applyBoundaryEdits(p.tgt, perDoc[k], table, editOpts));
        });
      }
      report("boundary edits (two-fold)", edited);
    }
    if (spanWordsOn || phrasesOn) {
      // What the target gold of some documents teaches (the span words and/or the annotated phrases).
      const learnFrom = (idx: readonly number[]) => {
        const docs = idx.map((k) => ({ text: pairs[k].tgt.text, spans: pairs[k].tgtSpans }));
        return {
          ...(spanWordsOn ? { spanWords: learnSpanWords(docs, lang), spanWordOptions: spanWordOpts } : {}),
          ...(phrasesOn ? { spanPhrases: learnSpanPhrases(docs) } : {}),
        };
      };
      const learnedSpans: Span[] = [];
      const kept: boolean[] = [];
      for (const fold of [0, 1]) {
        const learnIdx = pairs.flatMap((_, k) => (k % 2 === fold ? [] : [k]));
        // --gate: inside the learning documents, learn on alternate halves and project the other
        // half with and without; the learning is used only when it raised strict F1 there.
        let use = true;
        if (gate) {
          const goldIn: Span[] = [];
          const without: Span[] = [];
          const withIt: Span[] = [];
          for (const h of [0, 1]) {
            const learned = learnFrom(learnIdx.filter((_, i) => i % 2 !== h));
            for (const k of learnIdx.filter((_, i) => i % 2 === h)) {
              goldIn.push(...pairs[k].tgtSpans);
              without.push(...perDoc[k]);
              withIt.push(...project(k, learned));
            }
          }
          use = evaluateSpans(goldIn, withIt).strict.f1 > evaluateSpans(goldIn, without).strict.f1;
        }
        kept.push(use);
        const learned = learnFrom(learnIdx);
        pairs.forEach((_, k) => {
          if (k % 2 === fold) learnedSpans.push(...(use ? project(k, learned) : perDoc[k]));
        });
      }
      const what = [spanWordsOn ? "span words" : "", phrasesOn ? "phrases" : ""].filter(Boolean).join(" + ");
      report(`${what} (two-fold${gate ? `, gated: ${kept.join("/")}` : ""})`, learnedSpans);
    }
    if (teachSets.length > 0 && !teachSets.includes(set)) {
      const teachers = teachSets.flatMap((t) =>
        t === "realdev" ? (lang === "en" ? realPairs : []) : readSamplePairs(lang, ROOTS[t]),
      );
      const learned = pickLearning(
        learnTargetAnnotations(
          teachers.map((p) => ({ text: p.tgt.text, spans: p.tgtSpans })),
          lang,
        ),
        teachWhat,
      );
      report(`taught by ${teachSets.join("+")}`, projectAll(learned));
    }
    if (selfTaught) {
      // What corpus projection (projectCorpus, the CLI) does by default: the first round's projections
      // teach the edge rules (learnFromProjections); the bundled phrases do not teach the sample itself.
      const learned = learnFromProjections(
        pairs.map((p, k) => ({ text: p.tgt.text, spans: perDoc[k] })),
        lang,
        { bundled: set !== "sample" },
      );
      report("self-taught (corpus default)", projectAll(learned, "self"));
    }
    if (wordsFrom.length > 0 || phrasesFrom.length > 0) {
      const docsFrom = (from: string[]) =>
        from.flatMap((t) =>
          t === "self"
            ? pairs.map((p, k) => ({ text: p.tgt.text, spans: perDoc[k] }))
            : (t === "realdev" ? (lang === "en" ? realPairs : []) : readSamplePairs(lang, ROOTS[t])).map(
                (p) => ({
                  text: p.tgt.text,
                  spans: p.tgtSpans,
                }),
              ),
        );
      const learned = {
        ...(wordsFrom.length > 0
          ? { spanWords: learnSpanWords(docsFrom(wordsFrom), lang), spanWordOptions: wordOpts }
          : {}),
        ...(phrasesFrom.length > 0 ? { spanPhrases: learnSpanPhrases(docsFrom(phrasesFrom)) } : {}),
      };
      report(
        `words ${wordsFrom.join("+") || "-"} phrases ${phrasesFrom.join("+") || "-"}`,
        projectAll(learned, "comb"),
      );
    }
    rows.push({
      lang,
      spans: gold.length,
      char: ours.char.f1,
      strict: ours.strict.f1,
      baseChar: theirs.char.f1,
      baseStrict: theirs.strict.f1,
      unprojected,
    });
  }
  if (rows.length === 0) {
    console.log(`\n${set}: absent (${ROOTS[set]}), skipped`);
    continue;
  }
  console.log(`\n${set} (${path.relative(repoRoot, ROOTS[set])}), es -> xx`);
  console.log("lang  spans  char F1  strict F1 | baseline char  strict | ratio char strict | unprojected");
  for (const r of rows) {
    console.log(
      `${r.lang.padEnd(4)} ${String(r.spans).padStart(6)}   ${f(r.char)}    ${f(r.strict)} |        ${f(r.baseChar)}  ${f(r.baseStrict)} |  ${(r.char / r.baseChar).toFixed(2)}x  ${(r.strict / r.baseStrict).toFixed(2)}x | ${String(r.unprojected).padStart(11)}`,
    );
  }
  const mean = (k: keyof Row) => rows.reduce((a, r) => a + (r[k] as number), 0) / rows.length;
  const m = {
    char: mean("char"),
    strict: mean("strict"),
    baseChar: mean("baseChar"),
    baseStrict: mean("baseStrict"),
  };
  summary[set] = m;
  console.log(
    `mean         ${f(m.char)}    ${f(m.strict)} |        ${f(m.baseChar)}  ${f(m.baseStrict)} |  ${(m.char / m.baseChar).toFixed(2)}x  ${(m.strict / m.baseStrict).toFixed(2)}x |`,
  );
}
console.log(
  JSON.stringify({
    bench: "projection-devset",
    opts,
    half: half ?? "all",
    ...Object.fromEntries(Object.entries(summary).map(([k, v]) => [k, v])),
    seconds: (performance.now() - started) / 1000,
  }),
);

/** Gold/predicted pairs whose offsets differ (paired by cross-language id, else by most overlap). */
function printErrors(set: string, lang: string, gold: readonly Span[], pred: readonly Span[]): void {
  const byId = new Map(pred.map((s) => [String(s.attrs?.id), s]));
  for (const g of gold) {
    let p = g.attrs?.id === undefined ? undefined : byId.get(String(g.attrs.id));
    if (g.attrs?.id === undefined) {
      let best = 0;
      for (const c of pred) {
        const o = Math.min(c.end, g.end) - Math.max(c.start, g.start);
        if (c.docId === g.docId && o > best) {
          best = o;
          p = c;
        }
      }
    }
    if (p && p.start === g.start && p.end === g.end) continue;
    console.log(`  ${set} ${lang} ${g.docId}: gold "${g.text}" -> "${p?.text ?? "(none)"}"`);
  }
}
