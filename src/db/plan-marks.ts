// Plan marks: what a tick has handled (a reminder time, an offer, a day's nudge), so
// later ticks skip it cheaply. Two ticks at once may mark the same item: the second
// insert is ignored.
import type { Db } from "./client.js";
import { Prisma } from "../generated/prisma/client.js";

export async function markHandled(db: Db, marks: { key: string; outcome: string }[]) {
  if (marks.length === 0) return;
  const rows = marks.map((m) => Prisma.sql`(${m.key}, ${m.outcome})`);
  await db.$executeRaw`INSERT INTO "PlanMark" ("key", "outcome") VALUES ${Prisma.join(rows)} ON CONFLICT ("key") DO NOTHING`;
}

export async function handledKeys(db: Db, keys: string[]): Promise<Set<string>> {
  const handled = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    for (const mark of await db.planMark.findMany({ where: { key: { in: keys.slice(i, i + 500) } }, select: { key: true } })) handled.add(mark.key);
  }
  return handled;
}
