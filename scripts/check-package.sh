#!/usr/bin/env bash
# Checks Clinspan as a user gets it: builds, packs the tarball, lints it with publint, installs it into
# an empty project, runs `npx clinspan --help`, `clinspan eval` on two small TSVs and `clinspan project
# --sample` on worker threads (the bundled CLI and its worker entry), imports it from
# plain node (checking that the metrics load neither onnxruntime-node, tfjs nor tokenizers) and
# type-checks a small TypeScript consumer with moduleResolution NodeNext and skipLibCheck off.
# Usage: scripts/check-package.sh [--no-build]   (CI: .ci/run; needs the npm registry or a warm cache)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
step() { printf '\n== %s\n' "$*"; }

cd "$repo"
if [ "${1:-}" != "--no-build" ]; then
  step "build"
  npm run build --silent
fi

step "pack"
tarball="$work/$(npm pack --silent --pack-destination "$work" | tail -n 1)"
ls -l "$tarball"
if tar -tzf "$tarball" | grep -E '^package/(src|test|bench|scripts|data/devset)/'; then
  echo "check-package: the tarball ships development files (above)" >&2
  exit 1
fi
# bin/clinspan.js runs the bundled CLI; its worker-thread entries must sit beside its chunks.
tar -tzf "$tarball" > "$work/files.txt"
for entry in main projection-worker worker-thread; do
  grep -qx "package/dist/cli-bundle/$entry.js" "$work/files.txt" ||
    { echo "check-package: the tarball lacks dist/cli-bundle/$entry.js" >&2; exit 1; }
done
# The WebAssembly kernels (scripts/build-wasm.mjs) beside the modules and the chunks that load them.
for kernel in dist/io/multiclinai-rows.wasm dist/eval/span-scoring.wasm \
  dist/cli-bundle/multiclinai-rows.wasm dist/cli-bundle/span-scoring.wasm; do
  grep -qx "package/$kernel" "$work/files.txt" ||
    { echo "check-package: the tarball lacks $kernel" >&2; exit 1; }
done

step "publint"
npx --no-install publint run "$tarball" --strict

step "install into an empty project"
app="$work/app"
mkdir -p "$app"
cd "$app"
printf '{ "name": "clinspan-consumer", "private": true, "type": "module" }\n' > package.json
# The user's way to skip onnxruntime-node's CUDA download on Linux x64 (README, "Install").
ONNXRUNTIME_NODE_INSTALL=skip npm install --prefer-offline --no-audit --no-fund "$tarball"

step "npx clinspan --help"
npx --no-install clinspan --help > help.txt
grep -q "^Usage: clinspan" help.txt && grep -q "^  eval \[options\]" help.txt
test "$(npx --no-install clinspan --version)" = "$(node -p "require('$repo/package.json').version")"

step "clinspan eval on two small TSVs"
printf 'filename\tlabel\tstart_span\tend_span\ttext\ncaso_1\tDISEASE\t0\t5\tfiebre\ncaso_1\tSYMPTOM\t10\t14\ttos\n' > gold.tsv
printf 'filename\tlabel\tstart_span\tend_span\ttext\ncaso_1\tDISEASE\t0\t5\tfiebre\ncaso_1\tSYMPTOM\t11\t14\tos\n' > pred.tsv
npx --no-install clinspan eval --gold gold.tsv --pred pred.tsv --json > eval.json
# strict: 1 of 2 spans; char: the DISEASE span 1, the SYMPTOM pair 2*3/(4+3), averaged: 0.9286
node -e '
  const r = JSON.parse(require("fs").readFileSync("eval.json", "utf8"));
  const ok = r.strict.tp === 1 && r.strict.fp === 1 && r.strict.fn === 1 && r.strict.f1 === 0.5 && r.char.f1 === 0.9286;
  if (!ok) { console.error("unexpected eval result", JSON.stringify(r)); process.exit(1); }
  console.log("strict f1", r.strict.f1, "char f1", r.char.f1);'

step "clinspan project --sample on two worker threads (the bundle's worker entry)"
npx --no-install clinspan project --sample --workers 2 > sample.txt
grep -E "^mean +0\.[0-9]{4}" sample.txt

step "import from plain node (ESM)"
cat > hooks.mjs <<'JS'
// Reports every heavy package a module graph resolves, so the check can fail on it.
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (/node_modules\/(onnxruntime-node|onnxruntime-common|@tensorflow|tokenizers)\//.test(result.url)) {
    console.error(`HEAVY ${result.url}`);
  }
  return result;
}
JS
cat > trace.mjs <<'JS'
import { register } from "node:module";
register("./hooks.mjs", import.meta.url);
JS
cat > use.mjs <<'JS'
import { evaluateSpans, projectDocument, tokenize, trainProjectionModel } from "clinspan";
import { roundReport } from "clinspan/eval";
import { parseMultiClinAiTsv } from "clinspan/io";

const gold = [{ docId: "d", label: "DISEASE", start: 0, end: 6, text: "fiebre" }];
const report = roundReport(evaluateSpans(gold, gold));
if (report.strict.f1 !== 1) throw new Error(`strict f1 ${report.strict.f1}`);
if (tokenize("dolor torácico").length !== 2) throw new Error("tokenize");
if (typeof projectDocument !== "function" || typeof trainProjectionModel !== "function") throw new Error("align");
if (typeof parseMultiClinAiTsv !== "function") throw new Error("io");
console.log("plain node import: ok");
JS
node --import ./trace.mjs use.mjs 2> imports.log || { cat imports.log >&2; exit 1; }
if grep HEAVY imports.log; then
  echo "check-package: importing clinspan loaded a heavy dependency (above)" >&2
  exit 1
fi

step "type-check a TypeScript consumer (NodeNext, skipLibCheck off)"
cat > tsconfig.json <<'JSON'
{
  "compilerOptions": {
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    "noEmit": true,
    "skipLibCheck": false,
    "types": ["node"],
    "typeRoots": ["REPO/node_modules/@types"]
  },
  "files": ["consumer.ts"]
}
JSON
sed -i "s|REPO|$repo|" tsconfig.json
cat > consumer.ts <<'TS'
import { ClinspanError, type EvaluationReport, evaluateSpans, type Span } from "clinspan";
import { alignmentErrorRate } from "clinspan/eval";
import { readMultiClinAiTsv } from "clinspan/io";
import { tokenize } from "clinspan/text";

const gold: Span[] = [{ docId: "d", label: "DISEASE", start: 0, end: 6, text: "fiebre" }];
const report: EvaluationReport = evaluateSpans(gold, gold);
const f1: number = report.strict.f1;
const words: number = tokenize("dolor torácico").length;
const read: Promise<Span[]> = readMultiClinAiTsv("gold.tsv");
const isError: boolean = ClinspanError.isInstance(new Error("x"));
export { alignmentErrorRate, f1, isError, read, words };
TS
node "$repo/node_modules/typescript/bin/tsc" -p tsconfig.json
echo "type-check: ok"

step "package check passed"
