// What dist/ was compiled from: a digest of src/'s file list with each file's size and
// modification time. scripts/build.mjs writes it into dist/ (dist/.source-stamp);
// bin/chibo.mjs runs dist/ only while src/ still gives the same digest, so an edit, a new,
// removed or renamed file, a `git checkout` or a `prisma generate` sends the next command
// back to the TypeScript sources (tsx) until the next build. locales/ and prisma/ are read
// at run time from the repository, by the compiled code as by the sources: not part of it.
// One stat per file: ~300 files, a few milliseconds.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const STAMP_FILE = ".source-stamp";

/** Every file under src/ (relative to it, "/"-separated, sorted), dot-files (editors' swap files) left out. */
export function sourceFiles(root) {
  const src = path.join(root, "src");
  return readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith("."))
    .map((entry) => path.relative(src, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join("/"))
    .filter((file) => !file.split("/").some((part) => part.startsWith(".")))
    .sort();
}

/** The digest of src/ as it is now. */
export function sourceStamp(root) {
  const src = path.join(root, "src");
  const hash = createHash("sha256");
  for (const file of sourceFiles(root)) {
    const stat = statSync(path.join(src, file));
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest("hex");
}

/** The digest dist/ was built from, or undefined when there is no (complete) build. */
export function builtStamp(root) {
  try {
    return readFileSync(path.join(root, "dist", STAMP_FILE), "utf8").trim();
  } catch {
    return undefined;
  }
}
