/**
 * Generators of almost-valid reader inputs for the fuzz tests and bench/fuzz.bench.ts.
 */
import type { Fuzz } from "./fuzz.ts";

/** A MultiClinAI TSV: usually the right header, rows with random offsets and texts. */
export function fuzzTsv(f: Fuzz): string {
  const header = f.random() < 0.9 ? "filename\tlabel\tstart_span\tend_span\ttext" : f.text(20);
  const rows: string[] = [header];
  const n = f.int(6);
  for (let i = 0; i < n; i++) {
    const text = f.text(10);
    const cols = [
      f.random() < 0.9 ? `caso_${f.int(3)}` : f.text(5),
      f.pick(["DISEASE", "SYMPTOM", "", f.text(4)]),
    ];
    cols.push(f.offset(50), f.offset(60), text);
    if (f.random() < 0.1) cols.pop();
    if (f.random() < 0.1) cols.push(f.text(3));
    rows.push(cols.join("\t"));
  }
  return rows.join(f.pick(["\n", "\r\n"])) + (f.random() < 0.5 ? "\n" : "");
}

/** A brat `.ann`: entities (some discontinuous), notes, normalisations, relations, junk. */
export function fuzzBrat(f: Fuzz): string {
  const lines: string[] = [];
  const n = f.int(6);
  for (let i = 1; i <= n; i++) {
    const r = f.random();
    if (r < 0.5) {
      const pieces =
        f.random() < 0.3
          ? `${f.offset(40)} ${f.offset(40)};${f.offset(60)} ${f.offset(60)}`
          : `${f.offset(40)} ${f.offset(60)}`;
      lines.push(`T${f.int(4) + 1}\t${f.pick(["DISEASE", "SYMPTOM", ""])} ${pieces}\t${f.text(8)}`);
    } else if (r < 0.65) lines.push(`#${i}\tAnnotatorNotes T${f.int(5)}\t${f.text(6)}`);
    else if (r < 0.75)
      lines.push(`N${i}\tReference T${f.int(5)} ${f.pick(["UMLS:C0011849", "", "x:y:z"])}\t${f.text(6)}`);
    else if (r < 0.85) lines.push(`R${i}\tCause Arg1:T${f.int(5)} Arg2:T${f.int(5)}`);
    else if (r < 0.9) lines.push(`A${i}\tNegated T${f.int(5)}`);
    else lines.push(f.text(15));
  }
  return lines.join("\n");
}

/** A Pharaoh line: links such as `0-1 2p3`, sometimes malformed or out of range. */
export function fuzzPharaoh(f: Fuzz): string {
  const links: string[] = [];
  const n = f.int(6);
  for (let i = 0; i < n; i++) {
    links.push(f.random() < 0.85 ? `${f.offset(8)}${f.pick(["-", "p", "-", "x"])}${f.offset(8)}` : f.text(4));
  }
  return links.join(f.pick([" ", "  ", "\t"]));
}
