// Roster import: validate both files against what the database holds, then upsert
// organisations by code and people by phone, and bring the memberships in line with
// the office's list, in one transaction, or write nothing.
//
// Memberships follow src/domain/membership.ts: a row of the file that changes someone's
// place ends their current period at the import's instant (options.now) and starts the
// next one then; nothing is deleted.
// - A row naming another cell than the person's current home cell moves them: the old
//   home period ends "moved" (an attachment in force ends with it, "attachment_over"),
//   a new home period starts in the row's cell with the row's status and role.
// - The same cell (or organisation) with another status or role: the period ends
//   ("status", or "role" when only the role changed) and the next one starts.
// - A membership the database does not have is started: at the import's instant, or
//   with no start (in force since before chibo kept history) when its organisation
//   had no membership at all, as on a cell's first import.
// - With `sync`, current home periods in the cells the members file names whose
//   person the file no longer lists there (and did not move elsewhere) end "left";
//   without it they are kept and only counted.
// The plan is made once from what the database holds (planMemberships) and then
// either reported (dry run) or written set-based, in chunks.
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../db/client.js";
import { collectGarbage } from "../../lib/memory.js";
import { audit } from "../../db/audit.js";
import { dialectOf } from "../../db/dialect.js";
import { CURRENT, currentSql } from "../../db/memberships.js";
import { CELL_KIND } from "../../domain/access.js";
import { NOT_IN_FORCE_STATUS, type EndReason } from "../../domain/membership.js";
import { childPath, parentsFirst } from "../../domain/tree.js";
import { readRosterFiles, type RowProblem } from "./files/csv.js";
import type { MemberRow, OrgRow } from "./schema.js";

export interface Tally {
  created: number;
  updated: number;
  unchanged: number;
}

/** Someone the file moves to another home cell. */
export interface MoveLine {
  fullName: string;
  phone: string;
  from: string;
  to: string;
}

/** A home period in a named cell that the file no longer lists. */
export interface UnlistedLine {
  fullName: string;
  phone: string;
  org: string;
}

export interface ImportSummary {
  problems: RowProblem[];
  dryRun: boolean;
  sync: boolean;
  orgs: Tally;
  /** People are never ended here: a person who left a cell stays a person. */
  people: Tally;
  /** Rows of the members file: created, updated (a move, a status or role change), unchanged. */
  memberships: Tally;
  /** Moves to another home cell, in file order. */
  moves: MoveLine[];
  /**
   * Home periods in the file's cells whose person it no longer lists: ended "left"
   * with `sync`, kept (and only listed) without it.
   */
  unlisted: UnlistedLine[];
}

export interface ImportOptions {
  /** The injected clock's instant: when the import happened. */
  now: Date;
  dryRun?: boolean;
  /** End the home periods the file no longer lists in its cells ("left"). */
  sync?: boolean;
  actor?: string;
  /** Called on large files: stage is "validated", "people" or "memberships". */
  progress?: (stage: ImportStage, done: number, total: number) => void;
}

export type ImportStage = "validated" | "people" | "memberships";
type Progress = NonNullable<ImportOptions["progress"]>;

const emptyTally = (): Tally => ({ created: 0, updated: 0, unchanged: 0 });
/** Values in an `in` list: under the 999 bound values SQLite takes through Prisma. */
const IN_CHUNK = 900;
/** Rows per insert: each insert binds its rows as one JSON parameter. */
const WRITE_CHUNK = 5000;
/** Keys per lookup, bound as one JSON parameter. */
const LOOKUP_CHUNK = 2_500;
/** Large files get a progress line every this many rows (a multiple of WRITE_CHUNK). */
const PROGRESS_EVERY = 5000;

/** One number for an (organisation, person) pair: Map keys without a string per row. */
const pairKey = (orgId: number, personId: number) => orgId * 2 ** 26 + personId;
const NO_PERIODS: readonly CurrentPeriod[] = [];

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type Column = [name: string, type: "text" | "integer" | "boolean"];

/**
 * Rows bound as one JSON parameter and read back as a table `r` with these columns:
 * thousands of rows per statement, whatever the bound-value limit, with none of the
 * per-row cost of Prisma's createMany. (json_each on SQLite, json_to_recordset on
 * PostgreSQL: the dialect says which.)
 */
function jsonRows(db: Db, rows: unknown[], columns: Column[]): Prisma.Sql {
  const json = JSON.stringify(rows);
  if (dialectOf(db).provider === "sqlite") {
    const picks = columns.map(([name]) => `json_extract(value, '$.${name}') AS "${name}"`).join(", ");
    return Prisma.sql`(SELECT ${Prisma.raw(picks)} FROM json_each(${json})) r`;
  }
  const types = columns.map(([name, type]) => `"${name}" ${type}`).join(", ");
  return Prisma.sql`json_to_recordset(${json}::json) AS r(${Prisma.raw(types)})`;
}

/** A list of texts as a one-column table `k` ("value"), bound as one JSON parameter. */
function textList(db: Db, values: string[]): Prisma.Sql {
  return jsonRows(db, values.map((value) => ({ value })), [["value", "text"]]);
}

type ExistingOrg = { id: number; code: string; name: string; kind: string; parentId: number | null; path: string };
type KnownPerson = { id: number; fullName: string };

// Memory: a province's roster is 100,000 rows, and each phase (parsing, each lookup,
// each insert) leaves tens of megabytes behind; the import collects between phases and
// every few chunks of rows (lib/memory.ts). bench/import.ts measures it.
const collect = collectGarbage;
/** Collects after every `every`-th call: inside loops over a province's rows. */
function collectEvery(every: number): () => void {
  let calls = 0;
  return () => {
    if (++calls % every === 0) collect();
  };
}

export async function importRoster(db: Db, orgsFile: string, membersFile: string, options: ImportOptions): Promise<ImportSummary> {
  const progress = options.progress ?? (() => undefined);
  const existingOrgs = await loadOrgs(db);
  const codeOfId = new Map(existingOrgs.map((o) => [o.id, o.code]));
  const files = await readRosterFiles(
    orgsFile,
    membersFile,
    { orgs: existingOrgs.map((o) => ({ code: o.code, parentCode: o.parentId ? codeOfId.get(o.parentId) : undefined, kind: o.kind })) },
    (done, total) => {
      if (done % 10_000 === 0) collect();
      progress("validated", done, total);
    },
  );
  const summary: ImportSummary = {
    problems: files.problems,
    dryRun: options.dryRun ?? false,
    sync: options.sync ?? false,
    orgs: emptyTally(),
    people: emptyTally(),
    memberships: emptyTally(),
    moves: [],
    unlisted: [],
  };
  if (files.problems.length > 0) return summary;
  const orgRows = files.orgs.map((o) => o.row);
  const memberRows = files.members.map((m) => m.row);
  files.members.length = 0;

  const prepare = async (client: Db) => {
    collect();
    const orgs = client === db ? existingOrgs : await loadOrgs(client);
    const people = await loadPeople(client, memberRows);
    collect();
    const state = await loadMemberships(client, memberRows, orgs, orgRows, people);
    collect();
    const plan = planMemberships(memberRows, orgRows, orgs, people, state, options.now);
    collect();
    countOrgsAndPeople(summary, orgRows, memberRows, orgs, people);
    summary.memberships = plan.tally;
    summary.moves = plan.moves;
    summary.unlisted = await nameUnlisted(client, plan.unlisted, people, memberRows);
    return { orgs, people, plan };
  };
  if (summary.dryRun) {
    await prepare(db);
    return summary;
  }
  await db.$transaction(
    async (client) => {
      const tx = client as Db;
      const { orgs, people, plan } = await prepare(tx);
      const by = { actor: options.actor ?? "cli", now: options.now };
      const orgIds = await writeOrgs(tx, orgRows, orgs, by.now);
      const personIds = await writePeople(tx, memberRows, people, by.now, progress);
      collect();
      await writeMemberships(tx, plan, orgIds, personIds, summary.sync, by, progress);
      await audit(
        tx,
        {
          actor: by.actor,
          action: "roster.import",
          detail: { orgs: summary.orgs, people: summary.people, memberships: summary.memberships, moved: summary.moves.length, sync: summary.sync, left: summary.sync ? summary.unlisted.length : 0, unlistedKept: summary.sync ? 0 : summary.unlisted.length },
        },
        by.now,
      );
    },
    { timeout: 15 * 60_000, maxWait: 60_000 },
  );
  return summary;
}

function loadOrgs(db: Db): Promise<ExistingOrg[]> {
  return db.org.findMany({ select: { id: true, code: true, name: true, kind: true, parentId: true, path: true } });
}

/** The people of the file the database knows, by phone. */
async function loadPeople(db: Db, rows: MemberRow[]): Promise<Map<string, KnownPerson>> {
  const phones = [...new Set(rows.map((m) => m.phone))];
  const people = new Map<string, KnownPerson>();
  const breathe = collectEvery(5);
  for (const part of chunks(phones, LOOKUP_CHUNK)) {
    breathe();
    const found = await db.$queryRaw<{ id: number; phone: string; fullName: string }[]>`
      SELECT p."id", p."phone", p."fullName" FROM "Person" p WHERE p."phone" IN (SELECT r."value" FROM ${textList(db, part)})`;
    for (const p of found) people.set(p.phone, { id: Number(p.id), fullName: p.fullName });
  }
  return people;
}

function countOrgsAndPeople(summary: ImportSummary, orgRows: OrgRow[], memberRows: MemberRow[], existingOrgs: ExistingOrg[], people: Map<string, KnownPerson>) {
  summary.orgs = emptyTally();
  summary.people = emptyTally();
  const byCode = new Map(existingOrgs.map((o) => [o.code, o]));
  const codeOfId = new Map(existingOrgs.map((o) => [o.id, o.code]));
  for (const row of orgRows) {
    const current = byCode.get(row.code);
    if (!current) summary.orgs.created++;
    else if (current.name !== row.name || current.kind !== row.kind || (current.parentId ? codeOfId.get(current.parentId) : undefined) !== row.parent_code)
      summary.orgs.updated++;
    else summary.orgs.unchanged++;
  }
  const seen = new Set<string>();
  for (const row of memberRows) {
    if (seen.has(row.phone)) continue;
    seen.add(row.phone);
    const current = people.get(row.phone);
    if (!current) summary.people.created++;
    else if (current.fullName !== row.full_name) summary.people.updated++;
    else summary.people.unchanged++;
  }
}

/** A current period as the plan needs it. */
interface CurrentPeriod {
  id: number;
  orgId: number;
  personId: number;
  status: string;
  role: string;
  kind: string;
  note: string | null;
  noticeOptIn: boolean;
}

interface MembershipState {
  /** Current periods in the organisations the members file names, and every current period of the file's people who have a cell row but no home found there. */
  periods: CurrentPeriod[];
  /** Organisations (of the file) that have had any membership, ended or not. */
  orgsWithHistory: Set<number>;
}

async function loadMemberships(db: Db, rows: MemberRow[], orgs: ExistingOrg[], orgRows: OrgRow[], people: Map<string, KnownPerson>): Promise<MembershipState> {
  const idOfCode = new Map(orgs.map((o) => [o.code, o.id]));
  const kindOfId = kindsAfterImport(orgs, orgRows);
  const fileOrgIds = [...new Set(rows.map((r) => idOfCode.get(r.org_code)).filter((id): id is number => id !== undefined))];
  const periods: CurrentPeriod[] = [];
  const orgsWithHistory = new Set<number>();
  const dialect = dialectOf(db);
  // Up to ~7,500 periods a query: one query for a province's would hold them twice over.
  for (const part of chunks(fileOrgIds, 250)) {
    collect();
    periods.push(...(await currentPeriods(db, Prisma.sql`m."orgId" IN ${dialect.idList(part)}`)));
    const had = await db.$queryRaw<{ orgId: number }[]>`SELECT DISTINCT m."orgId" FROM "Membership" m WHERE m."orgId" IN ${dialect.idList(part)}`;
    for (const h of had) orgsWithHistory.add(Number(h.orgId));
  }
  // People with a cell row whose home was not found in the file's organisations: they
  // may be moving in from a cell the file does not name.
  const housed = new Set(periods.filter((p) => p.kind === "home" && kindOfId.get(p.orgId) === CELL_KIND).map((p) => p.personId));
  const kindOfCode = new Map(orgs.map((o) => [o.code, o.kind]));
  for (const r of orgRows) kindOfCode.set(r.code, r.kind);
  const seekers = new Set<number>();
  for (const row of rows) {
    const person = people.get(row.phone);
    if (person && kindOfCode.get(row.org_code) === CELL_KIND && !housed.has(person.id)) seekers.add(person.id);
  }
  const fileOrgs = new Set(fileOrgIds);
  for (const part of chunks([...seekers], LOOKUP_CHUNK)) {
    const found = await currentPeriods(db, Prisma.sql`m."personId" IN ${dialect.idList(part)}`);
    periods.push(...found.filter((p) => !fileOrgs.has(p.orgId)));
  }
  return { periods, orgsWithHistory };
}

/** Current periods matching `where` (over Membership m), as plain rows. */
async function currentPeriods(db: Db, where: Prisma.Sql): Promise<CurrentPeriod[]> {
  const rows = await db.$queryRaw<CurrentPeriod[]>`
    SELECT m."id", m."orgId", m."personId", m."status", m."role", m."kind", m."note", m."noticeOptIn"
    FROM "Membership" m WHERE ${where} AND ${currentSql("m")}`;
  // SQLite hands booleans back as 0/1 and, in raw SQL, may hand integers as bigint.
  for (const m of rows) {
    m.id = Number(m.id);
    m.orgId = Number(m.orgId);
    m.personId = Number(m.personId);
    m.noticeOptIn = Boolean(m.noticeOptIn);
  }
  return rows;
}

/** Each existing organisation's kind once the file's rows apply. */
function kindsAfterImport(orgs: ExistingOrg[], orgRows: OrgRow[]): Map<number, string> {
  const fileKind = new Map(orgRows.map((r) => [r.code, r.kind]));
  return new Map(orgs.map((o) => [o.id, fileKind.get(o.code) ?? o.kind]));
}

/** A period to start; the organisation and person by code and phone (new ones have no id yet). */
interface NewPeriod {
  orgCode: string;
  phone: string;
  status: string;
  role: string;
  kind: string;
  startedOn: Date | null;
  note: string | null;
  noticeOptIn: boolean;
}

interface Plan {
  tally: Tally;
  moves: MoveLine[];
  /** Home periods the file no longer lists in its cells: ended "left" with sync. */
  unlisted: { period: CurrentPeriod; orgCode: string }[];
  /** Periods to end, by reason. */
  end: Map<EndReason, number[]>;
  /** People whose attachments in force end ("attachment_over"): moved, or back home. */
  attachmentsOver: Set<number>;
  start: NewPeriod[];
  /** People who became official from probation: officialOn is set to the import's day. */
  madeOfficial: Set<number>;
  audits: { action: string; detail: unknown }[];
}

function planMemberships(
  rows: MemberRow[],
  orgRows: OrgRow[],
  orgs: ExistingOrg[],
  people: Map<string, KnownPerson>,
  state: MembershipState,
  now: Date,
): Plan {
  const plan: Plan = { tally: emptyTally(), moves: [], unlisted: [], end: new Map(), attachmentsOver: new Set(), start: [], madeOfficial: new Set(), audits: [] };
  const ending = (reason: EndReason, id: number) => {
    const list = plan.end.get(reason) ?? [];
    list.push(id);
    plan.end.set(reason, list);
  };
  const idOfCode = new Map(orgs.map((o) => [o.code, o.id]));
  const codeOfId = new Map(orgs.map((o) => [o.id, o.code]));
  const kindOfId = kindsAfterImport(orgs, orgRows);
  const kindOfCode = new Map(orgs.map((o) => [o.code, o.kind]));
  for (const r of orgRows) kindOfCode.set(r.code, r.kind);
  const isCell = (orgId: number) => kindOfId.get(orgId) === CELL_KIND;

  // Current homes in cells by person; other current periods by organisation and person.
  const homesOf = new Map<number, CurrentPeriod[]>();
  const periodAt = new Map<number, CurrentPeriod>();
  for (const p of state.periods) {
    if (p.kind === "home" && isCell(p.orgId)) {
      const list = homesOf.get(p.personId) ?? [];
      list.push(p);
      homesOf.set(p.personId, list);
    }
    const key = pairKey(p.orgId, p.personId);
    const seen = periodAt.get(key);
    if (!seen || (seen.kind !== "home" && p.kind === "home")) periodAt.set(key, p);
  }
  const startOf = (orgCode: string): Date | null => {
    const orgId = idOfCode.get(orgCode);
    return orgId !== undefined && state.orgsWithHistory.has(orgId) ? now : null;
  };
  /** The same place with the row's status and role: unchanged, or the next period. */
  const compare = (row: MemberRow, period: CurrentPeriod) => {
    if (period.status === row.status && period.role === row.role) {
      plan.tally.unchanged++;
      return;
    }
    const statusChanged = period.status !== row.status;
    ending(statusChanged ? "status" : "role", period.id);
    plan.start.push({
      orgCode: row.org_code,
      phone: row.phone,
      status: row.status,
      role: row.role,
      kind: period.kind,
      startedOn: now,
      note: statusChanged ? null : period.note,
      noticeOptIn: statusChanged ? row.status === "exempt" && period.noticeOptIn : period.noticeOptIn,
    });
    if (statusChanged) {
      if (period.status === NOT_IN_FORCE_STATUS) plan.attachmentsOver.add(period.personId);
      if (period.status === "probationary" && row.status === "official") plan.madeOfficial.add(period.personId);
      plan.audits.push({ action: "membership.status", detail: { org: row.org_code, phone: row.phone, from: period.status, to: row.status, on: now } });
    }
    if (period.role !== row.role) {
      plan.audits.push({ action: "membership.role", detail: { org: row.org_code, phone: row.phone, from: period.role, to: row.role } });
    }
    plan.tally.updated++;
  };
  const fresh = (row: MemberRow, startedOn: Date | null): NewPeriod => ({
    orgCode: row.org_code,
    phone: row.phone,
    status: row.status,
    role: row.role,
    kind: "home",
    startedOn,
    note: null,
    noticeOptIn: false,
  });

  const inSomeCell = new Set<string>();
  const breathe = collectEvery(25_000);
  for (const row of rows) {
    breathe();
    const person = people.get(row.phone);
    const orgId = idOfCode.get(row.org_code);
    if (kindOfCode.get(row.org_code) !== CELL_KIND) {
      const period = person && orgId !== undefined ? periodAt.get(pairKey(orgId, person.id)) : undefined;
      if (period) compare(row, period);
      else {
        plan.start.push(fresh(row, startOf(row.org_code)));
        plan.tally.created++;
      }
      continue;
    }
    inSomeCell.add(row.phone);
    const homes = person ? (homesOf.get(person.id) ?? NO_PERIODS) : NO_PERIODS;
    const here = homes.find((h) => h.orgId === orgId);
    // Nearly everyone has one home, here: no array per row for the others.
    const elsewhere = here && homes.length === 1 ? NO_PERIODS : homes.filter((h) => h.orgId !== orgId);
    if (here) {
      // A second home elsewhere (from before one home was the rule) ends as a move here.
      for (const h of elsewhere) ending("moved", h.id);
      compare(row, here);
    } else if (elsewhere.length > 0) {
      const from = codeOfId.get(elsewhere[0]!.orgId) ?? "?";
      for (const h of elsewhere) ending("moved", h.id);
      plan.attachmentsOver.add(person!.id);
      // An attachment in this very cell ends with the move (it becomes the home).
      const attachedHere = orgId !== undefined ? periodAt.get(pairKey(orgId, person!.id)) : undefined;
      if (attachedHere && attachedHere.kind !== "home") ending("attachment_over", attachedHere.id);
      plan.start.push(fresh(row, now));
      plan.moves.push({ fullName: row.full_name, phone: row.phone, from, to: row.org_code });
      plan.audits.push({ action: "membership.move", detail: { personId: person!.id, phone: row.phone, from, to: row.org_code, on: now } });
      plan.tally.updated++;
    } else {
      plan.start.push(fresh(row, startOf(row.org_code)));
      plan.tally.created++;
    }
  }

  // Home periods in the file's cells that it no longer lists (and whose person it did not place in another cell).
  const cellsOfFile = new Set(rows.filter((r) => kindOfCode.get(r.org_code) === CELL_KIND).map((r) => idOfCode.get(r.org_code)));
  const phoneOfId = new Map<number, string>();
  for (const [phone, p] of people) phoneOfId.set(p.id, phone);
  for (const p of state.periods) {
    if (p.kind !== "home" || !cellsOfFile.has(p.orgId) || !isCell(p.orgId)) continue;
    const phone = phoneOfId.get(p.personId);
    const orgCode = codeOfId.get(p.orgId)!;
    // Listed in a cell of the file: here (kept), or elsewhere (moved above).
    if (phone !== undefined && inSomeCell.has(phone)) continue;
    plan.unlisted.push({ period: p, orgCode });
  }
  return plan;
}

/** The names and phones of the unlisted periods' people (the file does not hold them). */
async function nameUnlisted(db: Db, unlisted: Plan["unlisted"], people: Map<string, KnownPerson>, rows: MemberRow[]): Promise<UnlistedLine[]> {
  if (unlisted.length === 0) return [];
  const known = new Map<number, { fullName: string; phone: string }>();
  const wanted = new Set(unlisted.map((u) => u.period.personId));
  const nameOfPhone = new Map(rows.map((r) => [r.phone, r.full_name]));
  for (const [phone, p] of people) if (wanted.has(p.id)) known.set(p.id, { fullName: nameOfPhone.get(phone) ?? p.fullName, phone });
  const missing = [...new Set(unlisted.map((u) => u.period.personId).filter((id) => !known.has(id)))];
  for (const part of chunks(missing, IN_CHUNK)) {
    for (const p of await db.person.findMany({ where: { id: { in: part } }, select: { id: true, fullName: true, phone: true } })) known.set(p.id, p);
  }
  return unlisted
    .map((u) => {
      const person = known.get(u.period.personId);
      return { fullName: person?.fullName ?? "?", phone: person?.phone ?? "", org: u.orgCode };
    })
    .sort((a, b) => a.org.localeCompare(b.org) || a.fullName.localeCompare(b.fullName, "vi"));
}

/**
 * Creates and updates organisations; returns every code's id. New organisations are
 * written a level of the tree at a time, each level one insert and one statement that
 * sets their paths from their parents'.
 */
async function writeOrgs(tx: Db, rows: OrgRow[], existing: ExistingOrg[], now: Date): Promise<Map<string, number>> {
  const byCode = new Map(existing.map((o) => [o.code, o]));
  const ids = new Map(existing.map((o) => [o.code, o.id]));
  let parentsChanged = false;
  const ordered = parentsFirst(rows.map((r) => ({ ...r, parentCode: r.parent_code })));
  const levels: OrgRow[][] = [];
  const levelOf = new Map<string, number>();
  for (const row of ordered) {
    const current = byCode.get(row.code);
    if (!current) {
      const level = row.parent_code !== undefined && levelOf.has(row.parent_code) ? levelOf.get(row.parent_code)! + 1 : 0;
      levelOf.set(row.code, level);
      (levels[level] ??= []).push(row);
      continue;
    }
    const parentId = row.parent_code ? ids.get(row.parent_code) : null;
    if (parentId === undefined) continue; // a new parent: handled after the new ones exist
    if (current.name !== row.name || current.kind !== row.kind || current.parentId !== parentId) {
      parentsChanged ||= current.parentId !== parentId;
      await tx.org.update({ where: { id: current.id }, data: { name: row.name, kind: row.kind, parentId, updatedAt: now } });
    }
  }
  const at = dialectOf(tx).instant(now);
  for (const level of levels) {
    for (const part of chunks(level, WRITE_CHUNK)) {
      const rows = part.map((row) => ({ c: row.code, n: row.name, k: row.kind, p: row.parent_code ? ids.get(row.parent_code)! : null }));
      const created = await tx.$queryRaw<{ id: number; code: string }[]>`
        INSERT INTO "Org" ("code", "name", "kind", "parentId", "path", "createdAt", "updatedAt")
        SELECT r."c", r."n", r."k", r."p", '', ${at}, ${at} FROM ${jsonRows(tx, rows, [["c", "text"], ["n", "text"], ["k", "text"], ["p", "integer"]])}
        RETURNING "id", "code"`;
      for (const o of created) ids.set(o.code, Number(o.id));
    }
    // Their paths from their parents' (all written by now), in one statement; and their
    // parents' Telegram bot (src/delivery/bot-routes.ts).
    await tx.$executeRaw`
      UPDATE "Org" SET
        "path" = COALESCE((SELECT p."path" FROM "Org" p WHERE p."id" = "Org"."parentId"), '/') || CAST("id" AS TEXT) || '/',
        "bot" = COALESCE((SELECT p."bot" FROM "Org" p WHERE p."id" = "Org"."parentId"), '')
      WHERE "path" = ''`;
  }
  // Existing organisations moved under an organisation created just now.
  for (const row of ordered) {
    const current = byCode.get(row.code);
    if (!current || !row.parent_code || byCode.has(row.parent_code)) continue;
    const parentId = ids.get(row.parent_code)!;
    parentsChanged = true;
    await tx.org.update({ where: { id: current.id }, data: { name: row.name, kind: row.kind, parentId, updatedAt: now } });
  }
  if (parentsChanged) await recomputePaths(tx, now);
  return ids;
}

/** After a move in the tree, every path below the moved organisation changes. */
async function recomputePaths(tx: Db, now: Date) {
  const all = await tx.org.findMany({ select: { id: true, parentId: true, path: true } });
  const byId = new Map(all.map((o) => [o.id, o]));
  const pathOf = (id: number): string => {
    const org = byId.get(id)!;
    return childPath(org.parentId ? pathOf(org.parentId) : undefined, id);
  };
  for (const org of all) {
    const wanted = pathOf(org.id);
    if (wanted !== org.path) await tx.org.update({ where: { id: org.id }, data: { path: wanted, updatedAt: now } });
  }
}

async function writePeople(tx: Db, rows: MemberRow[], existing: Map<string, KnownPerson>, now: Date, progress: Progress): Promise<Map<string, number>> {
  // Plain loops, no array per row: a province's 100,000 rows would leave tens of MB behind.
  const ids = new Map<string, number>();
  for (const [phone, person] of existing) ids.set(phone, person.id);
  const toCreate: { p: string; n: string }[] = [];
  const queued = new Set<string>();
  for (const { phone, full_name: fullName } of rows) {
    const current = existing.get(phone);
    if (!current) {
      if (!queued.has(phone)) toCreate.push({ p: phone, n: fullName });
      queued.add(phone);
    } else if (current.fullName !== fullName) await tx.person.update({ where: { id: current.id }, data: { fullName, updatedAt: now } });
  }
  queued.clear();
  const at = dialectOf(tx).instant(now);
  let written = 0;
  const breathe = collectEvery(10);
  for (const part of chunks(toCreate, WRITE_CHUNK)) {
    breathe();
    const created = await tx.$queryRaw<{ id: number; phone: string }[]>`
      INSERT INTO "Person" ("phone", "fullName", "createdAt", "updatedAt")
      SELECT r."p", r."n", ${at}, ${at} FROM ${jsonRows(tx, part, [["p", "text"], ["n", "text"]])}
      RETURNING "id", "phone"`;
    for (const p of created) ids.set(p.phone, Number(p.id));
    written += part.length;
    if (toCreate.length > PROGRESS_EVERY && (written % PROGRESS_EVERY === 0 || written === toCreate.length)) progress("people", written, toCreate.length);
  }
  return ids;
}

async function writeMemberships(
  tx: Db,
  plan: Plan,
  orgIds: Map<string, number>,
  personIds: Map<string, number>,
  sync: boolean,
  by: { actor: string; now: Date },
  progress: Progress,
): Promise<void> {
  const ended = { endedOn: by.now, updatedAt: by.now };
  if (sync) for (const u of plan.unlisted) (plan.end.get("left") ?? plan.end.set("left", []).get("left")!).push(u.period.id);
  for (const [reason, ids] of plan.end) {
    for (const part of chunks(ids, IN_CHUNK)) await tx.membership.updateMany({ where: { id: { in: part }, ...CURRENT }, data: { ...ended, endReason: reason } });
  }
  // Attachments in force of people moved or back home end; of people who left, with them.
  const attachments: [EndReason, number[]][] = [["attachment_over", [...plan.attachmentsOver]]];
  const leftPeople = sync ? [...new Set(plan.unlisted.map((u) => u.period.personId))] : [];
  attachments.push(["left", leftPeople]);
  for (const [reason, people] of attachments) {
    for (const part of chunks(people, IN_CHUNK)) {
      await tx.membership.updateMany({ where: { personId: { in: part }, kind: "attached", ...CURRENT }, data: { ...ended, endReason: reason } });
    }
  }
  // A move or a departure decided by the office makes a pending transfer moot.
  const movedPeople = plan.moves.map((m) => personIds.get(m.phone)!);
  for (const part of chunks([...movedPeople, ...leftPeople], IN_CHUNK)) {
    await tx.transferRequest.updateMany({ where: { personId: { in: part }, state: "pending" }, data: { state: "cancelled", decidedBy: by.actor, decidedAt: by.now } });
  }
  for (const part of chunks([...plan.madeOfficial], IN_CHUNK)) {
    await tx.person.updateMany({ where: { id: { in: part } }, data: { officialOn: by.now, updatedAt: by.now } });
  }

  let written = 0;
  const total = plan.start.length;
  const at = dialectOf(tx).instant(by.now);
  const columns: Column[] = [["o", "integer"], ["p", "integer"], ["st", "text"], ["ro", "text"], ["k", "text"], ["s", "integer"], ["no", "text"], ["op", "boolean"]];
  const breathe = collectEvery(10);
  for (const part of chunks(plan.start, WRITE_CHUNK)) {
    breathe();
    const rows = part.map((p) => ({
      o: orgIds.get(p.orgCode)!,
      p: personIds.get(p.phone)!,
      st: p.status,
      ro: p.role,
      k: p.kind,
      s: p.startedOn ? 1 : 0,
      no: p.note,
      op: p.noticeOptIn,
    }));
    await tx.$executeRaw`
      INSERT INTO "Membership" ("orgId", "personId", "status", "role", "kind", "startedOn", "note", "noticeOptIn", "createdAt", "updatedAt")
      SELECT r."o", r."p", r."st", r."ro", r."k", CASE WHEN r."s" = 1 THEN ${at} ELSE NULL END, r."no", r."op", ${at}, ${at}
      FROM ${jsonRows(tx, rows, columns)}`;
    written += part.length;
    if (total > PROGRESS_EVERY && (written % PROGRESS_EVERY === 0 || written === total)) progress("memberships", written, total);
  }

  const audits = [
    ...plan.audits,
    ...(sync ? plan.unlisted.map((u) => ({ action: "membership.end", detail: { org: u.orgCode, personId: u.period.personId, reason: "left", on: by.now } })) : []),
  ];
  for (const part of chunks(audits, WRITE_CHUNK)) {
    await tx.auditLog.createMany({ data: part.map((a) => ({ actor: by.actor, action: a.action, detail: JSON.stringify(a.detail), at: by.now })) });
  }
}
