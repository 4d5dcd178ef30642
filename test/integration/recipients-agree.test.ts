// Who hears about a cell's meeting is decided in three places: recipientsOf (Prisma
// reads; used for meetings with uploaded files and for tallies), the set-based SQL that
// enqueueToCells runs for notices and reminders, and peopleOfCells behind the
// secretary's evening-before summary. Nothing but this file checks that they agree. One
// cell holds every case (each status, opt-in, followers, unlinked and unreachable
// people, three language settings), so a change to one copy of the rule cannot quietly
// leave a member uninvited, message someone who should not hear, or skew the summary.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translate } from "../../src/bot/i18n.js";
import type { Db } from "../../src/db/client.js";
import type { OutboxItem } from "../../src/delivery/outbox.js";
import { loadMeeting, viewOf } from "../../src/org/meetings.js";
import { recipientsOf } from "../../src/org/people.js";
import { queueNotices } from "../../src/features/meetings/mutations.js";
import { noticeItems, reminderItems } from "../../src/org/meeting-messages.js";
import { runMeetingTick } from "../../src/features/meetings/planner.js";
import { createLogger } from "../../src/logger.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";

/** A wall-clock time in Hanoi (UTC+7 all year) in December 2026; the tests run in another zone. */
const hanoi = (day: number, hour: number) => new Date(Date.UTC(2026, 11, day, hour - 7));

const NOTICE_AT = hanoi(1, 10); // daytime: notices are not held back for quiet hours
const STARTS_AT = hanoi(10, 14); // Thursday 10/12/2026 14:00; default reminders 72 h, 24 h, 2 h before
const DAY_BEFORE = hanoi(9, 14); // the 24-hour reminder: only to those who have not answered
const SUMMARY_AT = hanoi(9, 18); // the secretary's summary, 18:00 the evening before
const TWO_HOURS_BEFORE = hanoi(10, 12); // the last reminder: to everyone, answered or not
const REVISION = 2; // the meeting was moved once: answers to revision 1 no longer count

type Cell = "one" | "two";

interface Case {
  name: string;
  chat: string | null;
  locale: string | null;
  unreachable?: boolean;
  memberships: { cell: Cell; status: string; role?: string; noticeOptIn?: boolean }[];
  followsOne?: boolean;
  /** An answer to cell one's meeting, given to `revision`. */
  answer?: { answer: "attend" | "absent"; revision: number; reasonCategory?: string; reasonText?: string };
  /** The facts under test: whose chats get cell one's messages, whom its summary names. */
  hearsOne: boolean;
  namedInSummaryOne: boolean;
}

const official = (cell: Cell, role = "member") => ({ cell, status: "official", role });
const attends = { answer: "attend" as const, revision: REVISION };

const CASES: Case[] = [
  { name: "Nguyễn Văn Bí", chat: "7001", locale: "en", memberships: [official("one", "secretary")], answer: attends, hearsOne: true, namedInSummaryOne: true },
  { name: "Trần Văn Chính", chat: "7002", locale: "vi", memberships: [official("one")], answer: attends, hearsOne: true, namedInSummaryOne: true },
  {
    name: "Lê Thị Dự",
    chat: "7003",
    locale: null,
    memberships: [{ cell: "one", status: "probationary" }],
    answer: { answer: "absent", revision: REVISION, reasonCategory: "illness", reasonText: "sốt cao" },
    hearsOne: true,
    namedInSummaryOne: true,
  },
  {
    name: "Phạm Văn Miễn",
    chat: "7004",
    locale: "en",
    memberships: [{ cell: "one", status: "exempt", noticeOptIn: true }],
    answer: { answer: "attend", revision: REVISION - 1 },
    hearsOne: true,
    namedInSummaryOne: true,
  },
  { name: "Hoàng Văn Nghỉ", chat: "7005", locale: "vi", memberships: [{ cell: "one", status: "exempt" }], hearsOne: false, namedInSummaryOne: false },
  // Exempt and not opted in, but following the cell: hears as a follower, not counted.
  { name: "Đỗ Thị Theo", chat: "7006", locale: "vi", memberships: [{ cell: "one", status: "exempt" }], followsOne: true, hearsOne: true, namedInSummaryOne: false },
  // Transferred away from cell one; attends cell two meanwhile.
  {
    name: "Vũ Văn Chuyển",
    chat: "7007",
    locale: "vi",
    memberships: [{ cell: "one", status: "transferred" }, { cell: "two", status: "probationary" }],
    hearsOne: false,
    namedInSummaryOne: false,
  },
  { name: "Bùi Văn Lạ", chat: "7008", locale: "vi", memberships: [{ cell: "one", status: "suspended" }], hearsOne: false, namedInSummaryOne: false },
  { name: "Đặng Thị Xa", chat: null, locale: "vi", memberships: [official("one")], hearsOne: false, namedInSummaryOne: true },
  { name: "Ngô Văn Chặn", chat: "7010", locale: "en", unreachable: true, memberships: [official("one")], hearsOne: false, namedInSummaryOne: true },
  // A member who also follows the cell: one message, as a member.
  { name: "Dương Thị Kép", chat: "7011", locale: null, memberships: [official("one")], followsOne: true, hearsOne: true, namedInSummaryOne: true },
  // From cell two, following cell one: hears, answers as a guest, is not counted.
  { name: "Lý Văn Trên", chat: "7012", locale: "en", memberships: [official("two")], followsOne: true, answer: attends, hearsOne: true, namedInSummaryOne: false },
  { name: "Mai Văn Hai", chat: "7101", locale: "en", memberships: [official("two", "secretary")], hearsOne: false, namedInSummaryOne: false },
  { name: "Trịnh Thị Ba", chat: "7102", locale: "vi", memberships: [{ cell: "two", status: "probationary" }], hearsOne: false, namedInSummaryOne: false },
];
const CELL_TWO_HEARS = ["Mai Văn Hai", "Trịnh Thị Ba", "Lý Văn Trên", "Vũ Văn Chuyển"];

/** An outbox row as the tests compare it: every field a sender acts on. */
interface Row {
  key: string;
  chatId: string;
  personId: number | null;
  orgId: number | null;
  meetingId: number | null;
  kind: string;
  payload: { text: string; replyMarkup?: unknown };
  notBefore: Date;
  expiresAt: Date | null;
}

const byKey = (a: Row, b: Row) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Rows as a per-recipient builder would write them (payload through JSON, as stored). */
function asRows(items: OutboxItem[]): Row[] {
  return items
    .map((i) => ({
      key: i.key,
      chatId: i.chatId,
      personId: i.personId ?? null,
      orgId: i.orgId ?? null,
      meetingId: i.meetingId ?? null,
      kind: i.kind,
      payload: JSON.parse(JSON.stringify(i.payload)),
      notBefore: i.notBefore,
      expiresAt: i.expiresAt ?? null,
    }))
    .sort(byKey);
}

/** The queued rows of a meeting of one kind; for reminders, of one plan item ("r1440"). */
async function queued(db: Db, meetingId: number, kind: string, itemKey?: string): Promise<Row[]> {
  const rows = await db.outboxMessage.findMany({
    where: { meetingId, kind, ...(itemKey ? { key: { contains: `:${itemKey}:` } } : {}) },
    select: { key: true, chatId: true, personId: true, orgId: true, meetingId: true, kind: true, payload: true, notBefore: true, expiresAt: true },
  });
  return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) })).sort(byKey);
}

/** What the message builders take about a meeting, read back from the database. */
async function baseOf(db: Db, meetingId: number, notBefore: Date) {
  const meeting = (await loadMeeting(db, meetingId))!;
  return { meeting: { ...viewOf(meeting), revision: meeting.revision, orgId: meeting.orgId }, notBefore, expiresAt: meeting.startsAt };
}

/** A summary line ("Attending (2): A, B") as its count and names. */
function summaryPart(text: string, label: string) {
  const line = text.split("\n").find((l) => l.startsWith(`${label} (`));
  const [, count, names] = /^.+? \((\d+)\): (.*)$/.exec(line ?? "") ?? [];
  return { count: Number(count), names: names === undefined || names === "—" ? [] : names.split(", ").sort() };
}

describe.each(PROVIDERS)("the three recipient rules agree on %s", (provider) => {
  let database: TestDatabase;
  const db = () => database.db;
  const cells = {} as Record<Cell, number>;
  const meetings = {} as Record<Cell, number>;
  const ids = new Map<string, number>();
  const idsOf = (names: string[]) => names.map((n) => ids.get(n)!).sort((a, b) => a - b);
  const personIds = (rows: Row[]) => rows.map((r) => r.personId!).sort((a, b) => a - b);
  /** Who answered the meeting's current revision: in cell one as the table says, in cell two nobody. */
  const answered = (cell: Cell) =>
    new Set(cell === "one" ? CASES.filter((c) => c.answer?.revision === REVISION).map((c) => ids.get(c.name)!) : []);
  const logger = createLogger("silent");

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    for (const [cell, code] of [["one", "C1"], ["two", "C2"]] as const) {
      const org = await db().org.create({ data: { code, name: `Chi bộ ${code}`, kind: "cell", path: "" } });
      await db().org.update({ where: { id: org.id }, data: { path: `/${org.id}/` } });
      cells[cell] = org.id;
      const meeting = await db().meeting.create({
        data: { orgId: org.id, kind: "regular", forMonth: "2026-12", startsAt: STARTS_AT, durationMinutes: 90, place: "Hội trường", status: "confirmed", revision: REVISION },
      });
      meetings[cell] = meeting.id;
    }
    for (const [index, c] of CASES.entries()) {
      const person = await db().person.create({
        data: {
          fullName: c.name,
          phone: `+849120${String(index).padStart(5, "0")}`,
          locale: c.locale,
          telegramUserId: c.chat,
          telegramChatId: c.chat,
          linkedAt: c.chat ? hanoi(1, 8) : null,
          unreachableAt: c.unreachable ? hanoi(1, 9) : null,
        },
      });
      ids.set(c.name, person.id);
      for (const m of c.memberships) {
        await db().membership.create({
          data: { orgId: cells[m.cell], personId: person.id, status: m.status, role: m.role ?? "member", noticeOptIn: m.noticeOptIn ?? false },
        });
      }
      if (c.followsOne) await db().follow.create({ data: { orgId: cells.one, personId: person.id } });
      if (c.answer) {
        const { answer, revision, reasonCategory, reasonText } = c.answer;
        await db().meetingAnswer.create({
          data: { meetingId: meetings.one, personId: person.id, answer, revision, reasonCategory, reasonText, answeredAt: hanoi(2, 9) },
        });
      }
    }
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("recipientsOf itself follows the case table", async () => {
    const recipients = await recipientsOf(db(), cells.one);
    expect(recipients.filter((r) => r.chatId).map((r) => r.personId).sort((a, b) => a - b)).toEqual(idsOf(CASES.filter((c) => c.hearsOne).map((c) => c.name)));
    expect(recipients.filter((r) => !r.follower).map((r) => r.fullName).sort()).toEqual(CASES.filter((c) => c.namedInSummaryOne).map((c) => c.name).sort());
    // The member who also follows is listed once, as a member.
    expect(recipients.filter((r) => r.fullName === "Dương Thị Kép")).toMatchObject([{ follower: false }]);
  });

  it("queues notices, set-based, exactly as noticeItems builds them from recipientsOf", async () => {
    for (const cell of ["one", "two"] as const) {
      await queueNotices(db(), meetings[cell], NOTICE_AT);
      const recipients = (await recipientsOf(db(), cells[cell])).filter((r) => r.chatId !== null);
      const expected = asRows(noticeItems(translate, await baseOf(db(), meetings[cell], NOTICE_AT), recipients));
      expect(await queued(db(), meetings[cell], "notice")).toEqual(expected);
    }

    const one = await queued(db(), meetings.one, "notice");
    expect(personIds(one)).toEqual(idsOf(CASES.filter((c) => c.hearsOne).map((c) => c.name)));
    for (const name of ["Hoàng Văn Nghỉ", "Vũ Văn Chuyển", "Bùi Văn Lạ", "Đặng Thị Xa", "Ngô Văn Chặn", "Mai Văn Hai"]) {
      expect(one.some((r) => r.personId === ids.get(name)), name).toBe(false);
    }
    const textOf = (name: string) => one.find((r) => r.personId === ids.get(name))!.payload.text;
    expect(textOf("Phạm Văn Miễn")).toMatch(/^📅 PARTY CELL MEETING NOTICE/);
    expect(textOf("Dương Thị Kép")).toMatch(/^📅 THÔNG BÁO SINH HOẠT CHI BỘ/); // no language chosen: Vietnamese
    expect(one.every((r) => r.notBefore.getTime() === NOTICE_AT.getTime() && r.expiresAt?.getTime() === STARTS_AT.getTime())).toBe(true);
    expect(personIds(await queued(db(), meetings.two, "notice"))).toEqual(idsOf(CELL_TWO_HEARS));
  });

  it("sends the 24-hour reminder to those who have not answered this revision, as reminderItems would", async () => {
    await runMeetingTick(db(), DAY_BEFORE, logger);
    for (const cell of ["one", "two"] as const) {
      const unanswered = (await recipientsOf(db(), cells[cell])).filter((r) => r.chatId !== null && !answered(cell).has(r.personId));
      const base = await baseOf(db(), meetings[cell], DAY_BEFORE);
      expect(await queued(db(), meetings[cell], "reminder", "r1440")).toEqual(asRows(reminderItems(translate, base, "r1440", unanswered, answered(cell))));
    }

    const one = await queued(db(), meetings.one, "reminder", "r1440");
    // Phạm Văn Miễn answered the meeting before it moved: asked again.
    expect(personIds(one)).toEqual(idsOf(["Phạm Văn Miễn", "Đỗ Thị Theo", "Dương Thị Kép"]));
    expect(one.find((r) => r.personId === ids.get("Phạm Văn Miễn"))!.payload.text).toMatch(/You have not confirmed yet\./);
    expect(personIds(await queued(db(), meetings.two, "reminder", "r1440"))).toEqual(idsOf(CELL_TWO_HEARS));
  });

  it("sums up for each secretary exactly the expected members, with their answers", async () => {
    await runMeetingTick(db(), SUMMARY_AT, logger);
    const summaries = await db().outboxMessage.findMany({ where: { kind: "summary" } });
    expect(summaries.map((s) => [s.meetingId, s.chatId]).sort()).toEqual([
      [meetings.one, "7001"],
      [meetings.two, "7101"],
    ]);
    const textOf = (cell: Cell) => JSON.parse(summaries.find((s) => s.meetingId === meetings[cell])!.payload).text as string;

    const members = (await recipientsOf(db(), cells.one)).filter((r) => !r.follower);
    const answerOf = (name: string) => CASES.find((c) => c.name === name)!.answer;
    const current = (name: string) => (answerOf(name)?.revision === REVISION ? answerOf(name)!.answer : undefined);
    const coming = summaryPart(textOf("one"), "Attending");
    const absent = summaryPart(textOf("one"), "Absent with a reason");
    const silent = summaryPart(textOf("one"), "No answer yet");
    expect(coming.names).toEqual(members.filter((r) => current(r.fullName) === "attend").map((r) => r.fullName).sort());
    expect(absent.names).toEqual(["Lê Thị Dự (Illness: sốt cao)"]);
    expect(silent.names).toEqual(
      members
        .filter((r) => current(r.fullName) === undefined)
        .map((r) => (r.chatId ? r.fullName : `${r.fullName} (not on the bot)`))
        .sort(),
    );
    expect([coming.count, absent.count, silent.count]).toEqual([2, 1, 4]);
    expect(coming.count + absent.count + silent.count).toBe(members.length);
    expect(silent.names).toContain("Đặng Thị Xa (not on the bot)");
    expect(textOf("one")).toContain(`Expected 2/${members.length} members`);

    const cellTwo = summaryPart(textOf("two"), "No answer yet");
    const membersTwo = (await recipientsOf(db(), cells.two)).filter((r) => !r.follower);
    expect(cellTwo.names).toEqual(membersTwo.map((r) => r.fullName).sort());
    expect(cellTwo.names).toEqual([...CELL_TWO_HEARS].sort());
  });

  it("sends the last reminder to everyone who hears, without buttons for those who answered", async () => {
    await runMeetingTick(db(), TWO_HOURS_BEFORE, logger);
    for (const cell of ["one", "two"] as const) {
      const recipients = (await recipientsOf(db(), cells[cell])).filter((r) => r.chatId !== null);
      const base = await baseOf(db(), meetings[cell], TWO_HOURS_BEFORE);
      expect(await queued(db(), meetings[cell], "reminder", "r120")).toEqual(asRows(reminderItems(translate, base, "r120", recipients, answered(cell))));
    }

    const one = await queued(db(), meetings.one, "reminder", "r120");
    expect(personIds(one)).toEqual(idsOf(CASES.filter((c) => c.hearsOne).map((c) => c.name)));
    const of = (name: string) => one.find((r) => r.personId === ids.get(name))!.payload;
    expect(of("Nguyễn Văn Bí")).toEqual({ text: expect.stringMatching(/^⏰ REMINDER: cell meeting at .*\.\n/) });
    expect(of("Dương Thị Kép").replyMarkup).toBeDefined();
  });
});
