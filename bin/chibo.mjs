#!/usr/bin/env -S node --expose-gc
// Runs the TypeScript CLI through tsx, so operators need no build step. This is the
// composition root's outer edge: the process's arguments, environment, streams and clock.
// --expose-gc: a province's import collects between its phases (roster/import-mutations.ts).
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
