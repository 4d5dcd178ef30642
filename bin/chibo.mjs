#!/usr/bin/env -S node --expose-gc --max-semi-space-size=4
// Runs the CLI compiled to dist/ (scripts/build.mjs: at install and before `npm test`) when
// it was built from src/ as it is now (scripts/source-stamp.mjs), else the TypeScript
// sources through tsx: after an edit to src/, the next command runs the edit, slower,
// until `npm run build`. This is the composition root's outer edge: the process's
// arguments, environment, streams and clock.
// Node's flags keep a province's import and register within their memory (lib/memory.ts):
// --expose-gc lets them collect between phases, and a 2 MB semi-space (V8's default
// grows to 16 MB, tripled) keeps short-lived rows from swelling the young generation.
import { fileURLToPath } from "node:url";
import { builtStamp, sourceStamp } from "../scripts/source-stamp.mjs";

const { runCli } = await import(await cliModule());
const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  // The one place chibo reads the wall clock: everything else is handed this function.
  now: () => new Date(),
});
process.exitCode = code;

/** dist/cli.js when dist/ is up to date with src/, else src/cli.ts through tsx. */
async function cliModule() {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const built = builtStamp(root);
  let current;
  try {
    current = sourceStamp(root);
  } catch {
    // A file went away while it was read: src/ is changing, run it as it is.
  }
  if (built !== undefined && built === current) {
    // Stack traces (LOG_LEVEL=debug) name the TypeScript sources' lines.
    process.setSourceMapsEnabled(true);
    return "../dist/cli.js";
  }
  if (process.env.LOG_LEVEL === "debug" || process.env.LOG_LEVEL === "trace") {
    const why = built === undefined ? "dist/ has no build" : "src/ changed since dist/ was built";
    process.stderr.write(`${JSON.stringify({ level: 20, msg: `${why}: running src/ through tsx (npm run build compiles it)` })}\n`);
  }
  const { register } = await import("tsx/esm/api");
  register();
  return "../src/cli.ts";
}
