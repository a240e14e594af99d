/**
 * Projection review: load a document pair from --data (or paste one), project the source spans,
 * inspect a span (its alignment row as a heatmap over the target tokens and the decoder's decision),
 * accept, fix, add or delete target spans, undo, see scores against gold, and save.
 */
import { api, guard, type SpanJson, status } from "./api.ts";
import { renderSpanExplain, type SpanExplain, type Token } from "./span-detail.ts";
import { type DrawnSpan, el, renderSpans, selectionIn, trimRange } from "./text-view.ts";

interface Collection {
  id: string;
  kind: string;
  lang?: string;
  labels: string[];
  documents: string[];
}

interface ProjectAnswer {
  spans: SpanJson[];
  unprojected: { span: SpanJson; reason: string }[];
  explain?: { srcTokens: Token[]; tgtTokens: Token[]; spans: SpanExplain[] };
}

type ItemState = "projected" | "accepted" | "fixed" | "added";

/** A target span under review. */
interface Item {
  label: string;
  start: number;
  end: number;
  state: ItemState;
  /** The source span it was projected from. */
  src: number | null;
  score?: number;
}

interface Doc {
  id: string;
  text: string;
  lang?: string;
}

const state = {
  collections: [] as Collection[],
  src: null as Doc | null,
  tgt: null as Doc | null,
  srcSpans: [] as SpanJson[],
  items: [] as Item[],
  gold: null as SpanJson[] | null,
  explain: null as ProjectAnswer["explain"] | null,
  tgtCollection: "pasted",
  selectedSrc: null as number | null,
  selectedItem: null as number | null,
  undo: [] as Item[][],
};

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/**
 * Wires the projection tab.
 *
 * @example
 * await initProjection();
 */
export async function initProjection(collections: Collection[]): Promise<void> {
  state.collections = collections;
  const srcSel = $<HTMLSelectElement>("src-collection");
  const tgtSel = $<HTMLSelectElement>("tgt-collection");
  for (const sel of [srcSel, tgtSel]) {
    sel.replaceChildren(
      ...collections.map((c) => option(c.id, `${c.lang ?? "?"} · ${c.id} (${c.documents.length})`)),
    );
  }
  // A sensible first pair: Spanish source, the first other language as target.
  const es = collections.findIndex((c) => c.lang === "es");
  if (es >= 0) srcSel.selectedIndex = es;
  const other = collections.findIndex((c, i) => i !== srcSel.selectedIndex && c.lang !== undefined);
  if (other >= 0) tgtSel.selectedIndex = other;
  const fillDocs = () => {
    const a = collections.find((c) => c.id === srcSel.value);
    const b = collections.find((c) => c.id === tgtSel.value);
    const ids = a && b ? a.documents.filter((d) => b.documents.includes(d)) : [];
    $<HTMLSelectElement>("doc").replaceChildren(...ids.map((id) => option(id, id)));
  };
  srcSel.addEventListener("change", fillDocs);
  tgtSel.addEventListener("change", fillDocs);
  fillDocs();
  fillLabels(collections.flatMap((c) => c.labels));

  $("load-pair").addEventListener("click", () => guard(loadPair));
  $("project-pasted").addEventListener("click", () => guard(projectPasted));
  $("accept").addEventListener("click", () => edit(accept));
  $("fix").addEventListener("click", () => edit(fix));
  $("add").addEventListener("click", () => edit(add));
  $("remove").addEventListener("click", () => edit(remove));
  $("undo").addEventListener("click", () => guard(undo));
  $("save").addEventListener("click", () => guard(save));
}

async function loadPair(): Promise<void> {
  const srcId = $<HTMLSelectElement>("src-collection").value;
  const tgtId = $<HTMLSelectElement>("tgt-collection").value;
  const docId = $<HTMLSelectElement>("doc").value;
  if (!docId) throw new Error("pick two collections with a document in common");
  status(`Loading ${docId}...`);
  const q = (c: string) =>
    `/v1/data/document?collection=${encodeURIComponent(c)}&doc=${encodeURIComponent(docId)}`;
  const [src, tgt] = await Promise.all([
    api<Doc & { spans: SpanJson[] }>(q(srcId)),
    api<Doc & { spans: SpanJson[] }>(q(tgtId)),
  ]);
  state.tgtCollection = tgtId;
  await project(src, src.spans, tgt, tgt.spans.length > 0 ? tgt.spans : null, { src: srcId, tgt: tgtId });
}

async function projectPasted(): Promise<void> {
  const src: Doc = {
    id: "pasted",
    text: $<HTMLTextAreaElement>("paste-src").value,
    lang: $<HTMLInputElement>("paste-src-lang").value,
  };
  const tgt: Doc = {
    id: "pasted",
    text: $<HTMLTextAreaElement>("paste-tgt").value,
    lang: $<HTMLInputElement>("paste-tgt-lang").value,
  };
  const spans = parseSpanLines($<HTMLTextAreaElement>("paste-spans").value, src.text);
  state.tgtCollection = "pasted";
  await project(src, spans, tgt, null, undefined);
}

/** `LABEL: text` (first occurrence after the previous one) or `LABEL start end`. */
function parseSpanLines(input: string, text: string): SpanJson[] {
  const spans: SpanJson[] = [];
  let from = 0;
  for (const raw of input.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const numbers = /^(\S+)\s+(\d+)\s+(\d+)$/.exec(line);
    if (numbers) {
      spans.push({ label: numbers[1], start: Number(numbers[2]), end: Number(numbers[3]) });
      continue;
    }
    const named = /^([^:]+):\s*(.+)$/.exec(line);
    if (!named) throw new Error(`cannot read the span line "${line}" (write LABEL: text or LABEL start end)`);
    let at = text.indexOf(named[2], from);
    if (at < 0) at = text.indexOf(named[2]);
    if (at < 0) throw new Error(`"${named[2]}" is not in the source text`);
    spans.push({ label: named[1].trim().toUpperCase(), start: at, end: at + named[2].length });
    from = at + named[2].length;
  }
  return spans;
}

async function project(
  src: Doc,
  srcSpans: SpanJson[],
  tgt: Doc,
  gold: SpanJson[] | null,
  corpus: { src: string; tgt: string } | undefined,
): Promise<void> {
  status("Projecting...");
  const answer = await api<ProjectAnswer>("/v1/project", {
    src: { id: src.id, text: src.text, lang: src.lang },
    tgt: { id: tgt.id, text: tgt.text, lang: tgt.lang },
    spans: srcSpans.map(({ label, start, end }) => ({ label, start, end })),
    explain: true,
    ...(corpus ? { corpus } : {}),
  });
  state.src = src;
  state.tgt = tgt;
  state.srcSpans = srcSpans;
  state.gold = gold;
  state.explain = answer.explain ?? null;
  state.undo = [];
  state.selectedItem = null;
  state.selectedSrc = null;
  const used = new Set<number>();
  state.items = answer.spans.map((span) => {
    const origin = span.attrs?.source;
    const src = srcSpans.findIndex(
      (s, i) => !used.has(i) && s.label === span.label && `${s.start}-${s.end}` === origin,
    );
    if (src >= 0) used.add(src);
    return {
      label: span.label,
      start: span.start,
      end: span.end,
      state: "projected",
      src: src >= 0 ? src : null,
      score: span.score,
    };
  });
  fillLabels([...srcSpans.map((s) => s.label), ...state.items.map((s) => s.label)]);
  $("src-name").textContent = `${src.id} (${src.lang ?? "?"})`;
  $("tgt-name").textContent = `${tgt.id} (${tgt.lang ?? "?"})`;
  $<HTMLButtonElement>("save").disabled = false;
  draw();
  await updateScores();
  status(
    `Projected ${answer.spans.length} of ${srcSpans.length} spans${answer.unprojected.length ? ` (${answer.unprojected.length} not projected)` : ""}.`,
  );
}

function draw(): void {
  if (!state.src || !state.tgt) return;
  const linkedSrc = state.selectedItem !== null ? state.items[state.selectedItem]?.src : null;
  const srcDrawn: DrawnSpan[] = state.srcSpans.map((s, i) => ({
    key: i,
    label: s.label,
    start: s.start,
    end: s.end,
    classes: i === state.selectedSrc ? ["selected"] : i === linkedSrc ? ["linked"] : [],
  }));
  const tgtDrawn: DrawnSpan[] = state.items.map((item, i) => ({
    key: i,
    label: item.label,
    start: item.start,
    end: item.end,
    classes: [
      item.state,
      ...(i === state.selectedItem
        ? ["selected"]
        : item.src !== null && item.src === state.selectedSrc
          ? ["linked"]
          : []),
    ],
    title: `${item.label} · ${item.state}${item.score !== undefined ? ` · confidence ${item.score.toFixed(2)}` : ""}`,
  }));
  renderSpans(
    $("src-text"),
    state.src.text,
    srcDrawn,
    (key) => {
      state.selectedSrc = key;
      const linked = state.items.findIndex((item) => item.src === key);
      state.selectedItem = linked >= 0 ? linked : null;
      draw();
    },
    (key) =>
      hoverLink("tgt-text", (mark) => key !== null && state.items[Number(mark.dataset.key)]?.src === key),
  );
  renderSpans(
    $("tgt-text"),
    state.tgt.text,
    tgtDrawn,
    (key) => {
      state.selectedItem = key;
      state.selectedSrc = state.items[key]?.src ?? null;
      draw();
    },
    (key) => {
      const src = key === null ? null : (state.items[key]?.src ?? null);
      hoverLink("src-text", (mark) => src !== null && Number(mark.dataset.key) === src);
    },
  );
  const hasItem = state.selectedItem !== null;
  $<HTMLButtonElement>("accept").disabled = !hasItem;
  $<HTMLButtonElement>("fix").disabled = !hasItem;
  $<HTMLButtonElement>("remove").disabled = !hasItem;
  $<HTMLButtonElement>("undo").disabled = state.undo.length === 0;
  drawDetail();
}

function drawDetail(): void {
  const box = $("detail");
  box.replaceChildren();
  const i = state.selectedSrc;
  const item = state.selectedItem !== null ? state.items[state.selectedItem] : null;
  if (i === null && !item) {
    box.append(el("p", "Click a span to see its alignment row and the decoding decision.", "hint"));
    return;
  }
  if (item && state.tgt) {
    box.append(
      el(
        "p",
        `Target span: ${item.label} "${state.tgt.text.slice(item.start, item.end)}" [${item.start}-${item.end}] · ${item.state}`,
      ),
    );
  }
  const info = i !== null ? state.explain?.spans[i] : undefined;
  if (!info || !state.explain || !state.tgt) {
    if (item?.state === "added") box.append(el("p", "Added by hand: no alignment behind it.", "hint"));
    return;
  }
  renderSpanExplain(box, info, state.tgt.text, state.explain.tgtTokens);
}

/** Marks the partner spans on the other side while the pointer is over a span. */
function hoverLink(paneId: string, isPartner: (mark: HTMLElement) => boolean): void {
  for (const mark of $(paneId).querySelectorAll<HTMLElement>("mark.span")) {
    mark.classList.toggle("hover", isPartner(mark));
  }
}

function edit(change: () => void): void {
  guard(async () => {
    const before = state.items.map((item) => ({ ...item }));
    change();
    state.undo.push(before);
    draw();
    await updateScores();
  });
}

function accept(): void {
  const item = selected();
  item.state = item.state === "projected" ? "accepted" : item.state;
}

function fix(): void {
  const item = selected();
  const range = targetSelection();
  item.start = range.start;
  item.end = range.end;
  item.state = "fixed";
}

function add(): void {
  const range = targetSelection();
  const label = $<HTMLSelectElement>("label-pick").value;
  state.items.push({ label, start: range.start, end: range.end, state: "added", src: null });
  state.selectedItem = state.items.length - 1;
  state.selectedSrc = null;
}

function remove(): void {
  const index = state.selectedItem;
  if (index === null) throw new Error("click a target span first");
  state.items.splice(index, 1);
  state.selectedItem = null;
}

async function undo(): Promise<void> {
  const previous = state.undo.pop();
  if (!previous) return;
  state.items = previous;
  state.selectedItem = null;
  draw();
  await updateScores();
  status("Undone.");
}

function selected(): Item {
  if (state.selectedItem === null) throw new Error("click a target span first");
  return state.items[state.selectedItem];
}

function targetSelection(): { start: number; end: number } {
  const range = selectionIn($("tgt-text"));
  if (!range || !state.tgt) throw new Error("select the span's text in the target pane first");
  const trimmed = trimRange(state.tgt.text, range);
  if (trimmed.start >= trimmed.end) throw new Error("the selection is only spaces");
  return trimmed;
}

async function updateScores(): Promise<void> {
  const out = $("scores");
  if (!state.gold || !state.tgt) {
    out.textContent = "";
    return;
  }
  const docId = state.tgt.id;
  const report = await api<{ strict: { f1: number }; char: { f1: number } }>("/v1/eval", {
    gold: state.gold.map(({ label, start, end }) => ({ docId, label, start, end })),
    pred: state.items.map(({ label, start, end }) => ({ docId, label, start, end })),
  });
  out.textContent = `Against gold (${state.gold.length} spans): strict F1 ${report.strict.f1.toFixed(3)} · char F1 ${report.char.f1.toFixed(3)}`;
}

async function save(): Promise<void> {
  if (!state.tgt) return;
  const answer = await api<{ files: string[] }>("/v1/data/save", {
    collection: state.tgtCollection,
    doc: state.tgt.id,
    text: state.tgt.text,
    spans: state.items.map(({ label, start, end }) => ({ label, start, end })),
    format: $<HTMLSelectElement>("save-format").value,
  });
  status(`Saved ${answer.files.join(", ")}`);
}

function fillLabels(labels: string[]): void {
  const sel = $<HTMLSelectElement>("label-pick");
  const current = sel.value;
  const all = [...new Set(["DISEASE", "SYMPTOM", "PROCEDURE", ...labels])];
  sel.replaceChildren(...all.map((l) => option(l, l)));
  if (all.includes(current)) sel.value = current;
}

function option(value: string, text: string): HTMLOptionElement {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = text;
  return o;
}
