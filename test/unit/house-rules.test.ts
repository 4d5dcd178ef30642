// The house rules of ARCHITECTURE.md that a reader cannot be trusted to keep by eye:
// bot handlers do not touch the database, one module writes the outbox, db/ stands
// below everything, and a feature imports only its own files and the shared core.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findIn, readSource, repoPath, root, sourceFiles } from "../helpers/source-scan.js";

const SRC = path.join(root, "src");
const sources = sourceFiles(SRC).filter((file) => !repoPath(file).startsWith("src/generated/"));

/** A Prisma statement on a client or transaction: `db.meeting.findMany(`, `tx.$executeRaw`, `ctx.deps.db.$transaction`. */
const DATABASE_STATEMENT = [
  { name: "a Prisma statement", pattern: /\b(?:db|tx|client|prisma)\s*\.\s*(?:\$\w+|[a-z]\w*\s*\.\s*[a-zA-Z]+\s*\()/ },
  { name: "raw SQL", pattern: /\bPrisma\.(?:sql|raw)\b/ },
];

/** Statements that change OutboxMessage rows, through Prisma or in SQL. */
const OUTBOX_WRITE = [
  { name: "an outbox write", pattern: /\boutboxMessage\s*\.\s*(?:create|createMany|update|updateMany|upsert|delete|deleteMany)\b/ },
  { name: "an outbox write in SQL", pattern: /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"OutboxMessage"/i },
];

/** Relative import specifiers of a file, resolved to repo paths. */
function importsOf(file: string): string[] {
  const specifiers = [...readSource(file).matchAll(/\bfrom\s+["'](\.{1,2}\/[^"']+)["']|\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)];
  return specifiers.map((m) => repoPath(path.resolve(path.dirname(file), m[1] ?? m[2])));
}

const featureOf = (repoFile: string) => /^src\/features\/([^/]+)\//.exec(repoFile)?.[1];

describe("rule 2: bot handlers do not touch the database", () => {
  const handlers = sources.filter((file) => /^src\/features\/[^/]+\/(?:[\w-]+-)?bot\.ts$/.test(repoPath(file)));

  it("holds for every feature's bot.ts (and <topic>-bot.ts)", () => {
    expect(handlers.length).toBeGreaterThanOrEqual(9);
    expect(handlers.flatMap((file) => findIn(repoPath(file), readSource(file), DATABASE_STATEMENT))).toEqual([]);
  });

  it.each([
    ["const rows = await ctx.deps.db.meeting.findMany({ where });", 1],
    ["await db.$transaction(async (tx) => {", 1],
    ["await tx.auditLog.create({ data });", 1],
    ["const n = await db . person . count ( );", 1],
    ["const q = Prisma.sql`SELECT 1`;", 1],
    ["const meeting = await loadMeeting(ctx.deps.db, id);", 0],
    ["await openAttendance(ctx.deps.db, { meetingId }, ctx.deps.now());", 0],
    ["// db.meeting.findMany() is what this used to do", 0],
  ])("finds a database statement in %j (%i)", (line, count) => {
    expect(findIn("x.ts", line, DATABASE_STATEMENT)).toHaveLength(count);
  });
});

describe("rule 3: one owner for SQL", () => {
  it("every statement that writes OutboxMessage is in src/delivery/outbox-store.ts", () => {
    const writes = sources.flatMap((file) => findIn(repoPath(file), readSource(file), OUTBOX_WRITE));
    expect(writes.length).toBeGreaterThan(5);
    expect(writes.filter((hit) => !hit.startsWith("src/delivery/outbox-store.ts:"))).toEqual([]);
  });

  it.each([
    ["await tx.outboxMessage.updateMany({ where, data });", 1],
    ['await db.$executeRaw`UPDATE "OutboxMessage" SET "status" = \'dropped\'`;', 1],
    ['INSERT INTO "OutboxMessage" ("key")', 1],
    ["const n = await db.outboxMessage.count({ where });", 0],
    ['SELECT "id" FROM "OutboxMessage"', 0],
  ])("finds an outbox write in %j (%i)", (line, count) => {
    expect(findIn("x.ts", line, OUTBOX_WRITE)).toHaveLength(count);
  });

  it("src/db/ imports nothing above it (delivery, bot, features, org)", () => {
    const upward = sources
      .filter((file) => repoPath(file).startsWith("src/db/"))
      .flatMap((file) => importsOf(file).filter((target) => /^src\/(delivery|bot|features|org|cli|server|jobs)\//.test(target)).map((target) => `${repoPath(file)} → ${target}`));
    expect(upward).toEqual([]);
  });
});

describe("a feature imports only its own files and the shared core", () => {
  it("no feature reaches into another feature's folder", () => {
    const crossings = sources.flatMap((file) => {
      const own = featureOf(repoPath(file));
      if (own === undefined) return [];
      return importsOf(file)
        .filter((target) => {
          const other = featureOf(target);
          return other !== undefined && other !== own;
        })
        .map((target) => `${repoPath(file)} → ${target}`);
    });
    expect(crossings).toEqual([]);
  });

  it("the shared core (org, lib, db, domain, delivery) imports no feature", () => {
    const core = /^src\/(org|lib|db|domain|delivery)\//;
    const upward = sources
      .filter((file) => core.test(repoPath(file)))
      .flatMap((file) => importsOf(file).filter((target) => target.startsWith("src/features/")).map((target) => `${repoPath(file)} → ${target}`));
    expect(upward).toEqual([]);
  });
});
