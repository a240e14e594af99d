/**
 * Converts a CSV list of ICD-10 codes and descriptions (for example a public CIE-10 list) to the
 * terminology TSV that `clinspan code index --terms` reads: `code<TAB>language<TAB>description`.
 * Codes without a dot get one after the third character (`Z200` -> `z20.0`, the CodiEsp spelling);
 * ranges such as `A00-B99` (chapters, blocks) are skipped.
 *
 * Usage: npx tsx scripts/csv-to-terms.ts --csv cie-10.csv --code-col code --desc-col description --lang es --out terms.tsv
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { writeFileAtomic } from "../src/io/atomic-write.ts";

const { values } = parseArgs({
  options: {
    csv: { type: "string" },
    "code-col": { type: "string", default: "code" },
    "desc-col": { type: "string", default: "description" },
    lang: { type: "string", default: "es" },
    out: { type: "string" },
  },
});
if (!values.csv || !values.out) {
  process.stderr.write(
    "usage: csv-to-terms.ts --csv FILE --out terms.tsv [--code-col code] [--desc-col description] [--lang es]\n",
  );
  process.exit(2);
}

/** Splits CSV text into rows of fields (RFC 4180 quotes, doubled quotes inside). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

const rows = parseCsv(readFileSync(values.csv, "utf8"));
const header = rows[0].map((h) => h.trim());
const codeAt = header.indexOf(values["code-col"] ?? "code");
const descAt = header.indexOf(values["desc-col"] ?? "description");
if (codeAt < 0 || descAt < 0) {
  process.stderr.write(`columns not found; the header has: ${header.join(", ")}\n`);
  process.exit(3);
}
let out = "";
let kept = 0;
for (const row of rows.slice(1)) {
  const raw = (row[codeAt] ?? "").trim().toLowerCase();
  const desc = (row[descAt] ?? "").replace(/\s+/g, " ").trim();
  if (raw === "" || desc === "" || raw.includes("-")) continue;
  const code = raw.includes(".") || raw.length <= 3 ? raw : `${raw.slice(0, 3)}.${raw.slice(3)}`;
  out += `${code}\t${values.lang}\t${desc}\n`;
  kept++;
}
await writeFileAtomic(values.out, out);
process.stderr.write(`${kept} descriptions written to ${values.out}\n`);
