// Makes a migration for both databases after prisma/schema.prisma changed:
//   npm run db:migration -- <name>
// It derives the PostgreSQL schema, diffs each provider's schema against the snapshot
// kept beside its migrations (what the migrations so far produce), writes
// <timestamp>_<name>/migration.sql, and updates the snapshot. The Prisma CLI's own
// `migrate dev` needs a live shadow database and is unreliable offline; this is not.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name_in_snake_case>");
  process.exit(2);
}
execFileSync(process.execPath, [path.join(root, "scripts", "derive-postgres-schema.mjs")], { stdio: "inherit" });

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const providers = [
  { schema: "prisma/schema.prisma", folder: "prisma/migrations", config: "prisma.config.ts" },
  { schema: "prisma/postgres/schema.prisma", folder: "prisma/postgres/migrations", config: "prisma.postgres.config.ts" },
];
for (const { schema, folder, config } of providers) {
  const snapshot = path.join(root, folder, "schema-snapshot.prisma");
  const from = existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
  const sql = execFileSync(
    path.join(root, "node_modules", ".bin", "prisma"),
    ["migrate", "diff", "--config", config, ...from, "--to-schema-datamodel", schema, "--script"],
    { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  if (/^-- This is an empty migration\.\s*$/.test(sql.trim()) || sql.trim() === "") {
    console.log(`${folder}: no change`);
    continue;
  }
  const target = path.join(root, folder, `${stamp}_${name}`);
  mkdirSync(target, { recursive: true });
  writeFileSync(path.join(target, "migration.sql"), sql);
  copyFileSync(path.join(root, schema), snapshot);
  console.log(`wrote ${path.relative(root, target)}/migration.sql`);
}
