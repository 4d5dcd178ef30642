// `npm run build`: compiles src/ to dist/ (ES modules, a source map beside each file), so
// that `chibo` starts without compiling TypeScript on every run (bin/chibo.mjs). Run at
// install (postinstall, after `prisma generate`) and before `npm test` (pretest, with
// --if-stale: nothing to do when dist/ was built from src/ as it is).
//
// esbuild transpiles file by file, no bundling: the same transform tsx applies to the
// sources, in a second for the whole tree (tsc's emit takes ~13 s here; `npm run
// typecheck` is what checks the types). dist/ mirrors src/ at the same depth, so the code
// that finds files from its own place (locales/, prisma/migrations, node_modules) finds
// the same ones; the files under src/ that are not TypeScript (the demo's CSVs) are copied.
// The new build is made beside dist/ and swapped in whole, its stamp
// (scripts/source-stamp.mjs) written last: a command starting meanwhile runs one build or
// the other, or the sources.
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { STAMP_FILE, builtStamp, sourceFiles, sourceStamp } from "./source-stamp.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const src = path.join(root, "src");
const dist = path.join(root, "dist");

// Taken before esbuild reads a file: an edit made during the build leaves dist/ stale.
const stamp = sourceStamp(root);
if (process.argv.includes("--if-stale") && builtStamp(root) === stamp) process.exit(0);

const started = performance.now();
const next = path.join(root, `.dist-next-${process.pid}`);
const old = path.join(root, `.dist-old-${process.pid}`);
rmSync(next, { recursive: true, force: true });
mkdirSync(next);
try {
  const files = sourceFiles(root);
  const typescript = files.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"));
  await build({
    entryPoints: typescript.map((file) => path.join(src, file)),
    outbase: src,
    outdir: next,
    bundle: false,
    format: "esm",
    platform: "node",
    target: "es2022",
    sourcemap: "linked",
    // The maps point at src/, which is beside dist/.
    sourcesContent: false,
    logLevel: "warning",
  });
  for (const file of files.filter((file) => !file.endsWith(".ts"))) {
    cpSync(path.join(src, file), path.join(next, file));
  }
  writeFileSync(path.join(next, STAMP_FILE), `${stamp}\n`);
  try {
    if (existsSync(dist)) renameSync(dist, old);
    renameSync(next, dist);
  } catch (error) {
    // Another build swapped its dist/ in meanwhile (two `npm test` at once): same sources, done.
    if (builtStamp(root) !== stamp) throw error;
    rmSync(next, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
  console.log(`chibo: compiled ${typescript.length} files of src/ to dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  rmSync(next, { recursive: true, force: true });
  throw error;
}
