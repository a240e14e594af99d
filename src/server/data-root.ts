/**
 * The one folder the server may read and write (`--data`). Every path a request names is resolved
 * here: absolute paths, `..` segments, NUL bytes and symbolic links that lead outside are refused
 * with E_FORBIDDEN_PATH before any file is touched.
 */
import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import { ClinspanError } from "../index.ts";
import { ApiError } from "./errors.ts";

/** A confined folder. */
export class DataRoot {
  /** The folder, absolute and with symbolic links resolved. */
  readonly dir: string;

  private constructor(dir: string) {
    this.dir = dir;
  }

  /**
   * Opens a folder as the data root (E_FILE_NOT_FOUND when it is not a folder).
   *
   * @example
   * const root = await DataRoot.open("data/sample");
   */
  static async open(dir: string): Promise<DataRoot> {
    let real: string;
    try {
      real = await realpath(dir);
      if (!(await stat(real)).isDirectory()) throw new Error("not a folder");
    } catch (cause) {
      throw new ClinspanError({
        code: "E_FILE_NOT_FOUND",
        message: "the --data folder does not exist or is not a folder",
        value: dir,
        fix: "Pass an existing folder, e.g. --data data/sample.",
        cause,
      });
    }
    return new DataRoot(real);
  }

  /**
   * The absolute path of `relative` inside the root, or E_FORBIDDEN_PATH. The nearest existing
   * ancestor is resolved through symbolic links, so a link pointing outside is caught too.
   *
   * @example
   * await root.resolve("multiclinai/MultiClinNER-en"); // "/abs/data/sample/multiclinai/MultiClinNER-en"
   * await root.resolve("../secret.txt"); // throws E_FORBIDDEN_PATH
   */
  async resolve(relative: string): Promise<string> {
    const refuse = (why: string) =>
      new ApiError(
        "E_FORBIDDEN_PATH",
        `the path ${JSON.stringify(relative)} is refused: ${why}`,
        "Name files and folders relative to the --data folder, without `..`, and without links that leave it.",
      );
    if (relative.includes("\0")) throw refuse("it contains a NUL byte");
    if (path.isAbsolute(relative) || /^[A-Za-z]:/.test(relative)) throw refuse("it is absolute");
    if (relative.split(/[\\/]+/).includes("..")) throw refuse("it contains `..`");
    const absolute = path.resolve(this.dir, relative);
    if (!this.contains(absolute)) throw refuse("it leads outside the data folder");
    // The path may not exist yet (an output folder): check its nearest existing ancestor.
    let probe = absolute;
    for (;;) {
      try {
        const real = await realpath(probe);
        if (!this.contains(real)) throw refuse("a symbolic link in it leads outside the data folder");
        break;
      } catch (error) {
        if (error instanceof ApiError) throw error;
        const parent = path.dirname(probe);
        if (parent === probe) throw refuse("no part of it exists");
        probe = parent;
      }
    }
    return absolute;
  }

  /**
   * The path relative to the root, with `/` separators ("." for the root itself).
   *
   * @example
   * root.relative(path.join(root.dir, "a", "b")); // "a/b"
   */
  relative(absolute: string): string {
    const rel = path.relative(this.dir, absolute);
    return rel === "" ? "." : rel.split(path.sep).join("/");
  }

  private contains(absolute: string): boolean {
    return absolute === this.dir || absolute.startsWith(this.dir + path.sep);
  }
}
