// Seeding shared by the benchmarks: a province's tree of communes and cells, one linked
// person per member, official memberships, and evening meeting times. Seeding is never
// part of a measurement, but at 90,000 members it must still be quick, so it writes
// with createMany in chunks and chooses the ids itself: every materialised path
// ("/1/<commune>/<cell>/") is then known before the insert, with no read-back.
import type { Db } from "../src/db/client.js";
import { dialectOf } from "../src/db/dialect.js";
import { childPath } from "../src/domain/tree.js";
import { toUtc } from "../src/domain/zoned.js";

export const TIME_ZONE = "Asia/Ho_Chi_Minh";

/** Rows per createMany: below SQLite's bound-variable limit (32,766) for every model here. */
const CHUNK = 2_000;

export interface SeededCell {
  id: number;
  path: string;
  /** Members in id order; the first is the cell's secretary. */
  memberIds: number[];
}

export interface Province {
  provinceId: number;
  cells: SeededCell[];
  persons: number;
}

/** The Telegram account (user id = private chat id) linked to a seeded person. */
export function telegramIdOf(personId: number): number {
  return 800_000_000 + personId;
}

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/**
 * PostgreSQL sequences do not move when ids are given explicitly: set them past the
 * seeded ids so rows the code under test creates later do not collide.
 * (SQLite's AUTOINCREMENT already continues after the largest id.)
 */
async function advanceSequences(db: Db, tables: string[]): Promise<void> {
  if (dialectOf(db).provider !== "postgresql") return;
  for (const table of tables) {
    await db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT MAX("id") FROM "${table}"))`);
  }
}

/**
 * PostgreSQL plans from table statistics, which its autovacuum gathers soon after a bulk
 * load and keeps current in service. Right after seeding there are none yet, and the
 * planner would guess (e.g. scan 90,000 memberships for one cell): gather them now, as
 * a database in service would have them. (SQLite keeps no statistics unless asked,
 * and chibo never asks: it is measured as it runs.)
 */
async function analyze(db: Db): Promise<void> {
  if (dialectOf(db).provider === "postgresql") await db.$executeRawUnsafe("ANALYZE");
}

/**
 * One province → communes (cellsPerCommune cells each) → cells, every cell with
 * membersPerCell official members whose Telegram account is linked (telegramUserId and
 * telegramChatId set); the first member of each cell is its secretary, so summaries
 * and document warnings have a recipient as they would in a real cell.
 * Expects an empty database.
 */
export async function seedProvince(
  db: Db,
  options: { cells: number; membersPerCell: number; cellsPerCommune?: number; timeZone?: string },
): Promise<Province> {
  const { cells: cellCount, membersPerCell } = options;
  const perCommune = options.cellsPerCommune ?? 30;
  const timezone = options.timeZone ?? TIME_ZONE;
  const communeCount = Math.ceil(cellCount / perCommune);

  const provinceId = 1;
  const provincePath = childPath(undefined, provinceId);
  const orgs: { id: number; code: string; name: string; kind: string; parentId: number | null; path: string; timezone: string }[] = [
    { id: provinceId, code: "P1", name: "Tỉnh ủy Bench", kind: "province", parentId: null, path: provincePath, timezone },
  ];
  const communePaths = new Map<number, string>();
  for (let c = 0; c < communeCount; c++) {
    const id = 2 + c;
    const path = childPath(provincePath, id);
    communePaths.set(id, path);
    orgs.push({ id, code: `X${c + 1}`, name: `Đảng ủy xã ${c + 1}`, kind: "commune", parentId: provinceId, path, timezone });
  }
  const cells: SeededCell[] = [];
  const firstCellId = 2 + communeCount;
  for (let i = 0; i < cellCount; i++) {
    const id = firstCellId + i;
    const parentId = 2 + Math.floor(i / perCommune);
    const path = childPath(communePaths.get(parentId), id);
    orgs.push({ id, code: `C${i + 1}`, name: `Chi bộ ${i + 1}`, kind: "cell", parentId, path, timezone });
    const memberIds = Array.from({ length: membersPerCell }, (_, m) => i * membersPerCell + m + 1);
    cells.push({ id, path, memberIds });
  }
  await inChunks(orgs, (data) => db.org.createMany({ data }));

  const linkedAt = new Date();
  const persons = cells.flatMap((cell) =>
    cell.memberIds.map((id) => ({
      id,
      fullName: `Đảng viên ${id}`,
      // +84 9x xxx xxxx: a valid Vietnamese mobile number, unique per person.
      phone: `+849${String(id).padStart(8, "0")}`,
      telegramUserId: String(telegramIdOf(id)),
      telegramChatId: String(telegramIdOf(id)),
      linkedAt,
    })),
  );
  await inChunks(persons, (data) => db.person.createMany({ data }));

  const memberships = cells.flatMap((cell) =>
    cell.memberIds.map((personId, m) => ({ orgId: cell.id, personId, status: "official", role: m === 0 ? "secretary" : "member" })),
  );
  await inChunks(memberships, (data) => db.membership.createMany({ data }));
  await advanceSequences(db, ["Org", "Person"]);
  await analyze(db);
  return { provinceId, cells, persons: persons.length };
}

/**
 * `count` evening start times spread evenly over the days of a month, at the given
 * local time: with 3,000 meetings in a 30-day month, 100 cells meet each evening.
 */
export function eveningsOfMonth(
  count: number,
  month: { year: number; month: number; days: number },
  at: { hour: number; minute: number } = { hour: 19, minute: 30 },
  timeZone = TIME_ZONE,
): Date[] {
  const starts = month.days === 0 ? [] : Array.from({ length: month.days }, (_, d) => toUtc({ year: month.year, month: month.month, day: d + 1, ...at }, timeZone));
  return Array.from({ length: count }, (_, i) => starts[Math.floor((i * month.days) / count)]!);
}
