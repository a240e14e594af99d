/**
 * The `clinspan` command: parses arguments with commander and hands each command to its module in
 * `commands/`. stdout carries data, stderr progress and errors; see `exit-codes.ts`.
 */
import { Command, CommanderError } from "commander";
import { ClinspanError } from "../index.ts";
// command-registrations: each command module exports register(program); one import + one call per command.
import { registerAlign } from "./commands/align.ts";
import { registerCode } from "./commands/code.ts";
import { registerConcepts } from "./commands/concepts.ts";
import { registerEncode } from "./commands/encode.ts";
import { registerEval } from "./commands/eval.ts";
import { registerEvalAlign } from "./commands/eval-align.ts";
import { registerEvalCoding } from "./commands/eval-coding.ts";
import { registerEvalRetrieval } from "./commands/eval-retrieval.ts";
import { registerEvalSts } from "./commands/eval-sts.ts";
import { registerNer } from "./commands/ner.ts";
import { registerNerCompare } from "./commands/ner-compare.ts";
import { registerProject } from "./commands/project.ts";
import { registerSearch } from "./commands/search.ts";
import { registerIndex } from "./commands/search-index.ts";
import { EXIT, exitCodeFor } from "./exit-codes.ts";

const program = new Command()
  .name("clinspan")
  .description(
    "Multilingual clinical text: NER, annotation projection, search and exact shared-task metrics.",
  )
  .version("0.1.0")
  .showHelpAfterError()
  .exitOverride()
  .addHelpText(
    "after",
    `
Data goes to stdout (or the files named by --out flags), progress and errors to stderr.
Exit codes: 0 success, 1 internal error (a bug), 2 usage error, 3 invalid input data,
4 a file is missing or cannot be read or written, 5 invalid model folder.`,
  );

// command-calls (in this order in `clinspan --help`: projection and alignment, metrics, NER, encoders)
registerProject(program);
registerAlign(program);
registerEval(program);
registerEvalAlign(program);
registerNer(program);
registerNerCompare(program);
registerEncode(program);
registerConcepts(program);
registerIndex(program);
registerSearch(program);
registerEvalRetrieval(program);
registerEvalSts(program);
registerCode(program);
registerEvalCoding(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error);
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // commander already printed its message (help, version, or a usage error)
    return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  }
  if (ClinspanError.isInstance(error)) {
    process.stderr.write(`clinspan: error ${error.code}: ${error.message}\n`);
    return exitCodeFor(error.code);
  }
  process.stderr.write(
    `clinspan: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return EXIT.INTERNAL;
}
