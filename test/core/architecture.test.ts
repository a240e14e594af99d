/**
 * The layers of src/ (README, "Architecture"): every import points down the stack
 * core <- text <- {io, eval} <- encoder <- {align, ner, retrieve} <- {corpus, coding} <- {server, queue} <- cli;
 * onnxruntime-node is imported only inside src/encoder; the CLI, the server and the queue workers use
 * only public index files of the layers below them.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { repoRoot } from "../helpers/clinspan.ts";

/** Each layer's rank: a file may import from layers of a lower rank and from its own layer only. */
const LAYERS: Readonly<Record<string, number>> = {
  core: 0,
  text: 1,
  io: 2,
  eval: 2,
  encoder: 3,
  align: 4,
  ner: 4,
  retrieve: 4,
  corpus: 5,
  coding: 5,
  server: 6,
  queue: 6,
  cli: 7,
};
/** Layers that may import other layers only through their public index files. */
const FRONTS = new Set(["cli", "server", "queue"]);

const src = path.join(repoRoot, "src");

interface ImportRef {
  readonly file: string; // relative to src/
  readonly line: number;
  readonly specifier: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

/** Static imports and re-exports (type-only included) and dynamic `import("...")` calls. */
export function importsOf(text: string): { specifier: string; line: number }[] {
  const found: { specifier: string; line: number }[] = [];
  const patterns = [
    /^\s*(?:import|export)\b[^"'`;]*?\bfrom\s*["']([^"']+)["']/gm,
    /^\s*import\s*["']([^"']+)["']/gm,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const line = text.slice(0, match.index).split("\n").length;
      found.push({ specifier: match[1], line });
    }
  }
  return found;
}

function allImports(): ImportRef[] {
  return sourceFiles(src).flatMap((full) =>
    importsOf(readFileSync(full, "utf8")).map((ref) => ({ ...ref, file: path.relative(src, full) })),
  );
}

/** The layer of a path relative to src/ ("" for src/index.ts itself). */
function layerOf(relative: string): string {
  const parts = relative.split(path.sep);
  return parts.length > 1 ? parts[0] : "";
}

function violations(imports: readonly ImportRef[]): string[] {
  const problems: string[] = [];
  for (const { file, line, specifier } of imports) {
    const where = `src/${file}:${line} imports "${specifier}"`;
    const from = layerOf(file);
    if (/^onnxruntime-(node|common|web)/.test(specifier) && from !== "encoder") {
      problems.push(`${where}: onnxruntime is imported only inside src/encoder`);
    }
    if (!specifier.startsWith(".")) continue;
    const target = path.relative(src, path.resolve(path.dirname(path.join(src, file)), specifier));
    if (target.startsWith("..")) {
      problems.push(`${where}: library code stays inside src/`);
      continue;
    }
    const to = layerOf(target);
    if (from === "" || to === from) continue; // src/index.ts gathers every layer
    if (!(from in LAYERS)) {
      problems.push(
        `src/${from}/ is not a known layer: add it to LAYERS here and to the README's Architecture section`,
      );
      continue;
    }
    if (to === "") {
      if (!FRONTS.has(from)) problems.push(`${where}: only cli/, server/ and queue/ import the root index`);
      continue;
    }
    if (!(to in LAYERS) || LAYERS[to] >= LAYERS[from]) {
      problems.push(
        `${where}: ${from} (layer ${LAYERS[from]}) may not depend on ${to} (layer ${LAYERS[to]})`,
      );
      continue;
    }
    if (FRONTS.has(from) && target !== path.join(to, "index.ts")) {
      problems.push(`${where}: ${from}/ uses only public index files (src/${to}/index.ts or src/index.ts)`);
    }
  }
  return [...new Set(problems)];
}

test("every import in src/ follows the layers, onnxruntime stays in src/encoder, fronts use public indexes", () => {
  const imports = allImports();
  assert.ok(imports.length > 300, `found ${imports.length} imports`);
  assert.deepEqual(violations(imports), []);
});

test("the checker catches each kind of violation", () => {
  const cases: [ImportRef, RegExp][] = [
    [
      { file: "eval/x.ts", line: 1, specifier: "../align/index.ts" },
      /eval \(layer 2\) may not depend on align/,
    ],
    [{ file: "io/x.ts", line: 1, specifier: "../eval/report.ts" }, /io \(layer 2\) may not depend on eval/],
    [{ file: "align/x.ts", line: 3, specifier: "onnxruntime-node" }, /onnxruntime is imported only inside/],
    [{ file: "cli/x.ts", line: 1, specifier: "../align/options.ts" }, /uses only public index files/],
    [
      { file: "ner/x.ts", line: 1, specifier: "../index.ts" },
      /only cli\/, server\/ and queue\/ import the root/,
    ],
    [{ file: "search/x.ts", line: 1, specifier: "../core/index.ts" }, /not a known layer/],
  ];
  for (const [ref, expected] of cases) {
    const found = violations([ref]);
    assert.equal(found.length, 1, `${ref.file} -> ${ref.specifier}: ${found.join("; ")}`);
    assert.match(found[0], expected);
  }
  assert.deepEqual(violations([{ file: "cli/x.ts", line: 1, specifier: "../eval/index.ts" }]), []);
  assert.deepEqual(violations([{ file: "encoder/x.ts", line: 1, specifier: "onnxruntime-node" }]), []);
});

test("importsOf reads static, type-only, re-export and dynamic imports", () => {
  const text = [
    'import { a } from "./a.ts";',
    'import type { B } from "../b/index.ts";',
    'export { c } from "./c.ts";',
    'const m = await import("onnxruntime-node");',
    'import "./side-effect.ts";',
  ].join("\n");
  assert.deepEqual(
    importsOf(text)
      .map((i) => i.specifier)
      .sort(),
    ["../b/index.ts", "./a.ts", "./c.ts", "./side-effect.ts", "onnxruntime-node"],
  );
});
