/**
 * The `clinspan` command: parses arguments with commander and hands each command to its module in
 * `commands/`. stdout carries data, stderr progress and errors; see `exit-codes.ts`.
 */
import { Command, CommanderError } from "commander";
import { ClinspanError } from "../index.ts";
import { EXIT, exitCodeFor } from "./exit-codes.ts";
// command-registrations: each command module exports register(program); one import + one call per command.
import { registerEval } from "./commands/eval.ts";
import { registerEvalAlign } from "./commands/eval-align.ts";

const program = new Command()
  .name("clinspan")
  .description(
    "Multilingual clinical text: NER, annotation projection, search and exact shared-task metrics.",
  )
  .version("0.1.0")
  .showHelpAfterError()
  .exitOverride();

// command-calls
registerEval(program);
registerEvalAlign(program);

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
