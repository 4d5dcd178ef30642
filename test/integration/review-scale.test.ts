// The evening many cells meet, each after a meeting that left tasks for the whole cell:
// one tick reads every review at once, and the ids it names (cells, meetings, 1,200
// assignees) go past the 999 values Prisma binds in one SQLite statement. The tick must
// still queue every reminder with its review, and the batched read must say what the
// one-meeting read (the minutes') says of each meeting. Correctness only: the time it
// takes is bench/evening.ts's business.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMeeting } from "../../src/features/meetings/mutations.js";
import { runMeetingTick } from "../../src/features/meetings/planner.js";
import { reviewOf, reviewsOf } from "../../src/org/meetings.js";
import { previousResolution } from "../../src/org/resolutions.js";
import { createLogger } from "../../src/logger.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";

const CELLS = 40;
const MEMBERS = 30;
const PREVIOUS = new Date("2027-05-18T12:30:00Z"); // 19:30 in Hanoi
const EVENING = new Date("2027-06-15T12:30:00Z");
const CONFIRMED = new Date("2027-06-08T03:00:00Z");
const T_MINUS_2H = new Date("2027-06-15T10:30:00Z");
/** Midnight starting the due day in Hanoi. */
const dueDay = (day: number) => new Date(Date.UTC(2027, 5, day - 1, 17));

describe.each(PROVIDERS)("reviews read for a province's evening on %s", (provider) => {
  let database: TestDatabase;
  const db = () => database.db;
  const cells: { id: number; members: number[] }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const province = await db().org.create({ data: { code: "P", name: "Tỉnh", kind: "province", path: "/tmp/", timezone: "Asia/Ho_Chi_Minh" } });
    await db().org.update({ where: { id: province.id }, data: { path: `/${province.id}/` } });
    const commune = await db().org.create({ data: { code: "X", name: "Xã", kind: "commune", parentId: province.id, path: "/tmp/", timezone: "Asia/Ho_Chi_Minh" } });
    await db().org.update({ where: { id: commune.id }, data: { path: `/${province.id}/${commune.id}/` } });
    for (let c = 0; c < CELLS; c++) {
      const cell = await db().org.create({ data: { code: `C${c}`, name: `Chi bộ ${c}`, kind: "cell", parentId: commune.id, path: "/tmp/", timezone: "Asia/Ho_Chi_Minh" } });
      await db().org.update({ where: { id: cell.id }, data: { path: `/${province.id}/${commune.id}/${cell.id}/` } });
      const first = c * MEMBERS + 1;
      await db().person.createMany({
        data: Array.from({ length: MEMBERS }, (_, m) => ({
          fullName: `Đảng viên ${first + m}`,
          phone: `+849${String(first + m).padStart(8, "0")}`,
          telegramUserId: String(700_000_000 + first + m),
          telegramChatId: String(700_000_000 + first + m),
          linkedAt: CONFIRMED,
        })),
      });
      const people = await db().person.findMany({ where: { fullName: { in: Array.from({ length: MEMBERS }, (_, m) => `Đảng viên ${first + m}`) } }, orderBy: { id: "asc" } });
      const members = people.map((p) => p.id);
      await db().membership.createMany({ data: members.map((personId, m) => ({ orgId: cell.id, personId, status: "official", role: m === 0 ? "secretary" : "member" })) });
      // One member left the cell before finishing the whole-cell task: it no longer waits on them.
      if (c % 2 === 0) await db().membership.updateMany({ where: { orgId: cell.id, personId: members[MEMBERS - 1]! }, data: { endedOn: new Date("2027-06-01T00:00:00Z") } });
      const previous = await db().meeting.create({
        data: { orgId: cell.id, kind: "regular", forMonth: "2027-05", startsAt: PREVIOUS, durationMinutes: 120, place: "Nhà văn hóa", status: "confirmed", confirmedAt: CONFIRMED },
      });
      await db().meetingRecord.create({ data: { meetingId: previous.id, state: "submitted", submittedAt: PREVIOUS } });
      await db().meetingConclusion.create({ data: { meetingId: previous.id, text: `Kết luận của chi bộ ${c}`, recordedAt: PREVIOUS } });
      const pledge = await db().task.create({ data: { meetingId: previous.id, orgId: cell.id, text: "Mỗi đảng viên một việc làm", dueOn: dueDay(12), wholeCell: true, createdAt: PREVIOUS } });
      // Every member but the last finished in some cells: done (those cells where the last one left), or overdue.
      await db().taskAssignee.createMany({ data: members.map((personId, m) => ({ taskId: pledge.id, personId, doneAt: m < MEMBERS - 1 && c % 4 < 2 ? dueDay(10) : null })) });
      const fees = await db().task.create({ data: { meetingId: previous.id, orgId: cell.id, text: "Thu đảng phí", dueOn: dueDay(30), createdAt: PREVIOUS } });
      await db().taskAssignee.create({ data: { taskId: fees.id, personId: members[1]!, doneAt: c % 3 === 0 ? dueDay(5) : null } });
      await db().taskNote.create({ data: { taskId: fees.id, personId: members[1]!, text: `ghi chú ${c}`, createdAt: dueDay(5) } });
      await createMeeting(db(), { orgId: cell.id, kind: "regular", startsAt: EVENING, durationMinutes: 120, place: "Nhà văn hóa", agenda: "Sinh hoạt", documents: [] }, "confirmed", CONFIRMED);
      cells.push({ id: cell.id, members });
    }
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  });

  it("reads every meeting's review at once, as the one-meeting read does", async () => {
    const meetings = await db().meeting.findMany({ where: { startsAt: EVENING }, orderBy: { id: "asc" } });
    const reviews = await reviewsOf(db(), meetings, T_MINUS_2H);
    expect(reviews.filter(Boolean)).toHaveLength(CELLS);
    for (const [i, meeting] of meetings.entries()) {
      const previous = await previousResolution(db(), meeting.orgId, meeting.startsAt, T_MINUS_2H);
      expect(reviews[i]).toEqual(reviewOf(previous!));
    }
    const statuses = reviews.map((review) => review!.tasks.find((task) => task.text === "Mỗi đảng viên một việc làm")!.status);
    expect(new Set(statuses)).toEqual(new Set(["done", "overdue"]));
  });

  it("queues every member's T−2h reminder, each opening with its cell's review", async () => {
    // The earlier reminders are left behind as handled (superseded), as after downtime.
    const summary = await runMeetingTick(db(), T_MINUS_2H, createLogger("silent"));
    expect(summary.reminders).toBe(CELLS * MEMBERS - CELLS / 2);
    const rows = await db().outboxMessage.findMany({ where: { kind: "reminder" }, select: { orgId: true, payload: true } });
    expect(rows).toHaveLength(CELLS * MEMBERS - CELLS / 2);
    for (const row of rows) {
      const cell = cells.findIndex((c) => c.id === row.orgId);
      expect((JSON.parse(row.payload) as { text: string }).text).toContain(`Kết luận kỳ trước: Kết luận của chi bộ ${cell}`);
    }
  });
});
