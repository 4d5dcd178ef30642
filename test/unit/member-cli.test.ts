// The member CLI's own parsing: day options in the cell's zone (today by default, never
// later unless a planned end), local days in JSON, and the departures it records.
import { describe, expect, it } from "vitest";
import { CliFailure, cliTranslator, type CliContext } from "../../src/cli/io.js";
import { CLI_END_REASONS, dayOf, isoDay } from "../../src/features/roster/member-cli.js";

// 07/12/2026 00:30 in Hanoi, still 06/12 in UTC and in St John's.
const NOW = new Date("2026-12-06T17:30:00Z");
const cli = { now: () => NOW, say: cliTranslator("vi") } as unknown as CliContext;
const HANOI = "Asia/Ho_Chi_Minh";

describe("dayOf", () => {
  it("is today in the cell's zone when no day is given", () => {
    expect(dayOf(cli, undefined, "--on", HANOI)).toEqual({ year: 2026, month: 12, day: 7 });
    expect(dayOf(cli, undefined, "--on", "UTC")).toEqual({ year: 2026, month: 12, day: 6 });
  });

  it.each([
    ["07/12/2026", { year: 2026, month: 12, day: 7 }],
    ["5/12/2026", { year: 2026, month: 12, day: 5 }],
    ["29/02/2024", { year: 2024, month: 2, day: 29 }],
    [" 01.01.1975 ", { year: 1975, month: 1, day: 1 }],
  ])("reads %j as people write it", (text, day) => {
    expect(dayOf(cli, text, "--on", HANOI)).toEqual(day);
  });

  it("refuses a day still to come, in the cell's zone", () => {
    expect(dayOf(cli, "07/12/2026", "--on", HANOI)).toEqual({ year: 2026, month: 12, day: 7 });
    expect(() => dayOf(cli, "07/12/2026", "--on", "UTC")).toThrow(expect.objectContaining({ key: "cli-member-refused-future_date", vars: { day: "07/12/2026", today: "06/12/2026" } }));
  });

  it("takes a day to come for a planned end", () => {
    expect(dayOf(cli, "31/03/2027", "--until", HANOI, { future: true })).toEqual({ year: 2027, month: 3, day: 31 });
  });

  it.each([
    ["2026-12-01", "không phải là ngày (viết DD/MM/YYYY, ví dụ 05/12/2026)"],
    ["31/02/2026", "không có ngày này"],
    ["01/01/1920", "trước năm 1930"],
    ["hôm qua", "không phải là ngày"],
  ])("calls %j a wrong argument (exit 2)", (text, reason) => {
    let thrown: unknown;
    try {
      dayOf(cli, text, "--on", HANOI);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CliFailure);
    const failure = thrown as CliFailure;
    expect(failure.exitCode).toBe(2);
    expect(failure.key).toBe("cli-member-bad-day");
    expect(failure.vars).toMatchObject({ option: "--on", text });
    expect(String(failure.vars.reason)).toContain(reason);
  });
});

describe("isoDay", () => {
  it("writes a local day as YYYY-MM-DD", () => {
    expect(isoDay({ year: 2026, month: 3, day: 5 })).toBe("2026-03-05");
    expect(isoDay({ year: 987, month: 12, day: 31 })).toBe("0987-12-31");
  });
});

describe("CLI_END_REASONS", () => {
  it("are the departures but a move, which is `member move`", () => {
    expect(CLI_END_REASONS).toEqual(["left", "died", "removed", "expelled"]);
  });
});
