/**
 * Sentence sketches for the sentence aligner: character length and anchors. Anchors are numbers,
 * cognate keys of content words (5+ letters) and, with a trained model, each source word's most
 * likely translation; a target sentence anchors on its own words.
 */
import type { Token } from "../../text/token.ts";
import { bestTranslation, type ProjectionModel } from "../model/model.ts";
import { NUMBER, type SideFeatures, WORD } from "../views/features.ts";
import type { SentenceSketch } from "./sentence-align.ts";

/** Interns anchor strings to ids for one document pair. */
export class AnchorInterner {
  private readonly ids = new Map<string, number>();
  id(anchor: string): number {
    let id = this.ids.get(anchor);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(anchor, id);
    }
    return id;
  }
}

/**
 * Sketches the sentences of one side. `sentenceOf` gives each token's sentence, `count` the number
 * of sentences. `side` says whether the model's forward table applies (source) or the words are used
 * as they are (target).
 *
 * @example
 * const sketches = sketchSentences(features, sentenceOf, count, "source", model, interner);
 */
export function sketchSentences(
  features: SideFeatures,
  sentenceOf: Int32Array,
  count: number,
  side: "source" | "target",
  model: ProjectionModel,
  interner: AnchorInterner,
): SentenceSketch[] {
  const lengths = new Float64Array(count);
  const anchors: number[][] = Array.from({ length: count }, () => []);
  const typeAnchors = features.typeWords.map((_, t) => anchorsOfType(features, t, side, model, interner));
  features.tokens.forEach((token: Token, k) => {
    const s = sentenceOf[k];
    if (s < 0 || s >= count) return;
    lengths[s] += token.end - token.start;
    for (const a of typeAnchors[features.typeOf[k]]) anchors[s].push(a);
  });
  return anchors.map((list, s) => ({ length: lengths[s], anchors: Int32Array.from(list).sort() }));
}

function anchorsOfType(
  features: SideFeatures,
  t: number,
  side: "source" | "target",
  model: ProjectionModel,
  interner: AnchorInterner,
): number[] {
  const cls = features.typeClass[t];
  if (cls === NUMBER) return [interner.id(`n:${features.typeWords[t]}`)];
  if (cls !== WORD || features.typeFunction[t]) return [];
  const out: number[] = [];
  const key = features.typeKeys[t];
  if (key.length >= 5) out.push(interner.id(`k:${key}`));
  const v = features.typeVocab[t];
  if (v > 0) {
    if (side === "target") out.push(interner.id(`w:${v}`));
    else {
      const best = bestTranslation(model.forward, v);
      if (best > 0) out.push(interner.id(`w:${best}`));
    }
  }
  return out;
}
