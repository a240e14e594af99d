/**
 * The `clinspan` process entry (`bin/clinspan.js` imports the compiled file): runs the command line
 * with the process's streams and sets the exit code. Everything else is in `run-cli.ts`.
 */
import { runCli } from "./run-cli.ts";

process.exitCode = await runCli(process.argv.slice(2));
