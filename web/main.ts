/**
 * The Clinspan workbench page: tabs, the token prompt, and the three views. Everything is plain
 * TypeScript bundled by esbuild (scripts/build-web.ts); no inline scripts, nothing from a CDN.
 */
import { api, guard, setToken, status } from "./api.ts";
import { initNer } from "./ner-view.ts";
import { initProjection } from "./projection-view.ts";
import { initSearch } from "./search-view.ts";

interface Health {
  features: { data: boolean; ner: boolean; encoder: boolean; search: boolean; code: boolean };
  ner?: { kind: string; labels: string[] };
}

interface Collection {
  id: string;
  kind: string;
  lang?: string;
  labels: string[];
  documents: string[];
}

function showTab(name: string): void {
  for (const section of document.querySelectorAll<HTMLElement>("section.tab"))
    section.hidden = section.id !== name;
  for (const button of document.querySelectorAll<HTMLButtonElement>("#tabs button")) {
    button.classList.toggle("active", button.dataset.tab === name);
  }
}

async function start(): Promise<void> {
  for (const button of document.querySelectorAll<HTMLButtonElement>("#tabs button")) {
    button.addEventListener("click", () => showTab(button.dataset.tab ?? "projection"));
  }
  const tokenInput = document.getElementById("token") as HTMLInputElement;
  tokenInput.addEventListener("change", () => {
    setToken(tokenInput.value);
    location.reload();
  });
  const health = await api<Health>("/v1/health");
  const collections = health.features.data
    ? (await api<{ collections: Collection[] }>("/v1/data/collections")).collections
    : [];
  const nerLabels = health.ner?.labels ?? [];
  await initProjection(collections);
  initNer(collections, nerLabels, health.features.ner);
  initSearch(health.features.search);
  document.body.dataset.ready = "true";
  status(
    `${collections.length} collections${health.features.ner ? " · NER model loaded" : ""}${health.features.search ? " · search index loaded" : ""}`,
  );
}

document.addEventListener("DOMContentLoaded", () => guard(start));
