// which names each importer takes from an index file
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
const files: string[] = [];
const walk = (d: string) => { for (const f of readdirSync(d)) { const p = path.join(d, f); statSync(p).isDirectory() ? walk(p) : /\.ts$/.test(p) && files.push(p); } };
for (const d of ["src", "test", "bench", "scripts", "examples"]) walk(d);
const re = /import\s+(type\s+)?\{([^}]*)\}\s+from\s+["']([^"']+)["']/g;
const used = new Map<string, Set<string>>();
for (const f of files) {
  const s = readFileSync(f, "utf8");
  for (const m of s.matchAll(re)) {
    const spec = m[3];
    if (!/index\.ts$|^clinspan/.test(spec)) continue;
    const who = f.split("/")[0] === "src" ? f.split("/").slice(0, 2).join("/") : f.split("/")[0];
    const target = spec.startsWith("clinspan") ? spec : path.relative(".", path.resolve(path.dirname(f), spec));
    for (const n of m[2].split(",").map((x) => x.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0]).filter(Boolean)) {
      const k = `${target}`; if (!used.has(n)) used.set(n, new Set()); used.get(n)!.add(`${who}<-${k}`);
    }
  }
}
const q = process.argv.slice(2);
for (const n of q) console.log(n, [...(used.get(n) ?? [])].join(" "));
