// Reading the project's own source for the guard tests (test/unit/*-guard.test.ts,
// test/unit/house-rules.test.ts): file lists and lines with their comments left out.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Every source file under `dir` (absolute), depth first. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|mts|js|mjs)$/.test(entry.name) ? [full] : [];
  });
}

/** The line without its comment: `//` at the start or after a space (not in "https://"), and doc-comment lines. */
export function codeOf(line: string): string {
  if (/^\s*(\*|\/\*)/.test(line)) return "";
  return line.replace(/(^|\s)\/\/.*$/, "$1");
}

/** "file:line: name" for every line of `text` whose code matches one of the rules. */
export function findIn(file: string, text: string, rules: { name: string; pattern: RegExp }[]): string[] {
  const found: string[] = [];
  text.split("\n").forEach((line, index) => {
    const code = codeOf(line);
    for (const rule of rules) {
      if (rule.pattern.test(code)) found.push(`${file}:${index + 1}: ${rule.name}`);
    }
  });
  return found;
}

/** The repo-relative path of a file, with forward slashes. */
export function repoPath(file: string): string {
  return path.relative(root, file).split(path.sep).join("/");
}

export const readSource = (file: string) => readFileSync(file, "utf8");
