/**
 * The NER view: paste or open a document, tag it with the loaded model, see spans per type with
 * their confidence, add or delete spans, undo, and save (MultiClinAI TSV or brat).
 */
import { api, guard, type SpanJson, status } from "./api.ts";
import { el, renderSpans, selectionIn, trimRange } from "./text-view.ts";

interface Collection {
  id: string;
  documents: string[];
  labels: string[];
}

const state = {
  text: "",
  spans: [] as SpanJson[],
  selected: null as number | null,
  undo: [] as SpanJson[][],
  collection: "pasted",
};

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/**
 * Wires the NER tab; `labels` are the model's (empty when no model is loaded).
 *
 * @example
 * initNer(collections, ["DISEASE"], true);
 */
export function initNer(collections: Collection[], labels: string[], hasModel: boolean): void {
  const colSel = $<HTMLSelectElement>("ner-collection");
  colSel.replaceChildren(...collections.map((c) => option(c.id, c.id)));
  const fillDocs = () => {
    const c = collections.find((x) => x.id === colSel.value);
    $<HTMLSelectElement>("ner-doc").replaceChildren(...(c?.documents ?? []).map((d) => option(d, d)));
  };
  colSel.addEventListener("change", fillDocs);
  fillDocs();
  const all = [...new Set([...labels, "DISEASE", "SYMPTOM", "PROCEDURE"])];
  $<HTMLSelectElement>("ner-label").replaceChildren(...all.map((l) => option(l, l)));
  if (!hasModel) {
    $<HTMLButtonElement>("ner-tag").disabled = true;
    $<HTMLButtonElement>("ner-tag").title = "Start the server with --ner-model DIR to tag";
  }
  $("ner-open").addEventListener("click", () =>
    guard(async () => {
      const doc = await api<{ id: string; text: string; lang?: string }>(
        `/v1/data/document?collection=${encodeURIComponent(colSel.value)}&doc=${encodeURIComponent($<HTMLSelectElement>("ner-doc").value)}`,
      );
      $<HTMLTextAreaElement>("ner-input").value = doc.text;
      $<HTMLInputElement>("ner-id").value = doc.id;
      if (doc.lang) $<HTMLInputElement>("ner-lang").value = doc.lang;
      state.collection = colSel.value;
      status(`Opened ${doc.id}.`);
    }),
  );
  $<HTMLTextAreaElement>("ner-input").addEventListener("input", () => {
    state.collection = "pasted";
  });
  $("ner-tag").addEventListener("click", () => guard(tag));
  $("ner-add").addEventListener("click", () => edit(add));
  $("ner-remove").addEventListener("click", () => edit(remove));
  $("ner-fix").addEventListener("click", () => edit(fix));
  $("ner-undo").addEventListener("click", () =>
    guard(async () => {
      const previous = state.undo.pop();
      if (previous) state.spans = previous;
      state.selected = null;
      draw();
    }),
  );
  $("ner-save").addEventListener("click", () => guard(save));
}

async function tag(): Promise<void> {
  const text = $<HTMLTextAreaElement>("ner-input").value;
  if (!text.trim()) throw new Error("paste or open a document first");
  status("Tagging...");
  const answer = await api<{ spans: SpanJson[] }>("/v1/ner/tag", {
    document: {
      id: $<HTMLInputElement>("ner-id").value || "pasted",
      text,
      lang: $<HTMLInputElement>("ner-lang").value || undefined,
    },
  });
  state.text = text;
  state.spans = answer.spans;
  state.undo = [];
  state.selected = null;
  $<HTMLButtonElement>("ner-save").disabled = false;
  draw();
  status(`Tagged ${answer.spans.length} spans.`);
}

function draw(): void {
  renderSpans(
    $("ner-text"),
    state.text,
    state.spans.map((s, i) => ({
      key: i,
      label: s.label,
      start: s.start,
      end: s.end,
      classes: i === state.selected ? ["selected"] : [],
      title: `${s.label}${s.score !== undefined ? ` · confidence ${s.score.toFixed(2)}` : " · added"}`,
    })),
    (key) => {
      state.selected = key;
      draw();
    },
  );
  const list = $("ner-spans");
  list.replaceChildren();
  list.className = "spanlist";
  const labels = [...new Set(state.spans.map((s) => s.label))].sort();
  for (const label of labels) {
    list.append(el("h3", label));
    const ul = el("ul");
    state.spans.forEach((s, i) => {
      if (s.label !== label) return;
      const li = el(
        "li",
        `${state.text.slice(s.start, s.end)} [${s.start}-${s.end}] ${s.score !== undefined ? s.score.toFixed(2) : "added"}`,
      );
      li.dataset.label = label;
      li.addEventListener("click", () => {
        state.selected = i;
        draw();
      });
      ul.append(li);
    });
    list.append(ul);
  }
  $<HTMLButtonElement>("ner-remove").disabled = state.selected === null;
  $<HTMLButtonElement>("ner-fix").disabled = state.selected === null;
  $<HTMLButtonElement>("ner-undo").disabled = state.undo.length === 0;
}

function edit(change: () => void): void {
  guard(async () => {
    const before = state.spans.map((s) => ({ ...s }));
    change();
    state.undo.push(before);
    draw();
  });
}

function add(): void {
  const range = selectionIn($("ner-text"));
  if (!range) throw new Error("select text in the document pane first");
  const r = trimRange(state.text, range);
  state.spans.push({ label: $<HTMLSelectElement>("ner-label").value, start: r.start, end: r.end });
  state.spans.sort((a, b) => a.start - b.start || a.end - b.end);
  state.selected = null;
}

function fix(): void {
  if (state.selected === null) throw new Error("click a span first");
  const range = selectionIn($("ner-text"));
  if (!range) throw new Error("select the span's text in the document pane first");
  const r = trimRange(state.text, range);
  const { label } = state.spans[state.selected];
  state.spans[state.selected] = { label, start: r.start, end: r.end };
  state.spans.sort((a, b) => a.start - b.start || a.end - b.end);
  state.selected = null;
}

function remove(): void {
  if (state.selected === null) throw new Error("click a span first");
  state.spans.splice(state.selected, 1);
  state.selected = null;
}

async function save(): Promise<void> {
  const answer = await api<{ files: string[] }>("/v1/data/save", {
    collection: `ner/${state.collection}`,
    doc: $<HTMLInputElement>("ner-id").value || "pasted",
    text: state.text,
    spans: state.spans.map(({ label, start, end }) => ({ label, start, end })),
    format: $<HTMLSelectElement>("ner-format").value,
  });
  status(`Saved ${answer.files.join(", ")}`);
}

function option(value: string, text: string): HTMLOptionElement {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = text;
  return o;
}
