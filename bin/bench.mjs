#!/usr/bin/env node
// `npm run bench`: runs bench/run.ts through tsx, as bin/chibo.mjs runs the CLI (no
// build step). Arguments after `--` go to bench/run.ts (--only, --quick, --profile, --json).
import { register } from "tsx/esm/api";

register();
await import("../bench/run.ts");
