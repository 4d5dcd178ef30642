// Derives prisma/postgres/schema.prisma from the SQLite source prisma/schema.prisma.
// Run with --check to fail (exit 1) when the committed file has drifted.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.join(root, "prisma", "schema.prisma");
const target = path.join(root, "prisma", "postgres", "schema.prisma");

export function derivePostgresSchema(text) {
  const derived = text
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://localhost:5432/chibo"')
    .replace(/output\s*=\s*"\.\.\/src\/generated\/prisma"/, 'output     = "../../src/generated/prisma-postgres"');
  const header =
    "// GENERATED from prisma/schema.prisma by scripts/derive-postgres-schema.mjs: do not edit.\n";
  return header + derived;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const wanted = derivePostgresSchema(readFileSync(source, "utf8"));
  if (process.argv.includes("--check")) {
    const current = readFileSync(target, "utf8");
    if (current !== wanted) {
      console.error("prisma/postgres/schema.prisma has drifted: run npm run db:derive");
      process.exit(1);
    }
  } else {
    writeFileSync(target, wanted);
    console.log("wrote prisma/postgres/schema.prisma");
  }
}
