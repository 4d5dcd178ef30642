#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so operators need no build step.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli.ts");
const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
});
process.exitCode = code;
