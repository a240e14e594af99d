/** Every test file of test/cli/, in one process (see test/helpers/run-area.ts). */
import { runArea } from "../helpers/run-area.ts";

await runArea("cli");
