import assert from "node:assert/strict";
import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import type { ClinicalDocument } from "../../src/core/document.ts";
import type { Span } from "../../src/core/span.ts";
import { formatBratAnn, parseBratAnn, readBratFolder, writeBratFolder } from "../../src/io/index.ts";
import { assertClinspanError, assertRejectsClinspan, sharedData, withTempDir } from "./helpers.ts";

// "Dolor en el pecho y disnea." : Dolor 0-5, pecho 12-17, disnea 20-26.
const TEXT = "Dolor en el pecho y disnea.";

test("parses entities, discontinuous pieces, notes, normalisations and attributes", () => {
  const ann = [
    "T1\tSYMPTOM 0 5;12 17\tDolor pecho",
    "T2\tSYMPTOM 20 26\tdisnea",
    "#1\tAnnotatorNotes T2\tleve",
    "N1\tReference T2 UMLS:C0013404\tDyspnea",
    "N2\tReference T1 SNOMED:29857009\tChest pain",
    "A1\tNegated T2",
    "A2\tSeverity T1 High",
    "R1\tCause Arg1:T1 Arg2:T2",
    "E1\tEVENT:T1",
    "*\tEquiv T1 T2",
    "#2\tAnnotatorNotes R1\tnote on a relation",
  ].join("\r\n");
  const spans = parseBratAnn(ann, "caso", "caso.ann");
  assert.deepEqual(spans, [
    {
      docId: "caso",
      label: "SYMPTOM",
      start: 0,
      end: 17,
      text: "Dolor pecho",
      fragments: [
        { start: 0, end: 5 },
        { start: 12, end: 17 },
      ],
      attrs: {
        id: "T1",
        "norm:SNOMED": "29857009",
        "norm:SNOMED_text": "Chest pain",
        Severity: "High",
        "link:R1": "Cause Arg1:T1 Arg2:T2",
        "link:E1": "EVENT:T1",
        "link:*Equiv T1 T2": "Equiv T1 T2",
      },
    },
    {
      docId: "caso",
      label: "SYMPTOM",
      start: 20,
      end: 26,
      text: "disnea",
      attrs: {
        id: "T2",
        note: "leve",
        cui: "C0013404",
        cui_text: "Dyspnea",
        Negated: "true",
        "link:R1": "Cause Arg1:T1 Arg2:T2",
        "link:*Equiv T1 T2": "Equiv T1 T2",
      },
    },
  ]);
});

test("a CUI label (Mantra GSC style) also sets attrs.cui", () => {
  const [span] = parseBratAnn("T1\tC0011849 0 8\tdiabetes\n", "d", "d.ann");
  assert.equal(span.attrs?.cui, "C0011849");
  assert.equal(formatBratAnn([span]), "T1\tC0011849 0 8\tdiabetes\n");
});

test("malformed lines are E_FORMAT / E_OFFSETS naming file, line and value", () => {
  const ok = "T1\tSYMPTOM 0 5\tDolor\n";
  assertClinspanError(() => parseBratAnn(`${ok}T2 SYMPTOM 1 2 x\n`, "d", "d.ann"), {
    code: "E_FORMAT",
    file: "d.ann",
    line: 2,
    mentions: ['"T2 SYMPTOM 1 2 x"'],
  });
  assertClinspanError(() => parseBratAnn(`${ok}T2\tSYMPTOM 1 x\tx\n`, "d", "d.ann"), {
    code: "E_FORMAT",
    line: 2,
    mentions: ['"1 x"'],
  });
  assertClinspanError(() => parseBratAnn(`${ok}\nT2\tSYMPTOM 9 3\tx\n`, "d", "d.ann"), {
    code: "E_OFFSETS",
    line: 3,
    mentions: ['"9 3"'],
  });
  assertClinspanError(() => parseBratAnn(`${ok}#1\tAnnotatorNotes T7\tx\n`, "d", "d.ann"), {
    code: "E_FORMAT",
    line: 2,
    mentions: ['"T7"'],
  });
  assertClinspanError(() => parseBratAnn(`${ok}T1\tDISEASE 0 5\tDolor\n`, "d", "d.ann"), {
    code: "E_FORMAT",
    line: 2,
    mentions: ["used twice"],
  });
  assertClinspanError(() => parseBratAnn(`${ok}N1\tReference T1 C0013404\tx\n`, "d", "d.ann"), {
    code: "E_FORMAT",
    line: 2,
    mentions: ['"C0013404"'],
  });
  assertClinspanError(() => parseBratAnn(`${ok}SYMPTOM\t0 5\n`, "d", "d.ann"), { code: "E_FORMAT", line: 2 });
});

test("the writer numbers entities, keeps given T ids and writes notes and normalisations", () => {
  const spans: Span[] = [
    {
      docId: "d",
      label: "SYMPTOM",
      start: 20,
      end: 26,
      text: "disnea",
      attrs: { id: "T5", cui: "C0013404" },
    },
    {
      docId: "d",
      label: "SYMPTOM",
      start: 0,
      end: 5,
      text: "Dolor",
      attrs: { note: "a\nb", free: "has space x" },
    },
  ];
  assert.equal(
    formatBratAnn(spans),
    [
      "T6\tSYMPTOM 0 5\tDolor",
      "T5\tSYMPTOM 20 26\tdisnea",
      "#1\tAnnotatorNotes T6\ta",
      "#2\tAnnotatorNotes T6\tb",
      "N1\tReference T5 UMLS:C0013404\tC0013404",
      "",
    ].join("\n"),
  );
  assert.equal(formatBratAnn([]), "");
});

test("folder round trip: write -> read gives the same documents and spans", async () => {
  await withTempDir(async (dir) => {
    const documents: ClinicalDocument[] = [
      { id: "a", text: TEXT },
      { id: "b", text: "Sin cambios.\n" },
    ];
    const spans: Span[] = [
      {
        docId: "a",
        label: "SYMPTOM",
        start: 0,
        end: 17,
        text: "Dolor pecho",
        fragments: [
          { start: 0, end: 5 },
          { start: 12, end: 17 },
        ],
        attrs: { id: "T1", note: "torácico" },
      },
      {
        docId: "a",
        label: "SYMPTOM",
        start: 20,
        end: 26,
        text: "disnea",
        attrs: { id: "T2", cui: "C0013404" },
      },
    ];
    await writeBratFolder(dir, documents, spans);
    assert.deepEqual((await readdir(dir)).sort(), ["a.ann", "a.txt", "b.ann", "b.txt"]);
    const back = await readBratFolder(dir);
    assert.deepEqual(
      back.documents.map((d) => [d.id, d.text]),
      documents.map((d) => [d.id, d.text]),
    );
    assert.deepEqual(back.spans, spans);
    assert.equal(back.textMismatches, 0);
  });
});

test("folder errors: an .ann without its .txt, offsets past the text, a span of no document", async () => {
  await withTempDir(async (dir) => {
    await writeFile(path.join(dir, "a.txt"), TEXT);
    await writeFile(path.join(dir, "a.ann"), "T1\tSYMPTOM 20 40\tdisnea\n");
    await assertRejectsClinspan(() => readBratFolder(dir), {
      code: "E_OFFSETS",
      file: path.join(dir, "a.ann"),
      line: 1,
      mentions: ['"20-40"'],
    });
    await writeFile(path.join(dir, "a.ann"), "T1\tSYMPTOM 20 26\tdisneas\n");
    assert.equal((await readBratFolder(dir)).textMismatches, 1);
    await assertRejectsClinspan(() => readBratFolder(dir, { strict: true }), {
      code: "E_TEXT_MISMATCH",
      line: 1,
    });
    await writeFile(path.join(dir, "z.ann"), "");
    await assertRejectsClinspan(() => readBratFolder(dir), {
      code: "E_UNKNOWN_DOCUMENT",
      file: path.join(dir, "z.ann"),
      mentions: ["z.txt"],
    });
    const stray: Span = { docId: "q", label: "X", start: 0, end: 1, text: "D" };
    await assertRejectsClinspan(() => writeBratFolder(dir, [{ id: "a", text: TEXT }], [stray]), {
      code: "E_UNKNOWN_DOCUMENT",
      mentions: ['"q"'],
    });
  });
});

const mantra = path.join(sharedData, "mantra-gsc");
test("every Mantra GSC .ann parses and matches its text", async (t) => {
  const { existsSync } = await import("node:fs");
  if (!existsSync(mantra)) {
    t.skip(`${mantra} is absent`);
    return;
  }
  let spans = 0;
  let discontinuous = 0;
  for (const lang of await readdir(mantra, { withFileTypes: true })) {
    if (!lang.isDirectory()) continue;
    for (const sub of await readdir(path.join(mantra, lang.name), { withFileTypes: true })) {
      if (!sub.isDirectory()) continue;
      const folder = await readBratFolder(path.join(mantra, lang.name, sub.name), { strict: true });
      spans += folder.spans.length;
      discontinuous += folder.spans.filter((s) => s.fragments).length;
      for (const span of folder.spans) assert.match(span.attrs?.cui ?? "", /^C\d{7}$/);
    }
  }
  // Independent count: `find mantra-gsc -name "*.ann" -exec cat {} + | grep -c "^T"` gives 5530.
  assert.equal(spans, 5530);
  assert.ok(discontinuous > 0);
});
