#!/usr/bin/env -S node --expose-gc --max-semi-space-size=4
// Runs the TypeScript CLI through tsx, so operators need no build step. This is the
// composition root's outer edge: the process's arguments, environment, streams and clock.
// Node's flags keep a province's import and register within their memory (lib/memory.ts):
// --expose-gc lets them collect between phases, and a 2 MB semi-space (V8's default
// grows to 16 MB, tripled) keeps short-lived rows from swelling the young generation.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli.ts");
const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  // The one place chibo reads the wall clock: everything else is handed this function.
  now: () => new Date(),
});
process.exitCode = code;
