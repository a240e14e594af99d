/**
 * Randomised check of `evaluateSpans` against a deliberately naive second implementation written
 * here: plain nested loops over arrays, de-duplication by string key, greedy matching as in the
 * official script, and character overlap counted by marking characters in sets (so fragment handling
 * is checked independently of the sweep and the fragment merge).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Fragment, Span } from "../../src/core/span.ts";
import { evaluateSpans } from "../../src/eval/evaluate-spans.ts";

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- the naive implementation -------------------------------------------------------------------

function chars(span: Span): Set<number> {
  const covered = new Set<number>();
  for (const piece of span.fragments ?? [{ start: span.start, end: span.end }]) {
    for (let c = piece.start; c < piece.end; c++) covered.add(c);
  }
  return covered;
}

function contiguous(span: Span): boolean {
  return chars(span).size === span.end - span.start;
}

/** doc, label, start, end, and for a gapped span the characters it covers. */
function identity(span: Span): string {
  const covered = contiguous(span) ? "" : [...chars(span)].sort((a, b) => a - b).join(",");
  return `${span.docId}|${span.label}|${span.start}|${span.end}|${covered}`;
}

function same(a: Span, b: Span): boolean {
  return identity(a) === identity(b);
}

function score(g: Span, p: Span): number {
  if (g.docId !== p.docId || g.label !== p.label) return 0;
  const gc = chars(g);
  const pc = chars(p);
  let inter = 0;
  for (const c of gc) if (pc.has(c)) inter++;
  if (inter === 0) return 0;
  const r = inter / gc.size;
  const pr = inter / pc.size;
  return (2 * pr * r) / (pr + r);
}

function naive(gold: Span[], predIn: Span[]) {
  const seen = new Set<string>();
  const pred: Span[] = [];
  for (const p of predIn) {
    const key = identity(p);
    if (!seen.has(key)) {
      seen.add(key);
      pred.push(p);
    }
  }
  const used: boolean[] = pred.map(() => false);
  let tp = 0;
  for (const g of gold) {
    for (let j = 0; j < pred.length; j++) {
      if (!used[j] && same(g, pred[j])) {
        used[j] = true;
        tp++;
        break;
      }
    }
  }
  let goldSum = 0;
  for (const g of gold) {
    let best = 0;
    for (const p of pred) best = Math.max(best, score(g, p));
    goldSum += best;
  }
  let predSum = 0;
  for (const p of pred) {
    let best = 0;
    for (const g of gold) best = Math.max(best, score(g, p));
    predSum += best;
  }
  const f1 = (p: number, r: number) => (p + r > 0 ? (2 * p * r) / (p + r) : 0);
  const sp = pred.length ? tp / pred.length : 0;
  const sr = gold.length ? tp / gold.length : 0;
  const cp = pred.length ? predSum / pred.length : 0;
  const cr = gold.length ? goldSum / gold.length : 0;
  return { tp, fp: pred.length - tp, fn: gold.length - tp, sp, sr, sf1: f1(sp, sr), cp, cr, cf1: f1(cp, cr) };
}

// ---- random cases ------------------------------------------------------------------------------

function randomCase(rand: () => number): { gold: Span[]; pred: Span[] } {
  const int = (n: number) => Math.floor(rand() * n);
  const docs = ["a", "b", "c", "d"].slice(0, 1 + int(4));
  const labels = ["DISEASE", "SYMPTOM", "PROCEDURE"].slice(0, 1 + int(3));
  const make = (): Span => {
    const docId = docs[int(docs.length)];
    const label = labels[int(labels.length)];
    const start = int(50);
    const end = start + 1 + int(12);
    if (rand() < 0.15 && end - start >= 3) {
      const cut = start + 1 + int(end - start - 2);
      const gap = cut + 1 + int(Math.max(1, end - cut - 1));
      if (gap < end) {
        const fragments: Fragment[] = [
          { start, end: cut },
          { start: gap, end },
        ];
        return {
          docId,
          label,
          start,
          end,
          text: "",
          fragments: rand() < 0.5 ? fragments : fragments.reverse(),
        };
      }
    }
    return { docId, label, start, end, text: "" };
  };
  const gold: Span[] = Array.from({ length: int(12) }, make);
  if (gold.length && rand() < 0.3) gold.push(gold[int(gold.length)]); // gold duplicate
  const pred: Span[] = [];
  for (const g of gold) {
    const r = rand();
    if (r < 0.4) pred.push({ ...g });
    else if (r < 0.7) {
      const start = Math.max(0, g.start + int(5) - 2);
      pred.push({
        docId: g.docId,
        label: rand() < 0.1 ? labels[int(labels.length)] : g.label,
        start,
        end: Math.max(start + 1, g.end + int(5) - 2),
        text: "",
      });
    }
  }
  for (let k = int(5); k > 0; k--) pred.push(make());
  for (let k = int(3); k > 0 && pred.length; k--) pred.push({ ...pred[int(pred.length)] }); // duplicates
  for (let i = pred.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [pred[i], pred[j]] = [pred[j], pred[i]];
  }
  return { gold, pred };
}

const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);

test("evaluateSpans agrees with a naive nested-loop implementation on 400 random cases", () => {
  const rand = mulberry32(20240611);
  for (let c = 0; c < 400; c++) {
    const { gold, pred } = randomCase(rand);
    const report = evaluateSpans(gold, pred);
    const expected = naive(gold, pred);
    const where = `case ${c}`;
    assert.deepEqual(
      [report.strict.tp, report.strict.fp, report.strict.fn],
      [expected.tp, expected.fp, expected.fn],
      where,
    );
    close(report.strict.f1, expected.sf1, `${where} strict f1`);
    close(report.char.precision, expected.cp, `${where} char P`);
    close(report.char.recall, expected.cr, `${where} char R`);
    close(report.char.f1, expected.cf1, `${where} char F1`);
    for (const [label, scores] of Object.entries(report.labels)) {
      const e = naive(
        gold.filter((s) => s.label === label),
        pred.filter((s) => s.label === label),
      );
      assert.equal(scores.strict.tp, e.tp, `${where} ${label} tp`);
      close(scores.char.f1, e.cf1, `${where} ${label} char F1`);
    }
    const docs = [...new Set([...gold, ...pred].map((s) => s.docId))];
    let strictMacro = 0;
    let charMacro = 0;
    for (const d of docs) {
      const e = naive(
        gold.filter((s) => s.docId === d),
        pred.filter((s) => s.docId === d),
      );
      strictMacro += e.sf1 / docs.length;
      charMacro += e.cf1 / docs.length;
    }
    assert.equal(report.macro.n_docs, docs.length, where);
    close(report.macro.strict_f1, strictMacro, `${where} macro strict`);
    close(report.macro.char_f1, charMacro, `${where} macro char`);
    // Offsets past 32 bits are kept in 64-bit floats: the same spans moved there score the same.
    if (c % 4 === 0) {
      const far = (spans: Span[]) =>
        spans.map((x) => ({
          ...x,
          start: x.start + 2 ** 33,
          end: x.end + 2 ** 33,
          ...(x.fragments
            ? { fragments: x.fragments.map((f) => ({ start: f.start + 2 ** 33, end: f.end + 2 ** 33 })) }
            : {}),
        }));
      assert.deepEqual(evaluateSpans(far(gold), far(pred)), report, `${where} offsets past 32 bits`);
    }
  }
});
