// The settings in force for an organisation (its own, inherited down the tree from the
// defaults of domain/settings.ts), and what follows from them for everyone's messages.
import type { Db } from "../db/client.js";
import { Prisma } from "../generated/prisma/client.js";
import { idList } from "../db/sql.js";
import { idsOnPath } from "../domain/tree.js";
import { settingsAlongPaths, type OrgSettings } from "../domain/settings.js";
import { nextAllowed } from "../domain/quiet.js";

export async function settingsFor(db: Db, orgPath: string): Promise<OrgSettings> {
  return (await settingsOfPaths(db, [orgPath])).get(orgPath)!;
}

/**
 * When a message that someone's action causes for someone else may leave: now, or the
 * end of the organisation's quiet hours when it is night there. Nobody's phone rings at
 * night because a secretary works late.
 */
export async function sendableFrom(db: Db, org: { path: string; timezone: string }, now: Date): Promise<Date> {
  return nextAllowed(now, org.timezone, (await settingsFor(db, org.path)).quietHours);
}

/**
 * The settings in force for many organisations (by path) in one query for every
 * ancestor involved. Those whose chains hold the same settings share one object, which
 * planners use as a memo key.
 */
export async function settingsOfPaths(db: Db, paths: string[]): Promise<Map<string, OrgSettings>> {
  const ids = [...new Set(paths.flatMap(idsOnPath))];
  const rows =
    ids.length === 0 ? [] : await db.$queryRaw<{ id: number; settings: string }[]>(Prisma.sql`SELECT "id", "settings" FROM "Org" WHERE "id" IN ${idList(db, ids)}`);
  const settingsAt = settingsAlongPaths(new Map(rows.map((o) => [o.id, o.settings])));
  return new Map(paths.map((path) => [path, settingsAt(path)]));
}
