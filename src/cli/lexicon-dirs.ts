/**
 * The dictionary folders the CLI gives the aligner: `CLINSPAN_LEXICON_DIRS` (`:`-separated; empty for
 * none), else the Debian FreeDict/Apertium folders. The library itself never reads the environment.
 */
import { lexiconDirsFromEnv } from "../index.ts";

/**
 * This process's dictionary folders, for the `lexiconDirs` option.
 *
 * @example
 * cliLexiconDirs(); // ["/usr/share/dictd", "/usr/share/apertium"] when the variable is unset
 */
export function cliLexiconDirs(): readonly string[] {
  return lexiconDirsFromEnv(process.env.CLINSPAN_LEXICON_DIRS);
}
