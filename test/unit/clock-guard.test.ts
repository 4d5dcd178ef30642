// One clock: chibo reads the wall clock in one place, bin/chibo.mjs (the process's edge,
// with its arguments, environment and streams), and hands that function down as `now`.
// Anything in src/ that reads the wall clock itself disagrees with a pinned or shifted
// clock (a test's "now", the demo's script, an operator's --now): this guard finds it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findIn, root, sourceFiles } from "../helpers/source-scan.js";

/**
 * Left out: generated Prisma code, and src/testing/, the stand-ins for Telegram's and
 * Zalo's servers, which stamp their messages with the outside world's clock as the real
 * servers do. Durations are measured with performance.now(), which is allowed.
 */
const EXEMPT = [path.join("src", "generated") + path.sep, path.join("src", "testing") + path.sep];

const WALL_CLOCK = [
  { name: "Date.now", pattern: /\bDate\.now\b/ },
  { name: "new Date() without an argument", pattern: /\bnew Date\(\s*\)/ },
  { name: "Date() called as a function", pattern: /(?<!new\s+)\bDate\(\s*\)/ },
  { name: "conversation.now()", pattern: /\bconversation\.now\(/ },
];

/** "file:line: what" for every wall-clock read in the given text. */
const wallClockReads = (file: string, text: string) => findIn(file, text, WALL_CLOCK);

describe("the wall clock", () => {
  it("is read nowhere in src/ (the clock comes from bin/chibo.mjs through deps, parameters or conversation.external)", () => {
    const files = sourceFiles(path.join(root, "src")).filter((file) => !EXEMPT.some((dir) => path.relative(root, file).startsWith(dir)));
    expect(files.length).toBeGreaterThan(100);
    const reads = files.flatMap((file) => wallClockReads(path.relative(root, file), readFileSync(file, "utf8")));
    expect(reads).toEqual([]);
  });

  it("is read by the composition root and handed to the CLI", () => {
    const bin = readFileSync(path.join(root, "bin", "chibo.mjs"), "utf8");
    expect(wallClockReads("bin/chibo.mjs", bin)).toEqual([expect.stringMatching(/^bin\/chibo\.mjs:\d+: new Date\(\) without an argument$/)]);
  });

  it.each([
    ["const now = Date.now();", 1],
    ["const at = new Date();", 1],
    ["const at = new Date( );", 1],
    ["const text = Date();", 1],
    ["const now = new Date(await conversation.now());", 1],
    ["const started = performance.now();", 0],
    ["const at = new Date(now.getTime() + 1000);", 0],
    ["const at = new Date(row.createdAt);", 0],
    ["// Date.now() is not used here", 0],
    [" * new Date() in a doc comment", 0],
    ['const url = "https://example.org"; const t = Date.now();', 1],
    ["const later = outer.deps.now();", 0],
  ])("finds the wall clock in %j (%i)", (line, count) => {
    expect(wallClockReads("x.ts", line)).toHaveLength(count);
  });
});
