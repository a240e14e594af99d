/**
 * The `clinspan` process entry (`bin/clinspan.js` imports the compiled file): runs the command line
 * with the process's streams and sets the exit code. Everything else is in `run-cli.ts`.
 */
import { runCli } from "./run-cli.ts";

// A reader that stops early (`clinspan --help | head -3`) closes the pipe: stop quietly, as Unix
// tools do, instead of crashing on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const code = await runCli(process.argv.slice(2));
// Every command has finished its work when runCli resolves (servers and workers resolve when they
// stop). Exiting here skips node's tear-down of the heap, tens of milliseconds after `clinspan eval`
// on big files; output still buffered (pipes are asynchronous on some systems) is written first.
await Promise.all([drained(process.stdout), drained(process.stderr)]);
process.exit(code);

/** Resolves once `stream` has written everything handed to it. */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.writableLength === 0) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once("drain", resolve);
    stream.once("error", resolve);
    stream.once("close", resolve);
  });
}
