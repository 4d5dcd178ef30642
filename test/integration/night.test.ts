// Nothing the scheduler sends reaches anyone in their quiet hours (21:30–06:30 by
// default), late or not, and a reminder never arrives before the notice it refers to.
// Two nights, played through the real bot against the Telegram stand-in: a meeting set
// at 23:00 for 07:00 the next morning, and a bot that was down until 05:00 on the day.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMeeting, postponeMeeting } from "../../src/features/meetings/mutations.js";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import type { FakeUser } from "../../src/testing/fake-telegram.js";
import { linkUser, startBot, type RunningBot } from "../helpers/bot.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS } from "../helpers/files.js";

const DAY = new Date("2027-01-19T10:00:00+07:00");
const NOTICE = /^📅 THÔNG BÁO SINH HOẠT CHI BỘ/;
const REMINDER = /^⏰ NHẮC LỊCH/;

describe.each(PROVIDERS)("quiet hours on %s", (provider) => {
  let database: TestDatabase;
  let running: RunningBot;
  let secretary: FakeUser;
  let mot: FakeUser;
  let hai: FakeUser;
  const db = () => database.db;
  const cell = async () => (await db().org.findUniqueOrThrow({ where: { code: "A1" } })).id;
  /** What each of the three has received since the mark. */
  const since = (mark: number[]) => [secretary, mot, hai].map((user, i) => user.messages().slice(mark[i]).map((m) => m.text));
  const mark = () => [secretary, mot, hai].map((user) => user.messages().length);

  async function schedule(startsAt: string, at: string) {
    running.now.value = new Date(at);
    const input = { orgId: await cell(), kind: "regular" as const, startsAt: new Date(startsAt), durationMinutes: 90, place: "Nhà văn hoá", agenda: "", documents: [] };
    return createMeeting(db(), input, "confirmed", running.now.value);
  }

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(db(), files["orgs.csv"], files["members.csv"], { now: DAY });
    running = await startBot(db(), { now: DAY });
    secretary = await linkUser(running, db(), 7101, "A1", "+84912000101");
    mot = await linkUser(running, db(), 7102, "A1", "+84912000103");
    hai = await linkUser(running, db(), 7103, "A1", "+84912000104");
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it("holds a meeting set at 23:00 for 07:00, and sends no reminder before or with its notice", async () => {
    const before = mark();
    const meeting = await schedule("2027-01-20T07:00:00+07:00", "2027-01-19T23:00:00+07:00");
    for (const at of ["2027-01-19T23:01:00+07:00", "2027-01-20T00:00:00+07:00", "2027-01-20T05:00:00+07:00", "2027-01-20T06:29:00+07:00"]) {
      await running.tickAt(at);
      expect(since(before), `at ${at}`).toEqual([[], [], []]);
    }
    await running.tickAt("2027-01-20T06:30:00+07:00");
    const [toSecretary, toMot, toHai] = since(before);
    for (const texts of [toSecretary, toMot, toHai]) {
      expect(texts.filter((t) => NOTICE.test(t))).toHaveLength(1);
      expect(texts.filter((t) => REMINDER.test(t))).toEqual([]);
    }
    // The secretary hears about the missing documents, not an empty summary of answers.
    expect(toSecretary.filter((t) => !NOTICE.test(t))).toEqual([expect.stringMatching(/tài liệu/)]);
    await running.tickAt("2027-01-20T06:45:00+07:00");
    expect(since(before).map((texts) => texts.length)).toEqual([2, 1, 1]);
    const reminders = await db().outboxMessage.count({ where: { meetingId: meeting.id, kind: "reminder" } });
    expect(reminders).toBe(0);
  });

  it("after downtime until 05:00 on the day, sends what is still useful at 06:30, once", async () => {
    const meeting = await schedule("2027-01-23T19:30:00+07:00", "2027-01-20T10:00:00+07:00");
    await running.tickAt("2027-01-20T10:01:00+07:00");
    await running.tickAt("2027-01-20T19:30:00+07:00"); // the 3-day reminder, on time
    const before = mark();
    // Down from here until 05:00 on the day: the 1-day reminder, the summary and the
    // documents check were all due while it was down.
    await running.tickAt("2027-01-23T05:00:00+07:00");
    expect(since(before)).toEqual([[], [], []]);
    await running.tickAt("2027-01-23T06:30:00+07:00");
    const [toSecretary, toMot, toHai] = since(before);
    for (const texts of [toMot, toHai]) expect(texts).toEqual([expect.stringMatching(REMINDER)]);
    // The reminder, the evening-before summary, the documents check (and, about the
    // meeting of the 20th, a nudge to record it: it too waited for the morning).
    expect(toSecretary.filter((t) => t.includes("23/01/2027"))).toHaveLength(3);
    expect(toSecretary).toHaveLength(4);
    const sentAt = await db().outboxMessage.findMany({ where: { meetingId: meeting.id, createdAt: { gte: new Date("2027-01-23T00:00:00+07:00") } } });
    for (const row of sentAt) expect(row.notBefore.getTime()).toBeGreaterThanOrEqual(new Date("2027-01-23T06:30:00+07:00").getTime());
    await running.tickAt("2027-01-23T06:31:00+07:00");
    expect(since(before).map((texts) => texts.length)).toEqual([4, 1, 1]);
  });

  it("sends no reminder before the notice that a meeting moved at night", async () => {
    const meeting = await schedule("2027-01-28T19:30:00+07:00", "2027-01-25T10:00:00+07:00");
    await running.tickAt("2027-01-25T10:01:00+07:00");
    running.now.value = new Date("2027-01-26T23:00:00+07:00");
    expect((await postponeMeeting(db(), meeting.id, new Date("2027-01-27T19:30:00+07:00"), "trùng lịch", running.now.value)).kind).toBe("postponed");
    const before = mark();
    await running.tickAt("2027-01-26T23:01:00+07:00");
    await running.tickAt("2027-01-27T05:00:00+07:00");
    expect(since(before)).toEqual([[], [], []]);
    await running.tickAt("2027-01-27T06:30:00+07:00");
    // Each member hears that it moved, and no reminder of the 1-day kind with it.
    for (const texts of since(before).slice(1)) {
      expect(texts.filter((t) => REMINDER.test(t))).toEqual([]);
      expect(texts).toHaveLength(1);
    }
    await running.tickAt("2027-01-27T17:30:00+07:00");
    for (const texts of since(before).slice(1)) expect(texts.filter((t) => REMINDER.test(t))).toHaveLength(1);
  });
});
