// Rosters that live: a member who moves is expected at the new cell only from the day of
// the move, one who leaves nowhere, one who joins only from the day they join; an
// attachment (sinh hoạt tạm thời) makes the host expect them and the home cell not; and
// nothing of the past is rewritten.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMeeting } from "../../src/features/meetings/mutations.js";
import { openAttendance, setAttendance, submitAttendance } from "../../src/features/records/mutations.js";
import { digestInput } from "../../src/features/digest/data.js";
import { buildDigest } from "../../src/domain/digest.js";
import { recordList } from "../../src/features/records/data.js";
import { minutesDataOf } from "../../src/features/records/minutes-data.js";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { listRoster } from "../../src/features/roster/data.js";
import {
  addMember,
  attachMember,
  changeStatus,
  decideTransfer,
  endAttachment,
  endMembership,
  moveMember,
  requestTransfer,
} from "../../src/features/roster/member-mutations.js";
import { recipientsOf } from "../../src/org/people.js";
import { loadSpeaker } from "../../src/bot/identity.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, IMPORTED_AT, MEMBERS, ORGS } from "../helpers/files.js";

const HAI = "+84912000104"; // Phạm Thị Hai, probationary in A1
const BA = "+84912000105"; // Hoàng Văn Ba, exempt in A1
const MOT = "+84912000103"; // Lê Văn Một, official in A1
const by = (now: string) => ({ actor: "test", now: new Date(now) });

describe.each(PROVIDERS)("membership history on %s", (provider) => {
  let database: TestDatabase;
  const db = () => database.db;
  const org = (code: string) => db().org.findUniqueOrThrow({ where: { code } });
  const person = (phone: string) => db().person.findUniqueOrThrow({ where: { phone } });
  const names = async (code: string) => (await listRoster(db(), (await org(code)).id)).map((e) => e.fullName);
  const hearing = async (code: string) => (await recipientsOf(db(), (await org(code)).id)).filter((r) => !r.follower).map((r) => r.fullName);

  async function meetingAt(code: string, at: string) {
    const startsAt = new Date(at);
    const input = { orgId: (await org(code)).id, kind: "regular" as const, startsAt, durationMinutes: 90, place: "Hội trường", agenda: "", documents: [] };
    return (await createMeeting(db(), input, "confirmed", new Date(startsAt.getTime() - 86_400_000))).id;
  }
  /** The meeting's list, opened as the secretary would after it (here, on 1 March). */
  async function listOf(id: number) {
    await openAttendance(db(), id, "test", new Date("2027-03-01T00:00:00Z"));
    return { id, names: (await recordList(db(), id)).map((e) => e.name) };
  }
  const listAt = async (code: string, at: string) => listOf(await meetingAt(code, at));

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(db(), files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("moves Hai from A1 to A2 and ends Ba's membership: each expected where and when they belonged", async () => {
    const hai = await person(HAI);
    const ba = await person(BA);
    // A1 meets on 2 February; Hai moves on 3 February; Ba leaves the same day.
    const before = await meetingAt("A1", "2027-02-02T12:30:00Z");
    const moved = await moveMember(db(), { personId: hai.id, toOrgId: (await org("A2")).id, on: new Date("2027-02-03T00:00:00+07:00") }, by("2027-02-10T03:00:00Z"));
    expect(moved).toEqual({ kind: "done", fromOrgCode: "A1" });
    const left = await endMembership(db(), { orgId: (await org("A1")).id, personId: ba.id, on: new Date("2027-02-03T00:00:00+07:00"), reason: "left" }, by("2027-02-10T03:00:00Z"));
    expect(left).toEqual({ kind: "done", ended: 1 });

    // Today's rosters: A1 without either, A2 with Hai, once.
    expect(await names("A1")).not.toContain("Phạm Thị Hai");
    expect(await names("A1")).not.toContain("Hoàng Văn Ba");
    expect((await names("A2")).filter((n) => n === "Phạm Thị Hai")).toHaveLength(1);
    // Who hears about each cell's next meeting.
    expect(await hearing("A1")).not.toContain("Phạm Thị Hai");
    expect(await hearing("A2")).toContain("Phạm Thị Hai");

    // Recorded after the move, the meeting of 2 February lists both at A1: members then.
    expect((await listOf(before)).names).toEqual(expect.arrayContaining(["Phạm Thị Hai", "Hoàng Văn Ba"]));
    // Meetings after the move: A1 without Hai, A2 with him (status carried: probationary).
    expect((await listAt("A1", "2027-02-05T12:30:00Z")).names).not.toContain("Phạm Thị Hai");
    const a2 = await listAt("A2", "2027-02-05T12:30:00Z");
    expect(a2.names).toContain("Phạm Thị Hai");
    const entry = await db().attendanceEntry.findFirstOrThrow({ where: { meetingId: a2.id, personId: hai.id } });
    expect(entry.memberStatus).toBe("probationary");

    // Nothing deleted: the ended periods are there with their reasons.
    const periods = await db().membership.findMany({ where: { personId: { in: [hai.id, ba.id] } }, orderBy: { id: "asc" } });
    expect(periods.map((p) => [p.personId === hai.id ? "Hai" : "Ba", p.endReason])).toEqual(
      expect.arrayContaining([["Hai", "moved"], ["Hai", null], ["Ba", "left"]]),
    );
    const audits = await db().auditLog.findMany({ where: { action: { in: ["membership.move", "membership.end"] } } });
    expect(audits).toHaveLength(2);
  });

  it("expects a new member only from the day they join", async () => {
    const cell = await org("A2");
    const added = await addMember(
      db(),
      { orgId: cell.id, fullName: "Đinh Văn Mới", phone: "+84912000999", status: "probationary", on: new Date("2027-02-10T00:00:00+07:00") },
      by("2027-02-11T03:00:00Z"),
    );
    expect(added).toMatchObject({ kind: "done", created: true });
    expect((await listAt("A2", "2027-02-07T12:30:00Z")).names).not.toContain("Đinh Văn Mới");
    expect((await listAt("A2", "2027-02-12T12:30:00Z")).names).toContain("Đinh Văn Mới");
    // The admission day (probation's start) defaults to the day they joined.
    expect((await person("+84912000999")).admittedOn).toEqual(new Date("2027-02-10T00:00:00+07:00"));
  });

  it("refuses what cannot be: a future date, a second home cell, a date before the period began", async () => {
    const mot = await person(MOT);
    const now = by("2027-02-11T03:00:00Z");
    expect(await moveMember(db(), { personId: mot.id, toOrgId: (await org("A2")).id, on: new Date("2027-03-01T00:00:00Z") }, now)).toEqual({ kind: "future_date" });
    expect(
      await addMember(db(), { orgId: (await org("B1")).id, fullName: "Lê Văn Một", phone: MOT, status: "official", on: new Date("2027-02-01T00:00:00Z") }, now),
    ).toEqual({ kind: "home_elsewhere", orgCode: "A1", orgName: "Chi bộ Ấp Một" });
    const hai = await person(HAI);
    const early = await changeStatus(db(), { orgId: (await org("A2")).id, personId: hai.id, status: "official", on: new Date("2027-02-01T00:00:00Z") }, now);
    expect(early.kind).toBe("before_start");
    expect(await db().membership.count({ where: { personId: mot.id } })).toBe(1);
  });

  it("records probationary → official as a new period, and the day on the person", async () => {
    const hai = await person(HAI);
    const on = new Date("2027-02-11T00:00:00+07:00");
    expect(await changeStatus(db(), { orgId: (await org("A2")).id, personId: hai.id, status: "official", on }, by("2027-02-11T03:00:00Z"))).toEqual({
      kind: "done",
      from: "probationary",
    });
    expect((await person(HAI)).officialOn).toEqual(on);
    const a2 = (await listRoster(db(), (await org("A2")).id)).find((e) => e.fullName === "Phạm Thị Hai");
    expect(a2?.status).toBe("official");
  });

  it("attaches a member temporarily: expected at the host, counted as attached there, not expected at home, and back when it ends", async () => {
    const mot = await person(MOT);
    const b1 = await org("B1");
    const on = new Date("2027-02-15T00:00:00+07:00");
    expect(await attachMember(db(), { personId: mot.id, toOrgId: b1.id, on, until: new Date("2027-08-15T00:00:00+07:00") }, by("2027-02-15T03:00:00Z"))).toEqual({ kind: "done" });
    expect(await hearing("B1")).toContain("Lê Văn Một");
    expect(await hearing("A1")).not.toContain("Lê Văn Một");
    const host = await listAt("B1", "2027-02-20T12:30:00Z");
    expect(host.names).toContain("Lê Văn Một");
    const minutes = await minutesDataOf(db(), host.id, "vi", new Date("2027-03-01T00:00:00Z"));
    expect(minutes?.counts.attached).toBe(1);
    expect((await listAt("A1", "2027-02-20T12:30:00Z")).names).not.toContain("Lê Văn Một");
    const home = await minutesDataOf(db(), (await listAt("A1", "2027-02-21T12:30:00Z")).id, "vi", new Date("2027-03-01T00:00:00Z"));
    expect(home?.counts.transferred).toBe(1);
    // Back home: expected in A1 with the status he had, no longer in B1.
    expect(await endAttachment(db(), { personId: mot.id, on: new Date("2027-02-25T00:00:00+07:00") }, by("2027-02-25T03:00:00Z"))).toEqual({ kind: "done", orgCode: "B1" });
    expect(await hearing("A1")).toContain("Lê Văn Một");
    expect(await hearing("B1")).not.toContain("Lê Văn Một");
    const back = await db().membership.findFirstOrThrow({ where: { personId: mot.id, endedOn: null } });
    expect([back.status, back.kind]).toEqual(["official", "home"]);
  });

  it("moves a member across cells only when the receiving cell accepts", async () => {
    const vu = await person("+84912000202"); // Vũ Văn Năm, A2
    const now = by("2027-02-26T03:00:00Z");
    const asked = await requestTransfer(db(), { personId: vu.id, fromOrgId: (await org("A2")).id, toOrgId: (await org("B1")).id, kind: "move", on: new Date("2027-02-26T00:00:00+07:00") }, now);
    expect(asked.kind).toBe("done");
    // Until accepted, nothing moves.
    expect(await names("A2")).toContain("Vũ Văn Năm");
    expect(await names("B1")).not.toContain("Vũ Văn Năm");
    const requestId = (asked as { requestId: number }).requestId;
    expect((await decideTransfer(db(), { requestId, accept: true }, by("2027-02-27T03:00:00Z"))).kind).toBe("accepted");
    expect(await names("A2")).not.toContain("Vũ Văn Năm");
    expect(await names("B1")).toContain("Vũ Văn Năm");
    // A second decision finds nothing pending.
    expect(await decideTransfer(db(), { requestId, accept: false }, by("2027-02-27T04:00:00Z"))).toEqual({ kind: "not_pending" });
  });

  it("takes a secretary's rights away the day her membership ends", async () => {
    const secretary = await person("+84912000301"); // Bùi Văn Sáu, secretary of B1
    await db().person.update({ where: { id: secretary.id }, data: { telegramUserId: "7301" } });
    expect((await loadSpeaker(db(), "7301")).positions.map((p) => p.role)).toEqual(["secretary"]);
    await endMembership(db(), { orgId: (await org("B1")).id, personId: secretary.id, on: new Date("2027-02-27T00:00:00+07:00"), reason: "died" }, by("2027-02-27T03:00:00Z"));
    expect((await loadSpeaker(db(), "7301")).positions).toEqual([]);
  });

  it("flags a member who moved under the three-month rule with the months of both cells, once", async () => {
    const added = await addMember(
      db(),
      { orgId: (await org("A1")).id, fullName: "Mai Văn Dời", phone: "+84912000777", status: "official", on: new Date("2027-01-01T00:00:00+07:00") },
      by("2027-01-02T03:00:00Z"),
    );
    expect(added.kind).toBe("done");
    const dời = await person("+84912000777");
    /** A meeting recorded with Dời absent without reason. */
    const missed = async (code: string, at: string) => {
      const id = await meetingAt(code, at);
      const after = new Date(new Date(at).getTime() + 3 * 3_600_000);
      await openAttendance(db(), id, "test", after);
      expect(await setAttendance(db(), id, 1, dời.id, "unexcused", "test", after)).toMatchObject({ kind: "changed" });
      const ended = new Date(new Date(at).getTime() + 95 * 60_000);
      expect((await submitAttendance(db(), id, 1, { startedAt: new Date(at), endedAt: ended, guests: [] }, "test", null, after)).kind).toBe("submitted");
    };
    await missed("A1", "2027-01-09T12:30:00Z");
    await moveMember(db(), { personId: dời.id, toOrgId: (await org("A2")).id, on: new Date("2027-01-20T00:00:00+07:00") }, by("2027-01-20T03:00:00Z"));
    await missed("A2", "2027-02-13T12:30:00Z");
    // A2's secretary, reachable: she hears of the third month when it is recorded.
    const secretary = await person("+84912000201");
    await db().person.update({ where: { id: secretary.id }, data: { telegramChatId: "9201" } });
    await missed("A2", "2027-03-13T12:30:00Z");
    const flags = await db().outboxMessage.findMany({ where: { kind: "flag", personId: secretary.id } });
    expect(flags.map((f) => f.key)).toEqual([`flag:removal:${dời.id}:2027:${secretary.id}`]);
    const digest = buildDigest(await digestInput(db(), await org("P1"), new Date("2027-03-20T03:00:00Z")));
    const flagged = digest.flagged.filter((f) => f.member === "Mai Văn Dời");
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ months: ["2027-01", "2027-02", "2027-03"] });
  });
});
