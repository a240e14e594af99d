/**
 * The group scores added up into what a report shows: overall, per label and per-document macro
 * totals, before the divisions into precision, recall and F1 (`report.ts`). Sums are compensated
 * (Neumaier), and every total is added in group order, so the WebAssembly kernel's `tally`
 * (`assembly/span-scoring.ts`), which follows these steps one for one, gives the same numbers.
 */
import type { GroupScores } from "./group-scores.ts";
import { charFromSums, strictFromCounts } from "./report.ts";
import { CompensatedSum } from "./round.ts";

/** Totals of a set of (document, label) groups. */
export interface SpanTotals {
  readonly tp: number;
  readonly nGold: number;
  readonly nPred: number;
  /** Sum over gold spans of their best character-overlap score. */
  readonly goldSum: number;
  /** Sum over predictions of their best character-overlap score. */
  readonly predSum: number;
  /** Sums of the documents' strict and character F1, over `macroDocs` documents. */
  readonly macroStrict: number;
  readonly macroChar: number;
  readonly macroDocs: number;
}

/** The totals of an evaluation: overall, and per label (labels with at least one group). */
export interface EvaluationTotals {
  readonly overall: SpanTotals;
  readonly labels: ReadonlyMap<string, SpanTotals>;
}

/** F1 of the strict counts, as the per-document macro averages it (1, 2, 1 -> 0.666..). */
function strictF1(tp: number, nGold: number, nPred: number): number {
  return strictFromCounts(tp, nPred - tp, nGold - tp).f1;
}

/** F1 of the character-overlap sums, as the per-document macro averages it (1.5, 2, 1, 1 -> 0.857..). */
function charF1(goldSum: number, nGold: number, predSum: number, nPred: number): number {
  return charFromSums(goldSum, nGold, predSum, nPred).f1;
}

/** Counts and best-score sums, additive over (document, label) groups. */
class Tally {
  tp = 0;
  nGold = 0;
  nPred = 0;
  readonly goldSum = new CompensatedSum();
  readonly predSum = new CompensatedSum();

  add(tp: number, nGold: number, nPred: number, goldSum: number, predSum: number): void {
    this.tp += tp;
    this.nGold += nGold;
    this.nPred += nPred;
    this.goldSum.add(goldSum);
    this.predSum.add(predSum);
  }
}

/** A tally plus the sums of per-document F1 that macro scores average. */
class MacroTally extends Tally {
  readonly macroStrict = new CompensatedSum();
  readonly macroChar = new CompensatedSum();
  macroDocs = 0;

  /** Adds one document's F1 scores. */
  addDocument(tp: number, nGold: number, nPred: number, goldSum: number, predSum: number): void {
    this.macroDocs++;
    this.macroStrict.add(strictF1(tp, nGold, nPred));
    this.macroChar.add(charF1(goldSum, nGold, predSum, nPred));
  }

  totals(): SpanTotals {
    return {
      tp: this.tp,
      nGold: this.nGold,
      nPred: this.nPred,
      goldSum: this.goldSum.value,
      predSum: this.predSum.value,
      macroStrict: this.macroStrict.value,
      macroChar: this.macroChar.value,
      macroDocs: this.macroDocs,
    };
  }
}

/**
 * Adds up the group scores. A label's macro counts each of its groups as one document (a group is one
 * document's spans of that label); the overall macro adds each document's groups up first, documents
 * in order of first appearance.
 *
 * @example
 * const totals = totalGroupScores(scoreSpanGroups(groupSpanColumns([{ gold, pred }])));
 * totals.overall.tp; totals.labels.get("DISEASE")?.macroDocs;
 */
export function totalGroupScores(scores: GroupScores): EvaluationTotals {
  const overall = new MacroTally();
  const perDoc: (Tally | undefined)[] = [];
  const docOrder: number[] = [];
  const perLabel = new Map<string, MacroTally>();
  for (let g = 0; g < scores.size; g++) {
    const tp = scores.tp[g];
    const nGold = scores.nGold[g];
    const nPred = scores.nPred[g];
    const goldSum = scores.goldSum[g];
    const predSum = scores.predSum[g];
    overall.add(tp, nGold, nPred, goldSum, predSum);
    const doc = scores.doc[g];
    let docTally = perDoc[doc];
    if (!docTally) {
      docTally = new Tally();
      perDoc[doc] = docTally;
      docOrder.push(doc);
    }
    docTally.add(tp, nGold, nPred, goldSum, predSum);
    const label = scores.labels[g];
    let labelTally = perLabel.get(label);
    if (!labelTally) {
      labelTally = new MacroTally();
      perLabel.set(label, labelTally);
    }
    labelTally.add(tp, nGold, nPred, goldSum, predSum);
    labelTally.addDocument(tp, nGold, nPred, goldSum, predSum);
  }
  for (const doc of docOrder) {
    const t = perDoc[doc]!;
    overall.addDocument(t.tp, t.nGold, t.nPred, t.goldSum.value, t.predSum.value);
  }
  const labels = new Map<string, SpanTotals>();
  for (const [label, tally] of perLabel) labels.set(label, tally.totals());
  return { overall: overall.totals(), labels };
}
