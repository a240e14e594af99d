/**
 * brat standoff annotations (`.ann`). Entities `T1<TAB>LABEL 3 9[;12 15]<TAB>text` become spans
 * (discontinuous pieces -> `fragments`, start/end = their min/max); notes `#1<TAB>AnnotatorNotes T1<TAB>x`
 * -> `attrs.note`; normalisations `N1<TAB>Reference T1 UMLS:C0011849<TAB>name` -> `attrs.cui` (other
 * databases -> `attrs["norm:DB"]`); attributes `A1<TAB>Negated T1` -> `attrs.Negated = "true"`
 * (`A1<TAB>Severity T1 High` -> `"High"`). Relations, events and equivalences are read for syntax and
 * skipped. A label that is a UMLS CUI (Mantra GSC writes `T1<TAB>C0011849 0 8<TAB>...`) also sets `attrs.cui`.
 */
import { ClinspanError } from "../core/error.ts";
import type { Fragment, Span } from "../core/span.ts";
import { splitLines } from "./read-file.ts";
import { recordSpanOrigin } from "./span-origin.ts";

const CUI = /^C\d{7}$/;
const PIECE = /^\s*(\d+)\s+(\d+)\s*$/;

interface Entity {
  id: string;
  label: string;
  fragments: Fragment[];
  text: string;
  attrs: Record<string, string>;
  line: number;
}

/**
 * Parses the content of one `.ann` file into spans of document `docId`, in file order.
 *
 * @example
 * parseBratAnn("T1\tDISEASE 0 4\tasma\n#1\tAnnotatorNotes T1\tcrónica\n", "caso_1", "caso_1.ann");
 * // [{ docId: "caso_1", label: "DISEASE", start: 0, end: 4, text: "asma", attrs: { id: "T1", note: "crónica" } }]
 */
export function parseBratAnn(content: string, docId: string, file: string): Span[] {
  const entities = new Map<string, Entity>();
  const references: { kind: string; fields: string[]; line: number; raw: string }[] = [];
  const links: { id: string; content: string }[] = [];
  const lines = splitLines(content);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === "") continue;
    const line = i + 1;
    const fields = raw.split("\t");
    const kind = raw[0];
    if (fields.length < 2 || !/^([TRENAM#]\d+|\*)$/.test(fields[0])) {
      throw malformed(
        file,
        line,
        raw,
        "a brat line starts with an id (T1, R1, E1, A1, N1, #1 or *) and a tab",
      );
    }
    if (kind === "T") {
      if (entities.has(fields[0])) throw malformed(file, line, raw, `entity id ${fields[0]} is used twice`);
      entities.set(fields[0], parseEntity(fields, file, line, raw));
    } else if (kind === "#" || kind === "N" || kind === "A" || kind === "M") {
      references.push({ kind, fields, line, raw });
    } else {
      const content = fields[1].trim();
      links.push({ id: fields[0] === "*" ? `*${content}` : fields[0], content });
    }
  }
  for (const ref of references) attach(ref, entities, file);
  // Relations, events and equivalences travel on every entity they name (`link:<id>` attrs) and are
  // written back once, when every entity they name is present (see formatBratAnn).
  for (const link of links) {
    for (const ref of link.content.match(/\bT\d+\b/g) ?? []) {
      const entity = entities.get(ref);
      if (entity) entity.attrs[`${LINK_PREFIX}${link.id}`] = link.content;
    }
  }
  const spans: Span[] = [];
  for (const entity of entities.values()) {
    const starts = entity.fragments.map((f) => f.start);
    const ends = entity.fragments.map((f) => f.end);
    const span: Span = {
      docId,
      label: entity.label,
      start: Math.min(...starts),
      end: Math.max(...ends),
      text: entity.text,
      ...(entity.fragments.length > 1 ? { fragments: entity.fragments } : {}),
      attrs: entity.attrs,
    };
    recordSpanOrigin(span, file, entity.line);
    spans.push(span);
  }
  return spans;
}

/**
 * Formats spans of one document as `.ann` content: entities in `compareSpans` order, keeping an
 * `attrs.id` of the form T<n> when it is unique and numbering the rest after the highest; then notes,
 * normalisations and attributes (attrs whose name and value are single words; others are dropped).
 *
 * @example
 * formatBratAnn([{ docId: "d", label: "DISEASE", start: 0, end: 4, text: "asma", attrs: { note: "x" } }]);
 * // "T1\tDISEASE 0 4\tasma\n#1\tAnnotatorNotes T1\tx\n"
 */
export function formatBratAnn(spans: readonly Span[]): string {
  const sorted = [...spans].sort(compareForBrat);
  const ids = assignIds(sorted);
  const newId = entityIdMap(sorted, ids);
  const entityLines: string[] = [];
  const extraLines: string[] = [];
  const linkLines: string[] = [];
  let note = 0;
  let norm = 0;
  let attr = 0;
  sorted.forEach((span, i) => {
    const id = ids[i];
    const pieces = span.fragments && span.fragments.length > 0 ? span.fragments : [span];
    const offsets = pieces.map((p) => `${p.start} ${p.end}`).join(";");
    entityLines.push(`${id}\t${oneLine(span.label).replace(/ /g, "_")} ${offsets}\t${oneLine(span.text)}`);
    const attrs = span.attrs ?? {};
    for (const [key, value] of Object.entries(attrs)) {
      if (key === "id" || key.endsWith(TEXT_SUFFIX)) continue;
      if (key.startsWith(LINK_PREFIX)) {
        const line = linkLine(key.slice(LINK_PREFIX.length), value, newId);
        if (line !== undefined && !linkLines.includes(line)) linkLines.push(line);
      } else if (key === "note") {
        // Several notes on one entity were joined with a newline by the reader: one # line each.
        for (const part of value.split("\n"))
          extraLines.push(`#${++note}\tAnnotatorNotes ${id}\t${oneLine(part)}`);
      } else if (key === "cui") {
        // Mantra-style CUI labels already carry the CUI; a Reference line would repeat it.
        const text = oneLine(attrs[`cui${TEXT_SUFFIX}`] ?? value);
        if (value !== span.label) extraLines.push(`N${++norm}\tReference ${id} UMLS:${value}\t${text}`);
      } else if (key.startsWith("norm:")) {
        const text = oneLine(attrs[`${key}${TEXT_SUFFIX}`] ?? value);
        extraLines.push(`N${++norm}\tReference ${id} ${key.slice(5)}:${value}\t${text}`);
      } else if (/^\S+$/.test(key) && /^\S+$/.test(value)) {
        extraLines.push(`A${++attr}\t${key} ${id}${value === "true" ? "" : ` ${value}`}`);
      }
    }
  });
  const all = [...entityLines, ...linkLines, ...extraLines];
  return all.length === 0 ? "" : `${all.join("\n")}\n`;
}

/** Attribute names under which the reader keeps relations/events and normalisation texts. */
const LINK_PREFIX = "link:";
const TEXT_SUFFIX = "_text";

/**
 * Relations, events and equivalences on `spans` that name an entity absent from `spans` (e.g. not
 * projected): formatBratAnn leaves them out, and a caller reports them.
 *
 * @example
 * danglingBratLinks(projected); // ["R1 Cause Arg1:T1 Arg2:T2"]
 */
export function danglingBratLinks(spans: readonly Span[]): string[] {
  const sorted = [...spans].sort(compareForBrat);
  const newId = entityIdMap(sorted, assignIds(sorted));
  const out = new Set<string>();
  for (const span of sorted) {
    for (const [key, value] of Object.entries(span.attrs ?? {})) {
      const id = key.slice(LINK_PREFIX.length);
      if (key.startsWith(LINK_PREFIX) && linkLine(id, value, newId) === undefined)
        out.add(`${id.startsWith("*") ? "*" : id} ${value}`);
    }
  }
  return [...out];
}

/** Original entity id -> id in the written file. */
function entityIdMap(sorted: readonly Span[], ids: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  sorted.forEach((span, i) => {
    const id = span.attrs?.id;
    if (id !== undefined && !map.has(id)) map.set(id, ids[i]);
  });
  return map;
}

/** The `.ann` line of a relation/event/equivalence with ids renamed, or undefined when one is missing. */
function linkLine(id: string, content: string, newId: ReadonlyMap<string, string>): string | undefined {
  let complete = true;
  const renamed = content.replace(/\bT\d+\b/g, (ref) => {
    const to = newId.get(ref);
    if (to === undefined) complete = false;
    return to ?? ref;
  });
  if (!complete) return undefined;
  return `${id.startsWith("*") ? "*" : id}\t${oneLine(renamed)}`;
}

function parseEntity(fields: string[], file: string, line: number, raw: string): Entity {
  const middle = fields[1];
  const gap = middle.search(/\s/);
  if (gap <= 0) throw malformed(file, line, raw, "an entity line reads T1<TAB>LABEL start end<TAB>text");
  const label = middle.slice(0, gap);
  const fragments: Fragment[] = [];
  for (const piece of middle.slice(gap + 1).split(";")) {
    const match = PIECE.exec(piece);
    if (!match) throw malformed(file, line, piece.trim(), "offsets are `start end`, pieces joined by `;`");
    const start = Number(match[1]);
    const end = Number(match[2]);
    if (end <= start) {
      throw new ClinspanError({
        code: "E_OFFSETS",
        message: `entity ${fields[0]} has a piece whose end is not after its start`,
        value: `${start} ${end}`,
        file,
        line,
        fix: "brat offsets are `start end` with the end exclusive, so end must be greater than start.",
      });
    }
    fragments.push({ start, end });
  }
  const attrs: Record<string, string> = { id: fields[0] };
  if (CUI.test(label)) attrs.cui = label;
  return { id: fields[0], label, fragments, text: fields.slice(2).join(" "), attrs, line };
}

function attach(
  ref: { kind: string; fields: string[]; line: number; raw: string },
  entities: Map<string, Entity>,
  file: string,
): void {
  const parts = ref.fields[1].trim().split(/\s+/);
  const target = parts[1];
  if (parts.length < 2) throw malformed(file, ref.line, ref.raw, "the line names a type and a target id");
  if (!target.startsWith("T")) return; // notes and attributes of relations/events: nothing to keep.
  const entity = entities.get(target);
  if (!entity) throw malformed(file, ref.line, target, `it refers to entity ${target}, which is not defined`);
  if (ref.kind === "#") {
    const note = ref.fields.slice(2).join(" ");
    entity.attrs.note = entity.attrs.note === undefined ? note : `${entity.attrs.note}\n${note}`;
  } else if (ref.kind === "N") {
    const colon = parts[2]?.indexOf(":") ?? -1;
    if (colon <= 0)
      throw malformed(file, ref.line, parts[2] ?? ref.raw, "a normalisation reads Reference T1 DB:ID");
    const db = parts[2].slice(0, colon);
    const id = parts[2].slice(colon + 1);
    const key = db.toUpperCase() === "UMLS" ? "cui" : `norm:${db}`;
    entity.attrs[key] = id;
    const text = ref.fields.slice(2).join(" ");
    if (text !== "" && text !== id) entity.attrs[`${key}${TEXT_SUFFIX}`] = text;
  } else {
    entity.attrs[parts[0]] = parts[2] ?? "true";
  }
}

function malformed(file: string, line: number, value: string, expected: string): ClinspanError {
  return new ClinspanError({
    code: "E_FORMAT",
    message: "malformed brat annotation line",
    value,
    file,
    line,
    fix: `Fix the line: ${expected}.`,
  });
}

function assignIds(spans: readonly Span[]): string[] {
  const ids: (string | undefined)[] = [];
  const used = new Set<string>();
  let max = 0;
  for (const span of spans) {
    const id = span.attrs?.id;
    if (id !== undefined && /^T\d+$/.test(id) && !used.has(id)) {
      used.add(id);
      ids.push(id);
      max = Math.max(max, Number(id.slice(1)));
    } else ids.push(undefined);
  }
  return ids.map((id) => id ?? `T${++max}`);
}

function compareForBrat(a: Span, b: Span): number {
  if (a.start !== b.start) return a.start - b.start;
  if (a.end !== b.end) return a.end - b.end;
  return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
}

function oneLine(value: string): string {
  return value.replace(/[\t\r\n]/g, " ");
}
