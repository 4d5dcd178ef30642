// The callback-data codec: what a button carries, read back only when it is exactly
// what chibo writes. Buttons already sitting in members' chats must keep decoding
// after an upgrade: the strings below are the ones earlier versions sent.
import { describe, expect, it } from "vitest";
import { callbackCodec, flag, id, int, oneOf } from "../../src/bot/callback-data.js";
import { meetingButton, minutesButton, proposalButton, proposedMeetingButton, resolutionButton } from "../../src/org/meeting-schema.js";
import { taskButton } from "../../src/features/resolutions/schema.js";
import { adjustScoreButton, attendanceButton, confirmScoreButton, openListButton } from "../../src/features/records/schema.js";
import { reportButton } from "../../src/features/digest/schema.js";
import { followButton } from "../../src/features/follow/schema.js";
import { languageButton, noticeChannelButton, noticeOptInButton } from "../../src/features/settings/schema.js";
import { joinRequestButton } from "../../src/features/onboarding/schema.js";
import { readButton } from "../../src/features/broadcasts/schema.js";
import { memberActionButton, transferButton } from "../../src/features/roster/member-schema.js";

const sample = callbackCodec("x", { action: oneOf(["go", "stop"]), itemId: id, on: flag("y", "n") }, { page: int(0, 99), note: int(0, 9) });

describe("a codec", () => {
  it.each([
    [{ action: "go", itemId: 12, on: true }, "x:go:12:y"],
    [{ action: "stop", itemId: 2_147_483_647, on: false }, "x:stop:2147483647:n"],
    [{ action: "go", itemId: 1, on: true, page: 0 }, "x:go:1:y:0"],
    [{ action: "go", itemId: 1, on: true, page: 3, note: 9 }, "x:go:1:y:3:9"],
  ] as const)("writes %j as %s and reads it back", (values, data) => {
    expect(sample.encode(values)).toBe(data);
    expect(sample.decode(data)).toEqual(values);
    expect(sample.filter.test(data)).toBe(true);
  });

  it("writes a later optional field only with the ones before it", () => {
    expect(sample.encode({ action: "go", itemId: 1, on: true, note: 5 })).toBe("x:go:1:y");
  });

  it.each([
    ["another prefix", "y:go:12:y"],
    ["a prefix that only starts the same", "xx:go:12:y"],
    ["a field missing", "x:go:12"],
    ["a field too many", "x:go:12:y:1:2:3"],
    ["an action it does not know", "x:run:12:y"],
    ["an id of zero", "x:go:0:y"],
    ["an id past 2^31 - 1", "x:go:2147483648:y"],
    ["a negative id", "x:go:-5:y"],
    ["an id with a sign", "x:go:+5:y"],
    ["an id in another notation", "x:go:1e3:y"],
    ["an id with spaces", "x:go: 12:y"],
    ["a flag letter it does not know", "x:go:12:maybe"],
    ["a page past its bound", "x:go:12:y:100"],
    ["an empty field", "x:go::y"],
    ["nothing", ""],
    ["over Telegram's 64 bytes", `x:go:12:y:1:${"9".repeat(60)}`],
  ])("reads %s as nothing (%j)", (_what, data) => {
    expect(sample.decode(data)).toBeUndefined();
  });

  it("refuses to write data over Telegram's 64-byte limit", () => {
    const wide = callbackCodec("w".repeat(60), { itemId: id });
    expect(() => wide.encode({ itemId: 123456 })).toThrow(RangeError);
  });
});

describe("the buttons chibo sends", () => {
  it.each([
    ["meeting answer", meetingButton, { action: "att", meetingId: 12, revision: 3 }, "m:att:12:3"],
    ["agenda proposal", proposalButton, { accept: false, proposalId: 7 }, "mp:d:7"],
    ["proposed meeting", proposedMeetingButton, { confirm: true, meetingId: 12 }, "ms:c:12"],
    ["record offer", openListButton, { action: "o", meetingId: 12 }, "at:o:12"],
    ["attendance mark", attendanceButton, { action: "c", meetingId: 12, version: 3, arg: 45, page: 0 }, "at:c:12:3:45:0"],
    ["attendance page", attendanceButton, { action: "p", meetingId: 12, version: 3, arg: 1 }, "at:p:12:3:1"],
    ["score confirmed", confirmScoreButton, { meetingId: 12, total: 80 }, "scok:12:80"],
    ["score adjusted", adjustScoreButton, { meetingId: 12, total: 80 }, "scadj:12:80"],
    ["report view", reportButton, { view: "c", orgId: 4 }, "rp:c:4"],
    ["follow decision", followButton, { action: "a", cellId: 4, personId: 9 }, "fw:a:4:9"],
    ["language", languageButton, { locale: "en" }, "lang:en"],
    ["exempt member's notices", noticeOptInButton, { orgId: 4, optIn: true }, "optin:4:1"],
    ["notice channel", noticeChannelButton, { channel: "zalo" }, "notify:zalo"],
    ["join request", joinRequestButton, { approve: false, requestId: 5 }, "jr:r:5"],
    ["broadcast read", readButton, { broadcastId: 5 }, "bcr:5"],
    ["roster action", memberActionButton, { action: "out", orgId: 4 }, "mbr:out:4"],
    ["transfer decision", transferButton, { accept: true, requestId: 5 }, "mtr:a:5"],
  ] as const)("%s: %j is %s, as earlier versions wrote it", (_what, codec, values, data) => {
    const button = codec as { encode(v: unknown): string; decode(d: string): unknown };
    expect(button.encode(values)).toBe(data);
    expect(button.decode(data)).toEqual(values);
  });

  it("no two features share a prefix (a tap would reach the wrong handler)", () => {
    const prefixes = [meetingButton, proposalButton, proposedMeetingButton, openListButton, confirmScoreButton, adjustScoreButton, reportButton, followButton, languageButton, noticeOptInButton, noticeChannelButton, joinRequestButton, readButton, memberActionButton, transferButton, resolutionButton, minutesButton, taskButton].map((codec) => codec.filter.source);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });
});
