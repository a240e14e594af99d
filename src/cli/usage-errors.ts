/**
 * Argument errors found by commander (unknown option, missing value, extra argument) in the same
 * one-line format as every other error, `clinspan: error E_USAGE: <message>. <hint>`, instead of the
 * message followed by the whole help text; the exit code stays 2.
 */
import type { Command } from "commander";
import { cliIo } from "./cli-io.ts";

/**
 * Configures `program` and all its subcommands (call after every command is registered).
 *
 * @example
 * configureUsageErrors(program);
 * // clinspan project --bogus  ->  clinspan: error E_USAGE: unknown option '--bogus'. Run `clinspan project --help` for the options.
 */
export function configureUsageErrors(program: Command): void {
  const visit = (command: Command, names: string[]) => {
    const where = ["clinspan", ...names].join(" ");
    command.showHelpAfterError(false).configureOutput({
      outputError: (message) => {
        const text = message
          .replace(/^error:\s*/, "")
          .trim()
          .replace(/\.$/, "");
        cliIo().stderr.write(`clinspan: error E_USAGE: ${text}. Run \`${where} --help\` for the options.\n`);
      },
    });
    for (const sub of command.commands) visit(sub, [...names, sub.name()]);
  };
  visit(program, []);
}
