import { describe, expect, it } from "vitest";
import { isQuiet } from "../../src/domain/quiet.js";
import { dueNow, planMeeting, remindersFor, type PlanItem } from "../../src/domain/reminders.js";
import { DEFAULT_SETTINGS, type OrgSettings } from "../../src/domain/settings.js";

const VN = "Asia/Ho_Chi_Minh";
const BERLIN = "Europe/Berlin";
const NL = "America/St_Johns";
const at = (iso: string) => new Date(iso);
const settingsWith = (changes: Partial<OrgSettings>): OrgSettings => ({ ...DEFAULT_SETTINGS, ...changes });

/** The plan as [key, dueAt ISO, audience?] rows, for compact tables. */
type Row = [string, string] | [string, string, "unanswered" | "everyone"];
function rows(plan: PlanItem[]): Row[] {
  return plan.map((item) =>
    item.kind === "reminder" ? [item.key, item.dueAt.toISOString(), item.audience] : [item.key, item.dueAt.toISOString()],
  );
}
const row = (key: string, iso: string, audience?: "unanswered" | "everyone"): Row =>
  audience ? [key, at(iso).toISOString(), audience] : [key, at(iso).toISOString()];

describe("planMeeting", () => {
  it.each<[string, string, string, OrgSettings, Row[]]>([
    [
      "VN Saturday evening, defaults",
      "2026-12-05T19:30:00+07:00",
      VN,
      DEFAULT_SETTINGS,
      [
        row("r4320", "2026-12-02T19:30:00+07:00", "unanswered"),
        row("summary", "2026-12-04T18:00:00+07:00"),
        row("r1440", "2026-12-04T19:30:00+07:00", "unanswered"),
        row("docs", "2026-12-04T19:30:00+07:00"),
        row("r120", "2026-12-05T17:30:00+07:00", "everyone"),
      ],
    ],
    [
      "VN 08:00: the 2-hour reminder falls at 06:00, in quiet hours, and goes out at 06:30",
      "2026-12-05T08:00:00+07:00",
      VN,
      DEFAULT_SETTINGS,
      [
        row("r4320", "2026-12-02T08:00:00+07:00", "unanswered"),
        row("r1440", "2026-12-04T08:00:00+07:00", "unanswered"),
        row("docs", "2026-12-04T08:00:00+07:00"),
        row("summary", "2026-12-04T18:00:00+07:00"),
        row("r120", "2026-12-05T06:30:00+07:00", "everyone"),
      ],
    ],
    [
      "VN 06:45: the moved reminder is still before the start",
      "2026-12-05T06:45:00+07:00",
      VN,
      DEFAULT_SETTINGS,
      [
        row("r4320", "2026-12-02T06:45:00+07:00", "unanswered"),
        row("r1440", "2026-12-04T06:45:00+07:00", "unanswered"),
        row("docs", "2026-12-04T06:45:00+07:00"),
        row("summary", "2026-12-04T18:00:00+07:00"),
        row("r120", "2026-12-05T06:30:00+07:00", "everyone"),
      ],
    ],
    [
      "VN 06:30: the 2-hour reminder would land on the start and is left out; the 1-day one reaches everyone",
      "2026-12-05T06:30:00+07:00",
      VN,
      DEFAULT_SETTINGS,
      [
        row("r4320", "2026-12-02T06:30:00+07:00", "unanswered"),
        row("r1440", "2026-12-04T06:30:00+07:00", "everyone"),
        row("docs", "2026-12-04T06:30:00+07:00"),
        row("summary", "2026-12-04T18:00:00+07:00"),
      ],
    ],
    [
      "VN late evening: the documents check 24 h before falls in quiet hours",
      "2026-12-05T22:00:00+07:00",
      VN,
      DEFAULT_SETTINGS,
      [
        row("r4320", "2026-12-03T06:30:00+07:00", "unanswered"),
        row("summary", "2026-12-04T18:00:00+07:00"),
        row("r1440", "2026-12-05T06:30:00+07:00", "unanswered"),
        row("docs", "2026-12-05T06:30:00+07:00"),
        row("r120", "2026-12-05T20:00:00+07:00", "everyone"),
      ],
    ],
    [
      "VN meeting on 1 January: the evening before is 31 December",
      "2027-01-01T19:30:00+07:00",
      VN,
      DEFAULT_SETTINGS,
      [
        row("r4320", "2026-12-29T19:30:00+07:00", "unanswered"),
        row("summary", "2026-12-31T18:00:00+07:00"),
        row("r1440", "2026-12-31T19:30:00+07:00", "unanswered"),
        row("docs", "2026-12-31T19:30:00+07:00"),
        row("r120", "2027-01-01T17:30:00+07:00", "everyone"),
      ],
    ],
    [
      "VN meeting on 1 March 2024: the evening before is the leap day",
      "2024-03-01T19:30:00+07:00",
      VN,
      settingsWith({ reminderOffsetsMinutes: [] }),
      [row("summary", "2024-02-29T18:00:00+07:00"), row("docs", "2024-02-29T19:30:00+07:00")],
    ],
    [
      "summary time inside quiet hours moves to 06:30 on the meeting day",
      "2026-12-05T19:30:00+07:00",
      VN,
      settingsWith({ reminderOffsetsMinutes: [], summaryTime: "22:00" }),
      [row("docs", "2026-12-04T19:30:00+07:00"), row("summary", "2026-12-05T06:30:00+07:00")],
    ],
    [
      "a moved summary at the start itself is left out",
      "2026-12-05T06:30:00+07:00",
      VN,
      settingsWith({ reminderOffsetsMinutes: [], summaryTime: "22:00" }),
      [row("docs", "2026-12-04T06:30:00+07:00")],
    ],
    [
      "custom offsets: the smallest reaches everyone; a 21:30 reminder goes out at 06:30",
      "2026-12-05T08:00:00+07:00",
      VN,
      settingsWith({ reminderOffsetsMinutes: [30, 630, 2880] }),
      [
        row("r2880", "2026-12-03T08:00:00+07:00", "unanswered"),
        row("docs", "2026-12-04T08:00:00+07:00"),
        row("summary", "2026-12-04T18:00:00+07:00"),
        row("r630", "2026-12-05T06:30:00+07:00", "unanswered"),
        row("r30", "2026-12-05T07:30:00+07:00", "everyone"),
      ],
    ],
    [
      "repeated offsets give one reminder",
      "2026-12-05T19:30:00+07:00",
      VN,
      settingsWith({ reminderOffsetsMinutes: [120, 120] }),
      [row("summary", "2026-12-04T18:00:00+07:00"), row("docs", "2026-12-04T19:30:00+07:00"), row("r120", "2026-12-05T17:30:00+07:00", "everyone")],
    ],
    [
      "no quiet hours: a 05:00 reminder stays at 05:00",
      "2026-12-05T07:00:00+07:00",
      VN,
      settingsWith({ reminderOffsetsMinutes: [120], quietHours: { start: "00:00", end: "00:00" } }),
      [row("docs", "2026-12-04T07:00:00+07:00"), row("summary", "2026-12-04T18:00:00+07:00"), row("r120", "2026-12-05T05:00:00+07:00", "everyone")],
    ],
    [
      // Offsets are durations: 72 hours before 19:00 CEST on Monday is 18:00 CET on Friday.
      "Berlin, the Monday after spring forward",
      "2026-03-30T19:00:00+02:00",
      BERLIN,
      DEFAULT_SETTINGS,
      [
        row("r4320", "2026-03-27T18:00:00+01:00", "unanswered"),
        row("summary", "2026-03-29T18:00:00+02:00"),
        row("r1440", "2026-03-29T19:00:00+02:00", "unanswered"),
        row("docs", "2026-03-29T19:00:00+02:00"),
        row("r120", "2026-03-30T17:00:00+02:00", "everyone"),
      ],
    ],
    [
      "Berlin, the Monday after fall back",
      "2026-10-26T19:00:00+01:00",
      BERLIN,
      DEFAULT_SETTINGS,
      [
        row("r4320", "2026-10-23T20:00:00+02:00", "unanswered"),
        row("summary", "2026-10-25T18:00:00+01:00"),
        row("r1440", "2026-10-25T19:00:00+01:00", "unanswered"),
        row("docs", "2026-10-25T19:00:00+01:00"),
        row("r120", "2026-10-26T17:00:00+01:00", "everyone"),
      ],
    ],
    [
      "Berlin 08:00 on the day of spring forward: 06:00 CEST is quiet, out at 06:30 CEST",
      "2026-03-29T08:00:00+02:00",
      BERLIN,
      settingsWith({ reminderOffsetsMinutes: [120] }),
      [row("docs", "2026-03-28T07:00:00+01:00"), row("summary", "2026-03-28T18:00:00+01:00"), row("r120", "2026-03-29T06:30:00+02:00", "everyone")],
    ],
    [
      "St John's, the day after fall back",
      "2026-11-02T19:30:00-03:30",
      NL,
      DEFAULT_SETTINGS,
      [
        row("r4320", "2026-10-30T20:30:00-02:30", "unanswered"),
        row("summary", "2026-11-01T18:00:00-03:30"),
        row("r1440", "2026-11-01T19:30:00-03:30", "unanswered"),
        row("docs", "2026-11-01T19:30:00-03:30"),
        row("r120", "2026-11-02T17:30:00-03:30", "everyone"),
      ],
    ],
  ])("%s", (_label, startsAt, zone, settings, expected) => {
    const plan = planMeeting({ startsAt: at(startsAt), timeZone: zone, settings });
    expect(rows(plan)).toEqual(expected);
    for (const item of plan) expect(item.expiresAt.toISOString()).toBe(at(startsAt).toISOString());
    for (const item of plan) if (item.kind === "reminder") expect(item.key).toBe(`r${item.offsetMinutes}`);
  });

  // Meetings every 15 minutes through a day, in three zones, on DST days too.
  it.each<[string, string]>([
    [VN, "2026-12-05T00:00:00+07:00"],
    [BERLIN, "2026-03-29T00:00:00+01:00"],
    [BERLIN, "2026-10-25T00:00:00+02:00"],
    [NL, "2026-11-01T00:00:00-02:30"],
  ])("%s from %s: every plan is ordered, allowed, before the start, with one 'everyone'", (zone, from) => {
    for (let i = 0; i < 96; i++) {
      const startsAt = new Date(Date.parse(from) + i * 15 * 60_000);
      const plan = planMeeting({ startsAt, timeZone: zone, settings: DEFAULT_SETTINGS });
      const times = plan.map((p) => p.dueAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(new Set(plan.map((p) => p.key)).size).toBe(plan.length);
      for (const item of plan) {
        expect(item.dueAt.getTime()).toBeLessThan(startsAt.getTime());
        expect(item.expiresAt.getTime()).toBe(startsAt.getTime());
        expect(isQuiet(item.dueAt, zone, DEFAULT_SETTINGS.quietHours)).toBe(false);
      }
      const reminders = plan.filter((p) => p.kind === "reminder");
      const everyone = reminders.filter((r) => r.audience === "everyone");
      expect(everyone).toHaveLength(reminders.length > 0 ? 1 : 0);
      if (everyone.length === 1) {
        expect(everyone[0].offsetMinutes).toBe(Math.min(...reminders.map((r) => r.offsetMinutes)));
      }
      expect(plan.some((p) => p.kind === "docs_check")).toBe(true);
    }
  });
});

describe("dueNow", () => {
  // The defaults for 19:30 on Saturday 5 December 2026 in Viet Nam:
  // r4320 Wed 19:30, summary Fri 18:00, r1440 and docs Fri 19:30, r120 Sat 17:30.
  const plan = planMeeting({ startsAt: at("2026-12-05T19:30:00+07:00"), timeZone: VN, settings: DEFAULT_SETTINGS });
  const keys = (items: PlanItem[]) => items.map((item) => item.key);

  it.each<[string, string, string[], string[]]>([
    ["before anything", "2026-12-01T12:00:00+07:00", [], []],
    ["a millisecond before the first reminder", "2026-12-02T19:29:59.999+07:00", [], []],
    ["the first reminder on time", "2026-12-02T19:30:00+07:00", ["r4320"], []],
    ["the first reminder, still unsent a day later", "2026-12-03T19:30:00+07:00", ["r4320"], []],
    ["summary time", "2026-12-04T18:00:00+07:00", ["r4320", "summary"], []],
    ["one day before: the 1-day reminder replaces the 3-day one", "2026-12-04T19:30:00+07:00", ["summary", "r1440", "docs"], ["r4320"]],
    ["two hours before: only the last reminder", "2026-12-05T17:30:00+07:00", ["summary", "docs", "r120"], ["r4320", "r1440"]],
    ["back up a minute before the start after days down", "2026-12-05T19:29:00+07:00", ["summary", "docs", "r120"], ["r4320", "r1440"]],
    ["back up a millisecond before the start", "2026-12-05T19:29:59.999+07:00", ["summary", "docs", "r120"], ["r4320", "r1440"]],
    ["at the start everything has expired", "2026-12-05T19:30:00+07:00", [], []],
    ["after the start", "2026-12-06T08:00:00+07:00", [], []],
  ])("%s", (_label, now, due, superseded) => {
    const result = dueNow(plan, at(now));
    expect(keys(result.due)).toEqual(due);
    expect(keys(result.superseded)).toEqual(superseded);
  });

  it.each<[string, string[], string, string[], string[]]>([
    ["sent items removed: the last reminder alone", ["r120"], "2026-12-05T18:00:00+07:00", ["r120"], []],
    ["down from Tuesday to Friday evening", ["r4320", "summary", "r1440", "docs", "r120"], "2026-12-04T20:00:00+07:00", ["summary", "r1440", "docs"], ["r4320"]],
    ["summary already sent, reminders pending", ["r4320", "r1440", "docs", "r120"], "2026-12-04T20:00:00+07:00", ["r1440", "docs"], ["r4320"]],
    ["only the summary left, after the start", ["summary"], "2026-12-05T19:30:00+07:00", [], []],
    ["nothing left", [], "2026-12-05T18:00:00+07:00", [], []],
  ])("%s", (_label, pending, now, due, superseded) => {
    const result = dueNow(
      plan.filter((item) => pending.includes(item.key)),
      at(now),
    );
    expect(keys(result.due)).toEqual(due);
    expect(keys(result.superseded)).toEqual(superseded);
  });

  // Quiet hours 21:30–06:30 (the defaults) in Viet Nam.
  const quiet = { timeZone: VN, hours: DEFAULT_SETTINGS.quietHours };

  it.each<[string, string, string[], string[]]>([
    ["down since Tuesday, back at 05:00 on the day: nothing in quiet hours", "2026-12-05T05:00:00+07:00", [], []],
    ["the same, a minute before quiet hours end", "2026-12-05T06:29:00+07:00", [], []],
    ["the same at 06:30: what is still useful, once", "2026-12-05T06:30:00+07:00", ["summary", "r1440", "docs"], ["r4320"]],
    ["back at 22:00 on Friday: waits for the morning", "2026-12-04T22:00:00+07:00", [], []],
    ["on time in the day, as without quiet hours", "2026-12-05T17:30:00+07:00", ["summary", "docs", "r120"], ["r4320", "r1440"]],
  ])("in quiet hours nothing is due: %s", (_label, now, due, superseded) => {
    const result = dueNow(plan, at(now), { quiet });
    expect(keys(result.due)).toEqual(due);
    expect(keys(result.superseded)).toEqual(superseded);
  });

  describe("a meeting set at 23:00 for 07:00 the next morning", () => {
    // Its notice is held until 06:30; r120 (05:00) moved to 06:30; the rest lie in the past.
    const early = planMeeting({ startsAt: at("2027-01-20T07:00:00+07:00"), timeZone: VN, settings: DEFAULT_SETTINGS });
    const toldAt = at("2027-01-20T06:30:00+07:00");
    it.each<[string, string, string[], string[]]>([
      ["the tick a minute later (quiet)", "2027-01-19T23:01:00+07:00", [], []],
      ["the tick at 05:00 (quiet)", "2027-01-20T05:00:00+07:00", [], []],
      // No reminder with or before the notice; no summary of answers nobody could give.
      ["the first tick after quiet hours", "2027-01-20T06:30:00+07:00", ["docs"], []],
      ["a minute later", "2027-01-20T06:31:00+07:00", ["docs"], []],
    ])("%s", (_label, now, due, superseded) => {
      const result = dueNow(early, at(now), { quiet, toldAt });
      expect(keys(result.due)).toEqual(due);
      expect(keys(result.superseded)).toEqual(superseded);
    });

    it("plans r120 at the end of quiet hours, which the notice itself covers", () => {
      expect(rows(early).find(([key]) => key === "r120")).toEqual(row("r120", "2027-01-20T06:30:00+07:00", "everyone"));
    });
  });

  it.each<[string, string, string, string[], string[]]>([
    ["confirmed at 14:00 on the day: no reminder a minute after the notice", "2026-12-05T14:00:00+07:00", "2026-12-05T14:01:00+07:00", ["docs"], []],
    ["the same at 17:30: the last reminder, to everyone", "2026-12-05T14:00:00+07:00", "2026-12-05T17:30:00+07:00", ["docs", "r120"], []],
    // r4320 (Wednesday) lay before the notice: not sent, and not counted as superseded either.
    ["confirmed on Thursday: the summary and the 1-day reminder go as planned", "2026-12-03T10:00:00+07:00", "2026-12-04T19:30:00+07:00", ["summary", "r1440", "docs"], []],
    ["told exactly at a reminder's time: that reminder and the earlier summary are left out", "2026-12-04T19:30:00+07:00", "2026-12-04T19:31:00+07:00", ["docs"], []],
  ])("reminders before the notice are never sent: %s", (_label, told, now, due, superseded) => {
    const result = dueNow(plan, at(now), { toldAt: at(told), quiet });
    expect(keys(result.due)).toEqual(due);
    expect(keys(result.superseded)).toEqual(superseded);
  });

  it("returns the plan's own items, so the caller can match them", () => {
    const result = dueNow(plan, at("2026-12-05T17:30:00+07:00"));
    for (const item of [...result.due, ...result.superseded]) expect(plan).toContain(item);
  });
});

describe("remindersFor", () => {
  const plan = planMeeting({ startsAt: at("2026-12-05T19:30:00+07:00"), timeZone: VN, settings: DEFAULT_SETTINGS });
  const last = plan.find((item) => item.key === "r120");
  const early = plan.find((item) => item.key === "r4320");

  it.each<[string, "unanswered" | "everyone", boolean, boolean]>([
    ["everyone, answered", "everyone", true, true],
    ["everyone, not answered", "everyone", false, true],
    ["unanswered only, answered", "unanswered", true, false],
    ["unanswered only, not answered", "unanswered", false, true],
  ])("%s", (_label, audience, answered, expected) => {
    const item = audience === "everyone" ? last : early;
    if (item?.kind !== "reminder") throw new Error("test plan has no such reminder");
    expect(item.audience).toBe(audience);
    expect(remindersFor(item, answered)).toBe(expected);
  });
});
