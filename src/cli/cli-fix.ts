/**
 * Library errors say what to do in the library's words (`keepGoing: true`, `saveSearchIndex`); on the
 * command line the same advice names the flag or command. This table turns one into the other when
 * the CLI prints an error; fixes without a library name print unchanged.
 */
import type { ClinspanError } from "../index.ts";

/** Library wording (as written in error fixes) -> command-line wording. */
const CLI_WORDING: readonly (readonly [string, string])[] = [
  ["`keepGoing: true`", "--keep-going"],
  ["`workers: 0`", "--workers 0"],
  ["`allowMissing: true`", "--allow-missing"],
  ["`tgtTextTree`", "--tgt-text-tree ROOT"],
  ["`tgtText`", "--tgt-text DIR"],
  ["`srcLang`", "--src-lang"],
  ["`split`", "--split"],
  ["`srcText`", "--src-text DIR"],
  ["`srcAnn`", "--src-ann FILE.tsv"],
  ["`srcBrat`", "--src-brat DIR"],
  ["`saveProjectionModel`", "`clinspan project --save-model FILE`"],
  ["`queryEncoder`", "--query-encoder DIR"],
  ["`adapter`", "--adapter FILE"],
  ["`compression: 2bit`", "--compression 2bit"],
  ["`compression: 4bit`", "--compression 4bit"],
  ["`encoder`", "--encoder DIR"],
  ["`saveSearchIndex`", "`clinspan index build --out DIR`"],
  ["`saveConceptTable`", "`clinspan concepts --terms FILE --save-table FILE`"],
  ["`lang`", "--lang"],
  ["`perLanguage: false`", "without --per-language"],
  ["`saveEmbeddedTagger` or `saveCnnModel`", "`clinspan ner train --out DIR`"],
  ["`encoders`", "--encoders A,B"],
  ["`fractions`", "--fractions"],
  ["`labels`", "--labels"],
  ["`concurrency: 1`", "--concurrency 1"],
  ["`timeoutMs`", "--redis-timeout"],
  ["`sharedDir`", "--shared-dir"],
  ["`saveCodeIndex`", "`clinspan code index --out DIR`"],
  ["the `codiesp` format", "--pairs-format codiesp"],
  ["`redis: redis://127.0.0.1:6379`", "--redis redis://127.0.0.1:6379"],
];

/**
 * A fix in command-line words.
 *
 * @example
 * cliFix("Set `keepGoing: true` to write the other documents."); // "Set --keep-going to write the other documents."
 */
export function cliFix(fix: string): string {
  let out = fix;
  for (const [library, cli] of CLI_WORDING) out = out.split(library).join(cli);
  return out;
}

/**
 * An error's message with its fix in command-line words.
 *
 * @example
 * cliErrorMessage(error); // "... Run again with --workers 0 to project in the main thread and see the error."
 */
export function cliErrorMessage(error: ClinspanError): string {
  if (!error.message.endsWith(error.fix)) return error.message;
  return error.message.slice(0, error.message.length - error.fix.length) + cliFix(error.fix);
}
