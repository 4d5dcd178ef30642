// Roster import: validate both files against what the database holds, then upsert
// organisations by code and people by phone in one transaction, or write nothing.
import type { Db } from "../../db/client.js";
import { audit } from "../../db/audit.js";
import { childPath, parentsFirst } from "../../domain/tree.js";
import { readRosterFiles, type RowProblem } from "./files/csv.js";
import type { MemberRow, OrgRow } from "./schema.js";

export interface Tally {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportSummary {
  problems: RowProblem[];
  dryRun: boolean;
  orgs: Tally;
  people: Tally;
  memberships: Tally;
}

export interface ImportOptions {
  /** The injected clock's instant: when the import happened. */
  now: Date;
  dryRun?: boolean;
  actor?: string;
  /** Called on large files: stage is "validated", "people" or "memberships". */
  progress?: (stage: ImportStage, done: number, total: number) => void;
}

export type ImportStage = "validated" | "people" | "memberships";
type Progress = NonNullable<ImportOptions["progress"]>;

const emptyTally = (): Tally => ({ created: 0, updated: 0, unchanged: 0 });
const CHUNK = 500;
/** Large files get a progress line every this many rows (a multiple of CHUNK). */
const PROGRESS_EVERY = 5000;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function importRoster(
  db: Db,
  orgsFile: string,
  membersFile: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  const progress = options.progress ?? (() => undefined);
  const existingOrgs = await db.org.findMany({ select: { id: true, code: true, name: true, kind: true, parentId: true, path: true } });
  const codeOfId = new Map(existingOrgs.map((o) => [o.id, o.code]));
  const files = readRosterFiles(
    orgsFile,
    membersFile,
    { orgs: existingOrgs.map((o) => ({ code: o.code, parentCode: o.parentId ? codeOfId.get(o.parentId) : undefined })) },
    (done, total) => progress("validated", done, total),
  );
  const summary: ImportSummary = {
    problems: files.problems,
    dryRun: options.dryRun ?? false,
    orgs: emptyTally(),
    people: emptyTally(),
    memberships: emptyTally(),
  };
  if (files.problems.length > 0) return summary;

  const orgRows = files.orgs.map((o) => o.row);
  const memberRows = files.members.map((m) => m.row);
  const phones = [...new Set(memberRows.map((m) => m.phone))];
  const existingPeople = new Map<string, { id: number; fullName: string }>();
  for (const part of chunks(phones)) {
    for (const p of await db.person.findMany({ where: { phone: { in: part } }, select: { id: true, phone: true, fullName: true } })) {
      existingPeople.set(p.phone, p);
    }
  }
  planCounts(summary, orgRows, memberRows, existingOrgs, existingPeople);
  if (summary.dryRun) {
    summary.memberships = await countMembershipChanges(db, memberRows, existingOrgs, existingPeople);
    return summary;
  }
  await db.$transaction(
    async (tx) => {
      const orgIds = await writeOrgs(tx as Db, orgRows, existingOrgs);
      const personIds = await writePeople(tx as Db, memberRows, existingPeople, progress);
      const actor = options.actor ?? "cli";
      summary.memberships = await writeMemberships(tx as Db, memberRows, orgIds, personIds, { actor, now: options.now }, progress);
      await audit(tx as Db, { actor, action: "roster.import", detail: { orgs: summary.orgs, people: summary.people, memberships: summary.memberships } }, options.now);
    },
    { timeout: 15 * 60_000, maxWait: 60_000 },
  );
  return summary;
}

type ExistingOrg = { id: number; code: string; name: string; kind: string; parentId: number | null; path: string };

function planCounts(
  summary: ImportSummary,
  orgRows: OrgRow[],
  memberRows: MemberRow[],
  existingOrgs: ExistingOrg[],
  existingPeople: Map<string, { fullName: string }>,
) {
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
    const current = existingPeople.get(row.phone);
    if (!current) summary.people.created++;
    else if (current.fullName !== row.full_name) summary.people.updated++;
    else summary.people.unchanged++;
  }
}

async function countMembershipChanges(
  db: Db,
  memberRows: MemberRow[],
  existingOrgs: ExistingOrg[],
  existingPeople: Map<string, { id: number }>,
): Promise<Tally> {
  const orgIds = new Map(existingOrgs.map((o) => [o.code, o.id]));
  const current = await loadMemberships(db, [...existingPeople.values()].map((p) => p.id));
  const tally = emptyTally();
  for (const row of memberRows) {
    const orgId = orgIds.get(row.org_code);
    const personId = existingPeople.get(row.phone)?.id;
    const found = orgId && personId ? current.get(`${orgId} ${personId}`) : undefined;
    if (!found) tally.created++;
    else if (found.status !== row.status || found.role !== row.role) tally.updated++;
    else tally.unchanged++;
  }
  return tally;
}

async function loadMemberships(db: Db, personIds: number[]) {
  const current = new Map<string, { id: number; status: string; role: string }>();
  for (const part of chunks(personIds)) {
    for (const m of await db.membership.findMany({ where: { personId: { in: part } } })) {
      current.set(`${m.orgId} ${m.personId}`, m);
    }
  }
  return current;
}

/** Creates and updates organisations parents-first; returns every code's id. */
async function writeOrgs(tx: Db, rows: OrgRow[], existing: ExistingOrg[]): Promise<Map<string, number>> {
  const byCode = new Map(existing.map((o) => [o.code, o]));
  const ids = new Map(existing.map((o) => [o.code, o.id]));
  let parentsChanged = false;
  for (const row of parentsFirst(rows.map((r) => ({ ...r, parentCode: r.parent_code })))) {
    const parentId = row.parent_code ? ids.get(row.parent_code)! : null;
    const current = byCode.get(row.code);
    if (!current) {
      const created = await tx.org.create({ data: { code: row.code, name: row.name, kind: row.kind, parentId, path: "" } });
      const parentPath = parentId ? (await tx.org.findUniqueOrThrow({ where: { id: parentId } })).path : undefined;
      await tx.org.update({ where: { id: created.id }, data: { path: childPath(parentPath, created.id) } });
      ids.set(row.code, created.id);
    } else if (current.name !== row.name || current.kind !== row.kind || current.parentId !== parentId) {
      parentsChanged ||= current.parentId !== parentId;
      await tx.org.update({ where: { id: current.id }, data: { name: row.name, kind: row.kind, parentId } });
    }
  }
  if (parentsChanged) await recomputePaths(tx);
  return ids;
}

/** After a move in the tree, every path below the moved organisation changes. */
async function recomputePaths(tx: Db) {
  const all = await tx.org.findMany({ select: { id: true, parentId: true, path: true } });
  const byId = new Map(all.map((o) => [o.id, o]));
  const pathOf = (id: number): string => {
    const org = byId.get(id)!;
    return childPath(org.parentId ? pathOf(org.parentId) : undefined, id);
  };
  for (const org of all) {
    const wanted = pathOf(org.id);
    if (wanted !== org.path) await tx.org.update({ where: { id: org.id }, data: { path: wanted } });
  }
}

async function writePeople(
  tx: Db,
  rows: MemberRow[],
  existing: Map<string, { id: number; fullName: string }>,
  progress: Progress,
): Promise<Map<string, number>> {
  const nameOf = new Map(rows.map((r) => [r.phone, r.full_name]));
  const toCreate = [...nameOf].filter(([phone]) => !existing.has(phone));
  let written = 0;
  for (const part of chunks(toCreate)) {
    await tx.person.createMany({ data: part.map(([phone, fullName]) => ({ phone, fullName })) });
    written += part.length;
    if (written % PROGRESS_EVERY === 0 || written === toCreate.length) {
      if (toCreate.length > PROGRESS_EVERY) progress("people", written, toCreate.length);
    }
  }
  for (const [phone, fullName] of nameOf) {
    const current = existing.get(phone);
    if (current && current.fullName !== fullName) await tx.person.update({ where: { id: current.id }, data: { fullName } });
  }
  const ids = new Map([...existing].map(([phone, p]) => [phone, p.id]));
  for (const part of chunks(toCreate.map(([phone]) => phone))) {
    for (const p of await tx.person.findMany({ where: { phone: { in: part } }, select: { id: true, phone: true } })) {
      ids.set(p.phone, p.id);
    }
  }
  return ids;
}

async function writeMemberships(
  tx: Db,
  rows: MemberRow[],
  orgIds: Map<string, number>,
  personIds: Map<string, number>,
  by: { actor: string; now: Date },
  progress: Progress,
): Promise<Tally> {
  const tally = emptyTally();
  const current = await loadMemberships(tx, [...personIds.values()]);
  const toCreate: { orgId: number; personId: number; status: string; role: string }[] = [];
  for (const row of rows) {
    const orgId = orgIds.get(row.org_code)!;
    const personId = personIds.get(row.phone)!;
    const found = current.get(`${orgId} ${personId}`);
    if (!found) {
      toCreate.push({ orgId, personId, status: row.status, role: row.role });
      tally.created++;
    } else if (found.status !== row.status || found.role !== row.role) {
      await tx.membership.update({ where: { id: found.id }, data: { status: row.status, role: row.role } });
      if (found.role !== row.role) {
        await audit(tx, { actor: by.actor, action: "membership.role", detail: { org: row.org_code, phone: row.phone, from: found.role, to: row.role } }, by.now);
      }
      tally.updated++;
    } else tally.unchanged++;
  }
  let written = 0;
  for (const part of chunks(toCreate)) {
    await tx.membership.createMany({ data: part });
    written += part.length;
    if (written % PROGRESS_EVERY === 0 || written === toCreate.length) {
      if (toCreate.length > PROGRESS_EVERY) progress("memberships", written, toCreate.length);
    }
  }
  return tally;
}
