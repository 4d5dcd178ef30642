import { describe, expect, it } from "vitest";
import { regularDoneFor, regularMonthOf, thematicDoneFor, type HeldMeeting } from "../../src/domain/compliance.js";
import { DEFAULT_SETTINGS, type OrgSettings } from "../../src/domain/settings.js";

const VN = "Asia/Ho_Chi_Minh";
const NL = "America/St_Johns";
const UTC = "UTC";

const held = (kind: HeldMeeting["kind"], forMonth: string, iso: string, notHeld = false): HeldMeeting => ({
  kind,
  forMonth,
  startedAt: new Date(iso),
  notHeld,
});

const settings = (allowFirstOfNextMonth: boolean): OrgSettings => ({ ...DEFAULT_SETTINGS, allowFirstOfNextMonth });

describe("regularDoneFor", () => {
  it.each<[string, string, HeldMeeting[], boolean, string, boolean]>([
    ["a regular meeting in the month", "2026-11", [held("regular", "2026-11", "2026-11-20T19:30:00+07:00")], false, VN, true],
    ["a combined meeting in the month", "2026-11", [held("combined", "2026-11", "2026-11-20T19:30:00+07:00")], false, VN, true],
    ["only a thematic meeting: not the monthly meeting", "2026-11", [held("thematic", "2026-11", "2026-11-20T19:30:00+07:00")], false, VN, false],
    ["recorded as not held", "2026-11", [held("regular", "2026-11", "2026-11-20T19:30:00+07:00", true)], false, VN, false],
    ["cancelled (not in the input): nothing held", "2026-11", [], false, VN, false],
    [
      "one not held, another held",
      "2026-11",
      [held("regular", "2026-11", "2026-11-10T19:30:00+07:00", true), held("regular", "2026-11", "2026-11-24T19:30:00+07:00")],
      false,
      VN,
      true,
    ],
    ["a meeting in the month before", "2026-11", [held("regular", "2026-10", "2026-10-30T19:30:00+07:00")], false, VN, false],
    ["last evening of the month", "2026-11", [held("regular", "2026-11", "2026-11-30T21:00:00+07:00")], false, VN, true],
    // The 1st of the next month.
    ["held on 1 Dec for November, setting off", "2026-11", [held("regular", "2026-11", "2026-12-01T19:30:00+07:00")], false, VN, false],
    ["held on 1 Dec for November, setting on", "2026-11", [held("regular", "2026-11", "2026-12-01T19:30:00+07:00")], true, VN, true],
    ["held on 1 Dec for November, setting off: it counts for December", "2026-12", [held("regular", "2026-11", "2026-12-01T19:30:00+07:00")], false, VN, true],
    ["held on 1 Dec for November, setting on: not for December too", "2026-12", [held("regular", "2026-11", "2026-12-01T19:30:00+07:00")], true, VN, false],
    ["held on 1 Dec for December, setting on: December's", "2026-12", [held("regular", "2026-12", "2026-12-01T19:30:00+07:00")], true, VN, true],
    ["held on 1 Dec for December, setting on: not November's", "2026-11", [held("regular", "2026-12", "2026-12-01T19:30:00+07:00")], true, VN, false],
    ["held on 2 Dec for November, setting on: too late", "2026-11", [held("regular", "2026-11", "2026-12-02T19:30:00+07:00")], true, VN, false],
    ["held on 1 Dec for October, setting on: only the month just before", "2026-10", [held("regular", "2026-10", "2026-12-01T19:30:00+07:00")], true, VN, false],
    ["combined on the 1st, setting on", "2026-11", [held("combined", "2026-11", "2026-12-01T19:30:00+07:00")], true, VN, true],
    ["thematic on the 1st, setting on: still not a regular meeting", "2026-11", [held("thematic", "2026-11", "2026-12-01T19:30:00+07:00")], true, VN, false],
    ["not held on the 1st, setting on", "2026-11", [held("regular", "2026-11", "2026-12-01T19:30:00+07:00", true)], true, VN, false],
    ["held late on 5 Dec for November: December's", "2026-12", [held("regular", "2026-11", "2026-12-05T19:30:00+07:00")], true, VN, true],
    ["held late on 5 Dec for November: not November's", "2026-11", [held("regular", "2026-11", "2026-12-05T19:30:00+07:00")], true, VN, false],
    // Year edge.
    ["1 Jan 2027 for December 2026, setting on", "2026-12", [held("regular", "2026-12", "2027-01-01T19:30:00+07:00")], true, VN, true],
    ["1 Jan 2027 for December 2026, setting off", "2026-12", [held("regular", "2026-12", "2027-01-01T19:30:00+07:00")], false, VN, false],
    ["1 Jan 2027 for December 2026, setting off: January's", "2027-01", [held("regular", "2026-12", "2027-01-01T19:30:00+07:00")], false, VN, true],
    // The organisation's zone, not UTC, decides the day and month.
    ["06:00 on 1 Dec in Viet Nam is still 30 Nov in UTC: setting off", "2026-11", [held("regular", "2026-11", "2026-12-01T06:00:00+07:00")], false, VN, false],
    ["06:00 on 1 Dec in Viet Nam, setting on", "2026-11", [held("regular", "2026-11", "2026-12-01T06:00:00+07:00")], true, VN, true],
    ["the same instant read in UTC is 30 Nov", "2026-11", [held("regular", "2026-11", "2026-12-01T06:00:00+07:00")], false, UTC, true],
    ["21:00 on 30 Nov in St John's is 1 Dec in UTC", "2026-11", [held("regular", "2026-11", "2026-11-30T21:00:00-03:30")], false, NL, true],
    ["21:00 on 30 Nov in St John's is not December", "2026-12", [held("regular", "2026-12", "2026-11-30T21:00:00-03:30")], true, NL, false],
    ["21:00 on 1 Dec in St John's (2 Dec in UTC), setting on", "2026-11", [held("regular", "2026-11", "2026-12-01T21:00:00-03:30")], true, NL, true],
  ])("%s", (_label, month, meetings, allow, zone, expected) => {
    expect(regularDoneFor(month, meetings, zone, settings(allow))).toBe(expected);
  });
});

describe("regularMonthOf", () => {
  it.each<[HeldMeeting, boolean, string]>([
    [held("regular", "2026-11", "2026-11-20T19:30:00+07:00"), true, "2026-11"],
    [held("regular", "2026-11", "2026-12-01T19:30:00+07:00"), true, "2026-11"],
    [held("regular", "2026-11", "2026-12-01T19:30:00+07:00"), false, "2026-12"],
    [held("regular", "2026-12", "2027-01-01T19:30:00+07:00"), true, "2026-12"],
    [held("regular", "garbage", "2026-12-01T19:30:00+07:00"), true, "2026-12"],
  ])("%j with the setting %s → %s", (meeting, allow, month) => {
    expect(regularMonthOf(meeting, VN, settings(allow))).toBe(month);
  });
});

describe("thematicDoneFor", () => {
  it.each<[string, string, HeldMeeting[], string, boolean]>([
    ["a thematic meeting in the quarter", "2026-Q4", [held("thematic", "2026-11", "2026-11-12T19:30:00+07:00")], VN, true],
    ["a combined meeting in the quarter", "2026-Q4", [held("combined", "2026-10", "2026-10-12T19:30:00+07:00")], VN, true],
    ["only regular meetings", "2026-Q4", [held("regular", "2026-10", "2026-10-12T19:30:00+07:00"), held("regular", "2026-11", "2026-11-12T19:30:00+07:00")], VN, false],
    ["recorded as not held", "2026-Q4", [held("thematic", "2026-11", "2026-11-12T19:30:00+07:00", true)], VN, false],
    ["cancelled (not in the input)", "2026-Q4", [], VN, false],
    ["a thematic meeting in the quarter before", "2026-Q4", [held("thematic", "2026-09", "2026-09-30T19:30:00+07:00")], VN, false],
    // 31 March / 1 April.
    ["31 Mar 19:30 in Viet Nam is Q1", "2026-Q1", [held("thematic", "2026-03", "2026-03-31T19:30:00+07:00")], VN, true],
    ["31 Mar 19:30 in Viet Nam is not Q2", "2026-Q2", [held("thematic", "2026-03", "2026-03-31T19:30:00+07:00")], VN, false],
    ["1 Apr 06:00 in Viet Nam (31 Mar in UTC) is Q2", "2026-Q2", [held("thematic", "2026-04", "2026-04-01T06:00:00+07:00")], VN, true],
    ["1 Apr 06:00 in Viet Nam is not Q1", "2026-Q1", [held("thematic", "2026-04", "2026-04-01T06:00:00+07:00")], VN, false],
    ["1 Apr 06:00 in Viet Nam read in UTC would be Q1", "2026-Q1", [held("thematic", "2026-04", "2026-04-01T06:00:00+07:00")], UTC, true],
    ["31 Mar 22:00 in St John's (1 Apr in UTC) is Q1", "2026-Q1", [held("thematic", "2026-03", "2026-03-31T22:00:00-02:30")], NL, true],
    ["31 Mar 22:00 in St John's is not Q2", "2026-Q2", [held("thematic", "2026-03", "2026-03-31T22:00:00-02:30")], NL, false],
    ["1 Apr on the 1st, for March: no allowance for quarters", "2026-Q1", [held("combined", "2026-03", "2026-04-01T19:30:00+07:00")], VN, false],
    // Other quarter edges and the year edge.
    ["30 Jun is Q2", "2026-Q2", [held("thematic", "2026-06", "2026-06-30T19:30:00+07:00")], VN, true],
    ["1 Jul is Q3", "2026-Q3", [held("thematic", "2026-07", "2026-07-01T19:30:00+07:00")], VN, true],
    ["30 Sep is Q3", "2026-Q3", [held("thematic", "2026-09", "2026-09-30T19:30:00+07:00")], VN, true],
    ["1 Oct is Q4", "2026-Q4", [held("thematic", "2026-10", "2026-10-01T19:30:00+07:00")], VN, true],
    ["31 Dec 2026 is 2026-Q4", "2026-Q4", [held("thematic", "2026-12", "2026-12-31T19:30:00+07:00")], VN, true],
    ["1 Jan 2027 01:00 in Viet Nam (31 Dec in UTC) is 2027-Q1", "2027-Q1", [held("thematic", "2027-01", "2027-01-01T01:00:00+07:00")], VN, true],
    ["1 Jan 2027 01:00 in Viet Nam is not 2026-Q4", "2026-Q4", [held("thematic", "2027-01", "2027-01-01T01:00:00+07:00")], VN, false],
    ["same quarter number, other year", "2027-Q4", [held("thematic", "2026-11", "2026-11-12T19:30:00+07:00")], VN, false],
  ])("%s", (_label, quarter, meetings, zone, expected) => {
    expect(thematicDoneFor(quarter, meetings, zone)).toBe(expected);
  });
});
