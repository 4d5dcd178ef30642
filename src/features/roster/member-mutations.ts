// Changes to one person's membership, each dated and audited (who, when, why), each
// in one transaction. A change ends the period in force (endedOn, endReason) and starts
// the next one (src/domain/membership.ts); nothing is deleted, so every past meeting
// keeps who was expected then. Dates may be today or earlier, never later: a period
// that has not ended has endedOn null, which is what "current" means everywhere.
//
// Who may do what is the caller's business (a cell's secretary, a committee above, the
// office's CLI); these functions check only what makes a change impossible.
import type { Db } from "../../db/client.js";
import { audit } from "../../db/audit.js";
import { CURRENT } from "../../db/memberships.js";
import { CELL_KIND, type MemberStatus } from "../../domain/access.js";
import { NOT_IN_FORCE_STATUS, type DepartureReason } from "../../domain/membership.js";

export interface ChangedBy {
  /** `person:<id>` or `cli`. */
  actor: string;
  /** The injected clock's instant: when the change is recorded. */
  now: Date;
}

/** Why a change cannot be made, for the caller to say in the user's words. */
export type Refusal =
  | { kind: "future_date" }
  | { kind: "before_start"; since: Date }
  | { kind: "not_a_cell" }
  | { kind: "not_member" }
  | { kind: "already_member" }
  | { kind: "home_elsewhere"; orgCode: string; orgName: string }
  | { kind: "same_cell" }
  | { kind: "same_status" }
  | { kind: "attached_elsewhere"; orgCode: string; orgName: string }
  | { kind: "phone_taken"; fullName: string };

export type Changed<T = object> = ({ kind: "done" } & T) | Refusal;

/** Statuses a change of status may set: "transferred" follows from an attachment only. */
export const SETTABLE_STATUSES = ["official", "probationary", "exempt"] as const satisfies readonly MemberStatus[];
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

type Tx = Db;
type Period = Awaited<ReturnType<Tx["membership"]["findFirst"]>> & object;

function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction((client) => work(client as Tx));
}

/** The person's current home period in a cell, with its cell. */
async function currentHome(tx: Tx, personId: number) {
  return tx.membership.findFirst({ where: { personId, kind: "home", ...CURRENT, org: { kind: CELL_KIND } }, include: { org: true } });
}

async function currentAttachment(tx: Tx, personId: number) {
  return tx.membership.findFirst({ where: { personId, kind: "attached", ...CURRENT }, include: { org: true } });
}

/** A date a change may carry: not after now, not before the period it ends began. */
function dateRefusal(on: Date, now: Date, period?: { startedOn: Date | null }): Refusal | undefined {
  if (on.getTime() > now.getTime()) return { kind: "future_date" };
  if (period?.startedOn && on.getTime() < period.startedOn.getTime()) return { kind: "before_start", since: period.startedOn };
  return undefined;
}

/** Ends a period at `on` and starts its successor with the same cell, role and kind but what `next` changes. */
async function succeed(tx: Tx, period: Period, on: Date, reason: string, next: { status?: string; role?: string; note?: string | null; noticeOptIn?: boolean }) {
  await tx.membership.update({ where: { id: period.id }, data: { endedOn: on, endReason: reason } });
  return tx.membership.create({
    data: {
      orgId: period.orgId,
      personId: period.personId,
      kind: period.kind,
      status: next.status ?? period.status,
      role: next.role ?? period.role,
      note: next.note === undefined ? period.note : next.note,
      noticeOptIn: next.noticeOptIn ?? period.noticeOptIn,
      until: period.until,
      startedOn: on,
    },
  });
}

export interface NewMember {
  orgId: number;
  fullName: string;
  phone: string;
  status: SettableStatus;
  /** The admission ceremony's day, for probation (and kept for the record). */
  admittedOn?: Date;
  /** When the membership begins (the day they joined the cell). */
  on: Date;
  note?: string;
}

/**
 * Adds a member to a cell: a new person, or a known one (same phone) who has no home
 * cell now (left earlier, or never had one). Someone with a home cell is moved instead.
 */
export async function addMember(db: Db, input: NewMember, by: ChangedBy): Promise<Changed<{ personId: number; created: boolean }>> {
  const early = dateRefusal(input.on, by.now);
  if (early) return early;
  return inTransaction(db, async (tx) => {
    const org = await tx.org.findUniqueOrThrow({ where: { id: input.orgId } });
    if (org.kind !== CELL_KIND) return { kind: "not_a_cell" };
    let person = await tx.person.findUnique({ where: { phone: input.phone } });
    if (person) {
      const home = await currentHome(tx, person.id);
      if (home?.orgId === org.id) return { kind: "already_member" };
      if (home) return { kind: "home_elsewhere", orgCode: home.org.code, orgName: home.org.name };
    }
    const created = !person;
    person ??= await tx.person.create({ data: { fullName: input.fullName, phone: input.phone } });
    const admission = input.status === "probationary" ? { admittedOn: input.admittedOn ?? input.on } : input.admittedOn ? { admittedOn: input.admittedOn } : {};
    if (Object.keys(admission).length > 0) await tx.person.update({ where: { id: person.id }, data: { ...admission, probationRemindedAt: null } });
    await tx.membership.create({
      data: { orgId: org.id, personId: person.id, status: input.status, role: "member", kind: "home", startedOn: input.on, note: input.note ?? null },
    });
    await audit(tx, { actor: by.actor, action: "membership.add", detail: { org: org.code, personId: person.id, status: input.status, on: input.on, created } }, by.now);
    return { kind: "done", personId: person.id, created };
  });
}

/**
 * A new status for a member of a cell from `on`: probationary → official (recognised
 * that day), exempted (with its reason), or back from exemption.
 */
export async function changeStatus(
  db: Db,
  input: { orgId: number; personId: number; status: SettableStatus; on: Date; note?: string },
  by: ChangedBy,
): Promise<Changed<{ from: string }>> {
  return inTransaction(db, async (tx) => {
    const period = await tx.membership.findFirst({ where: { orgId: input.orgId, personId: input.personId, ...CURRENT }, include: { org: true } });
    if (!period) return { kind: "not_member" };
    const refused = dateRefusal(input.on, by.now, period);
    if (refused) return refused;
    // Attending elsewhere: the home period says "transferred"; the status lives on the attachment.
    if (period.status === NOT_IN_FORCE_STATUS) return { kind: "attached_elsewhere", ...(await attachmentOrg(tx, input.personId)) };
    if (period.status === input.status) return { kind: "same_status" };
    await succeed(tx, period, input.on, "status", { status: input.status, note: input.note ?? null, noticeOptIn: input.status === "exempt" ? period.noticeOptIn : false });
    if (input.status === "official" && period.status === "probationary") {
      await tx.person.update({ where: { id: input.personId }, data: { officialOn: input.on } });
    }
    await audit(
      tx,
      { actor: by.actor, action: "membership.status", detail: { org: period.org.code, personId: input.personId, from: period.status, to: input.status, on: input.on, note: input.note } },
      by.now,
    );
    return { kind: "done", from: period.status };
  });
}

async function attachmentOrg(tx: Tx, personId: number): Promise<{ orgCode: string; orgName: string }> {
  const attached = await currentAttachment(tx, personId);
  return { orgCode: attached?.org.code ?? "", orgName: attached?.org.name ?? "" };
}

/**
 * A new home cell from `on`: the old home period ends ("moved"), an attachment in force
 * ends with it, and the member starts as a plain member of the new cell with the same
 * status (offices do not travel). Someone with no home cell now is simply added.
 */
export async function moveMember(db: Db, input: MoveInput, by: ChangedBy): Promise<Changed<{ fromOrgCode: string | null }>> {
  return inTransaction(db, (tx) => moveIn(tx, input, by));
}

type MoveInput = { personId: number; toOrgId: number; on: Date; note?: string };

async function moveIn(tx: Tx, input: MoveInput, by: ChangedBy): Promise<Changed<{ fromOrgCode: string | null }>> {
  const to = await tx.org.findUniqueOrThrow({ where: { id: input.toOrgId } });
  if (to.kind !== CELL_KIND) return { kind: "not_a_cell" };
  const home = await currentHome(tx, input.personId);
  if (home?.orgId === to.id) return { kind: "same_cell" };
  const refused = dateRefusal(input.on, by.now, home ?? undefined);
  if (refused) return refused;
  const attached = await currentAttachment(tx, input.personId);
  // The status to carry: the attachment holds it while the home period says "transferred".
  const status = home?.status === NOT_IN_FORCE_STATUS ? (attached?.status ?? "official") : (home?.status ?? "official");
  if (attached) await tx.membership.update({ where: { id: attached.id }, data: { endedOn: input.on, endReason: "attachment_over" } });
  if (home) await tx.membership.update({ where: { id: home.id }, data: { endedOn: input.on, endReason: "moved" } });
  await tx.membership.create({
    data: { orgId: to.id, personId: input.personId, status, role: "member", kind: "home", startedOn: input.on, note: input.note ?? null, noticeOptIn: home?.noticeOptIn ?? false },
  });
  // A transfer still waiting elsewhere no longer fits: the person has a new home.
  await tx.transferRequest.updateMany({ where: { personId: input.personId, state: "pending" }, data: { state: "cancelled", decidedBy: by.actor, decidedAt: by.now } });
  await audit(
    tx,
    { actor: by.actor, action: "membership.move", detail: { personId: input.personId, from: home?.org.code ?? null, to: to.code, on: input.on, note: input.note } },
    by.now,
  );
  return { kind: "done", fromOrgCode: home?.org.code ?? null };
}

/**
 * Sinh hoạt tạm thời: from `on` the member attends `toOrgId` (expected there, counted as
 * attached in its minutes) and keeps the home cell, where the period in force becomes
 * "transferred" (not expected, no office meanwhile) until the attachment ends.
 */
export async function attachMember(db: Db, input: AttachInput, by: ChangedBy): Promise<Changed> {
  return inTransaction(db, (tx) => attachIn(tx, input, by));
}

type AttachInput = { personId: number; toOrgId: number; on: Date; until?: Date; note?: string };

async function attachIn(tx: Tx, input: AttachInput, by: ChangedBy): Promise<Changed> {
  const to = await tx.org.findUniqueOrThrow({ where: { id: input.toOrgId } });
  if (to.kind !== CELL_KIND) return { kind: "not_a_cell" };
  const home = await currentHome(tx, input.personId);
  if (!home) return { kind: "not_member" };
  if (home.orgId === to.id) return { kind: "same_cell" };
  const attached = await currentAttachment(tx, input.personId);
  if (attached) return { kind: "attached_elsewhere", orgCode: attached.org.code, orgName: attached.org.name };
  const refused = dateRefusal(input.on, by.now, home);
  if (refused) return refused;
  await succeed(tx, home, input.on, "attached", { status: NOT_IN_FORCE_STATUS, noticeOptIn: false });
  await tx.membership.create({
    data: {
      orgId: to.id,
      personId: input.personId,
      status: home.status,
      role: "member",
      kind: "attached",
      startedOn: input.on,
      until: input.until ?? null,
      note: input.note ?? null,
      noticeOptIn: home.noticeOptIn,
    },
  });
  await audit(
    tx,
    { actor: by.actor, action: "membership.attach", detail: { personId: input.personId, home: home.org.code, to: to.code, on: input.on, until: input.until, note: input.note } },
    by.now,
  );
  return { kind: "done" };
}

/** The attachment in force ends at `on`: the member is expected at home again, with the status they had there. */
export async function endAttachment(db: Db, input: { personId: number; on: Date }, by: ChangedBy): Promise<Changed<{ orgCode: string }>> {
  return inTransaction(db, async (tx) => {
    const attached = await currentAttachment(tx, input.personId);
    if (!attached) return { kind: "not_member" };
    const refused = dateRefusal(input.on, by.now, attached);
    if (refused) return refused;
    await tx.membership.update({ where: { id: attached.id }, data: { endedOn: input.on, endReason: "attachment_over" } });
    const home = await currentHome(tx, input.personId);
    if (home?.status === NOT_IN_FORCE_STATUS) await succeed(tx, home, input.on, "attachment_over", { status: attached.status, noticeOptIn: attached.noticeOptIn });
    await audit(tx, { actor: by.actor, action: "membership.attachment_over", detail: { personId: input.personId, org: attached.org.code, on: input.on } }, by.now);
    return { kind: "done", orgCode: attached.org.code };
  });
}

/**
 * A departure at `on`. "left" (out of the tree, or off the office's list) ends the
 * person's periods in this cell only; died, removed and expelled end every period in
 * force, committee seats included. Removal and expulsion are decided by the competent
 * committee: callers let only a committee above the cell record them.
 */
export async function endMembership(
  db: Db,
  input: { orgId: number; personId: number; on: Date; reason: DepartureReason; note?: string },
  by: ChangedBy,
): Promise<Changed<{ ended: number }>> {
  return inTransaction(db, async (tx) => {
    const here = await tx.membership.findMany({ where: { orgId: input.orgId, personId: input.personId, ...CURRENT }, include: { org: true } });
    if (here.length === 0) return { kind: "not_member" };
    for (const period of here) {
      const refused = dateRefusal(input.on, by.now, period);
      if (refused) return refused;
    }
    const everywhere = input.reason !== "left" && input.reason !== "moved";
    const ended = await tx.membership.updateMany({
      where: { personId: input.personId, ...CURRENT, ...(everywhere ? {} : { orgId: input.orgId }) },
      data: { endedOn: input.on, endReason: input.reason },
    });
    // Left the home cell while attached elsewhere: the attachment has no home to return to.
    if (!everywhere && here.some((p) => p.kind === "home")) {
      await tx.membership.updateMany({ where: { personId: input.personId, kind: "attached", ...CURRENT }, data: { endedOn: input.on, endReason: input.reason } });
    }
    await tx.transferRequest.updateMany({ where: { personId: input.personId, state: "pending" }, data: { state: "cancelled", decidedBy: by.actor, decidedAt: by.now } });
    await audit(
      tx,
      { actor: by.actor, action: "membership.end", detail: { org: here[0].org.code, personId: input.personId, reason: input.reason, on: input.on, note: input.note } },
      by.now,
    );
    return { kind: "done", ended: ended.count };
  });
}

export interface TransferAsk {
  personId: number;
  fromOrgId: number;
  toOrgId: number;
  kind: "move" | "attach";
  on: Date;
  until?: Date;
  note?: string;
}

/**
 * A transfer out to another cell of the tree waits for that cell's secretary: until it
 * is accepted the person stays where they were. One pending request per person.
 */
export async function requestTransfer(
  db: Db,
  ask: TransferAsk,
  by: ChangedBy,
  /** Runs in the same transaction once the request is written: its messages. */
  tell: (tx: Db, requestId: number) => Promise<unknown> = async () => undefined,
): Promise<Changed<{ requestId: number }> | { kind: "pending_exists" }> {
  return inTransaction(db, async (tx) => {
    const to = await tx.org.findUniqueOrThrow({ where: { id: ask.toOrgId } });
    if (to.kind !== CELL_KIND) return { kind: "not_a_cell" };
    if (ask.toOrgId === ask.fromOrgId) return { kind: "same_cell" };
    const home = await currentHome(tx, ask.personId);
    if (!home || home.orgId !== ask.fromOrgId) return { kind: "not_member" };
    const refused = dateRefusal(ask.on, by.now, home);
    if (refused) return refused;
    if (await tx.transferRequest.findFirst({ where: { personId: ask.personId, state: "pending" } })) return { kind: "pending_exists" };
    const request = await tx.transferRequest.create({
      data: {
        personId: ask.personId,
        fromOrgId: ask.fromOrgId,
        toOrgId: ask.toOrgId,
        kind: ask.kind,
        effectiveOn: ask.on,
        until: ask.until ?? null,
        note: ask.note ?? null,
        requestedBy: by.actor,
        createdAt: by.now,
      },
    });
    await audit(tx, { actor: by.actor, action: "transfer.request", detail: { requestId: request.id, personId: ask.personId, from: home.org.code, to: to.code, kind: ask.kind, on: ask.on } }, by.now);
    await tell(tx, request.id);
    return { kind: "done", requestId: request.id };
  });
}

export type TransferDecision = { kind: "accepted" | "declined"; request: { id: number; personId: number; fromOrgId: number; toOrgId: number; requestedBy: string } } | { kind: "not_pending" } | Refusal;

/**
 * The receiving cell decides, in one transaction with the change itself. Accepting
 * carries out the move or attachment from the requested day: the person is expected
 * there from then. When the roster changed meanwhile (the person left or moved), the
 * change is refused and the request is cancelled.
 */
export async function decideTransfer(
  db: Db,
  input: { requestId: number; accept: boolean },
  by: ChangedBy,
  /** Runs in the same transaction once the decision (and the change) is written: its messages. */
  tell: (tx: Db, requestId: number) => Promise<unknown> = async () => undefined,
): Promise<TransferDecision> {
  const outcome = await inTransaction(db, async (tx): Promise<TransferDecision> => {
    const request = await tx.transferRequest.findUnique({ where: { id: input.requestId } });
    if (!request || request.state !== "pending") return { kind: "not_pending" };
    const claimed = await tx.transferRequest.updateMany({
      where: { id: request.id, state: "pending" },
      data: { state: input.accept ? "accepted" : "declined", decidedBy: by.actor, decidedAt: by.now },
    });
    if (claimed.count === 0) return { kind: "not_pending" };
    const summary = { id: request.id, personId: request.personId, fromOrgId: request.fromOrgId, toOrgId: request.toOrgId, requestedBy: request.requestedBy };
    if (!input.accept) {
      await audit(tx, { actor: by.actor, action: "transfer.decline", detail: { requestId: request.id } }, by.now);
      await tell(tx, request.id);
      return { kind: "declined", request: summary };
    }
    const change = { personId: request.personId, toOrgId: request.toOrgId, on: request.effectiveOn, note: request.note ?? undefined };
    const done = request.kind === "attach" ? await attachIn(tx, { ...change, until: request.until ?? undefined }, by) : await moveIn(tx, change, by);
    if (done.kind !== "done") throw new RefusedInside(done);
    await audit(tx, { actor: by.actor, action: "transfer.accept", detail: { requestId: request.id } }, by.now);
    await tell(tx, request.id);
    return { kind: "accepted", request: summary };
  }).catch((error: unknown) => {
    if (error instanceof RefusedInside) return error.refusal;
    throw error;
  });
  if (outcome.kind !== "accepted" && outcome.kind !== "declined" && outcome.kind !== "not_pending") {
    await db.transferRequest.updateMany({ where: { id: input.requestId, state: "pending" }, data: { state: "cancelled", decidedBy: by.actor, decidedAt: by.now } });
  }
  return outcome;
}

/** Rolls back a decision whose change was refused, carrying the refusal out. */
class RefusedInside extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.kind);
  }
}
