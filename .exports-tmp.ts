// prints, per layer index, each re-exported module with its names (value/type)
import path from "node:path";
import ts from "typescript";
const root = "/work/h-package";
const cfg = ts.getParsedCommandLineOfConfigFile(path.join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
const program = ts.createProgram(cfg.fileNames, cfg.options);
const checker = program.getTypeChecker();
const target = process.argv[2];
const sf = program.getSourceFile(path.join(root, target))!;
const out: Record<string, { name: string; type: boolean }[]> = {};
for (const st of sf.statements) {
  if (!ts.isExportDeclaration(st) || !st.moduleSpecifier) continue;
  const spec = (st.moduleSpecifier as ts.StringLiteral).text;
  const modSym = checker.getSymbolAtLocation(st.moduleSpecifier);
  if (!modSym) continue;
  const names = st.exportClause && ts.isNamedExports(st.exportClause)
    ? st.exportClause.elements.map((e) => checker.getExportsOfModule(modSym).find((x) => x.name === (e.propertyName ?? e.name).text)!)
    : checker.getExportsOfModule(modSym);
  out[spec] = names.map((s) => {
    const r = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
    const isValue = (r.flags & ts.SymbolFlags.Value) !== 0;
    return { name: s.name, type: !isValue };
  });
}
console.log(JSON.stringify(out));
