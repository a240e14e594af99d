/**
 * The search view: a query box over `/v1/search` (mounted when an index is loaded); each hit shows
 * its text with the matched tokens marked and one line per query token: the document token it
 * matched (MaxSim), both with character offsets, and its contribution to the score.
 */
import { api, guard, status } from "./api.ts";
import { el } from "./text-view.ts";

interface Token {
  text: string;
  start: number;
  end: number;
}

interface Hit {
  docId: string;
  score: number;
  text?: string;
  explain?: { matches: { query: Token; doc: Token; contribution: number }[] };
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/**
 * Wires the search tab.
 *
 * @example
 * initSearch(true);
 */
export function initSearch(hasIndex: boolean): void {
  if (!hasIndex) {
    $("search-note").textContent = "No search index is loaded on this server (start it with --index DIR).";
    $<HTMLButtonElement>("search-go").disabled = true;
  }
  const go = () =>
    guard(async () => {
      const query = $<HTMLInputElement>("query").value.trim();
      if (!query) return;
      const answer = await api<{ hits: Hit[]; concepts?: { code: string; term: string; score: number }[] }>(
        "/v1/search",
        {
          query,
          k: 10,
          explain: true,
        },
      );
      renderHits(answer.hits, answer.concepts ?? []);
      status(`${answer.hits.length} hits.`);
    });
  $("search-go").addEventListener("click", go);
  $("query").addEventListener("keydown", (e) => {
    if ((e as KeyboardEvent).key === "Enter") go();
  });
}

function renderHits(hits: Hit[], concepts: { code: string; term: string; score: number }[]): void {
  const box = $("hits");
  box.replaceChildren();
  if (concepts.length > 0) {
    box.append(
      el(
        "p",
        `Nearest concepts: ${concepts.map((c) => `${c.code} ${c.term} (${c.score.toFixed(2)})`).join(" · ")}`,
      ),
    );
  }
  for (const hit of hits) {
    const card = el("div", undefined, "hit");
    card.append(el("h3", `${hit.docId} · ${hit.score.toFixed(3)}`));
    const matches = hit.explain?.matches ?? [];
    if (hit.text)
      card.append(
        markedText(
          hit.text,
          matches.map((m) => m.doc),
        ),
      );
    if (matches.length > 0) {
      card.append(matchDiagram(matches));
      const table = el("table", undefined, "lines");
      const max = Math.max(...matches.map((m) => m.contribution), 1e-9);
      for (const m of matches) {
        const row = el("tr");
        const bar = el("span", undefined, "bar");
        bar.style.width = `${Math.round((m.contribution / max) * 100)}px`;
        const share = el("td", m.contribution.toFixed(3));
        share.append(bar);
        row.append(
          el("td", `${m.query.text} [${m.query.start}-${m.query.end}]`),
          el("td", "→"),
          el("td", `${m.doc.text} [${m.doc.start}-${m.doc.end}]`),
          share,
        );
        table.append(row);
      }
      card.append(table);
    }
    box.append(card);
  }
}

type Match = NonNullable<Hit["explain"]>["matches"][number];

/** Query tokens above, matched document tokens below, one line per query token (width = contribution). */
function matchDiagram(matches: Match[]): HTMLElement {
  const wrap = el("div", undefined, "match");
  const top = el("div", undefined, "row");
  const bottom = el("div", undefined, "row doc");
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  const queryChips = matches.map((m) => el("span", m.query.text, "chip"));
  top.append(...queryChips);
  const docChips = new Map<number, HTMLElement>();
  for (const m of [...matches].sort((a, b) => a.doc.start - b.doc.start)) {
    if (!docChips.has(m.doc.start)) docChips.set(m.doc.start, el("span", m.doc.text, "chip"));
  }
  bottom.append(...docChips.values());
  wrap.append(top, svg, bottom);
  const max = Math.max(...matches.map((m) => m.contribution), 1e-9);
  // Lines need the chips' positions, known only after layout.
  requestAnimationFrame(() => {
    const box = wrap.getBoundingClientRect();
    svg.setAttribute("width", String(box.width));
    svg.setAttribute("height", String(box.height));
    matches.forEach((m, i) => {
      const a = queryChips[i].getBoundingClientRect();
      const b = docChips.get(m.doc.start)!.getBoundingClientRect();
      const line = document.createElementNS("http://www.w3.org/2000/svg", "line");
      line.setAttribute("x1", String(a.left + a.width / 2 - box.left));
      line.setAttribute("y1", String(a.bottom - box.top));
      line.setAttribute("x2", String(b.left + b.width / 2 - box.left));
      line.setAttribute("y2", String(b.top - box.top));
      line.setAttribute("stroke-width", String(1 + (4 * m.contribution) / max));
      line.dataset.query = m.query.text;
      line.dataset.doc = m.doc.text;
      svg.append(line);
    });
  });
  return wrap;
}

function markedText(text: string, tokens: Token[]): HTMLElement {
  const p = el("p");
  const sorted = [...tokens].sort((a, b) => a.start - b.start);
  let at = 0;
  for (const t of sorted) {
    if (t.start < at) continue;
    p.append(document.createTextNode(text.slice(at, t.start)), el("mark", text.slice(t.start, t.end)));
    at = t.end;
  }
  p.append(document.createTextNode(text.slice(at)));
  return p;
}
