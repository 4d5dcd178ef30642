import { describe, expect, it } from "vitest";
import { checkSetting, DEFAULT_SETTINGS, resolveSettings, settingsAlongPaths, type OrgSettings } from "../../src/domain/settings.js";
import { parseHm } from "../../src/domain/zoned.js";

describe("DEFAULT_SETTINGS", () => {
  it("holds the defaults from the domain notes", () => {
    expect(DEFAULT_SETTINGS).toEqual({
      reminderOffsetsMinutes: [4320, 1440, 120],
      quietHours: { start: "21:30", end: "06:30" },
      proposalLeadDays: 10,
      summaryTime: "18:00",
      attendanceTarget: 0.85,
      minMinutes: 90,
      combinedMinMinutes: 120,
      allowFileUploads: false,
      groupTallyEverySeconds: 5,
      thematicTopics: [],
      allowFirstOfNextMonth: false,
      scoringChecklist: [
        { key: "preparation", label: "Chuẩn bị", points: 15 },
        { key: "attendance", label: "Tham dự", points: 20, computed: "attendance" },
        { key: "conduct", label: "Tiến hành", points: 45 },
        { key: "closing", label: "Kết thúc", points: 20 },
      ],
      gradeThresholds: { good: 90, fair: 70, average: 50 },
      digestWeekday: 1,
      digestTime: "07:30",
      escalationDay: 20,
      probationReminderDays: 30,
      taskReminderDays: 2,
    });
  });

  it.each([
    ["thematicTopics", ["Học tập và làm theo tư tưởng Hồ Chí Minh", "Chuyển đổi số"], true],
    ["thematicTopics", [""], false],
    ["thematicTopics", "Chuyển đổi số", false],
    ["minMinutes", 60, true],
    ["minMinutes", -5, false],
    ["noSuchKey", 1, false],
    ["allowFirstOfNextMonth", true, true],
    ["allowFirstOfNextMonth", "true", false],
    ["scoringChecklist", [{ key: "a", label: "A", points: 60 }, { key: "b", label: "B", points: 40, computed: "attendance" }], true],
    ["scoringChecklist", [{ key: "a", label: "A", points: 1 }], true],
    ["scoringChecklist", [], false],
    ["scoringChecklist", [{ key: "a", label: "A", points: 0 }], false],
    ["scoringChecklist", [{ key: "a", label: "A", points: -5 }], false],
    ["scoringChecklist", [{ key: "a", label: "A", points: 7.5 }], false],
    ["scoringChecklist", [{ key: "a", label: "A", points: "10" }], false],
    ["scoringChecklist", [{ key: "a", label: "A", points: 10 }, { key: "a", label: "B", points: 10 }], false],
    ["scoringChecklist", [{ key: "a", label: "A", points: 10, computed: "attendance" }, { key: "b", label: "B", points: 10, computed: "attendance" }], false],
    ["scoringChecklist", [{ key: "a", label: "A", points: 10, computed: "conduct" }], false],
    ["scoringChecklist", [{ key: "", label: "A", points: 10 }], false],
    ["scoringChecklist", [{ key: "has space", label: "A", points: 10 }], false],
    ["scoringChecklist", [{ key: "a", label: "  ", points: 10 }], false],
    ["scoringChecklist", [{ key: "a", points: 10 }], false],
    ["scoringChecklist", { key: "a", label: "A", points: 10 }, false],
    ["gradeThresholds", { good: 85, fair: 65, average: 45 }, true],
    ["gradeThresholds", { good: 80, fair: 80, average: 40 }, true],
    ["gradeThresholds", { good: 70, fair: 90, average: 50 }, false],
    ["gradeThresholds", { good: 90, fair: 70, average: 75 }, false],
    ["gradeThresholds", { good: 101, fair: 70, average: 50 }, false],
    ["gradeThresholds", { good: 90, fair: 70, average: -1 }, false],
    ["gradeThresholds", { good: 90, fair: 70 }, false],
    ["digestWeekday", 1, true],
    ["digestWeekday", 7, true],
    ["digestWeekday", 0, false],
    ["digestWeekday", 8, false],
    ["digestWeekday", 2.5, false],
    ["digestTime", "7h30", true],
    ["digestTime", "25:00", false],
    ["escalationDay", 28, true],
    ["escalationDay", 29, false],
    ["escalationDay", 0, false],
    ["probationReminderDays", 30, true],
    ["probationReminderDays", 0, true],
    ["probationReminderDays", 181, false],
    ["probationReminderDays", 7.5, false],
    ["taskReminderDays", 0, true],
    ["taskReminderDays", 31, false],
  ])("checkSetting(%s, %j) accepts: %s", (key, raw, accepted) => {
    expect(checkSetting(key, raw).ok).toBe(accepted);
  });

  it("cannot be changed by accident, nested values included", () => {
    expect(Object.isFrozen(DEFAULT_SETTINGS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SETTINGS.reminderOffsetsMinutes)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SETTINGS.quietHours)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SETTINGS.scoringChecklist)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SETTINGS.scoringChecklist[0])).toBe(true);
    expect(Object.isFrozen(DEFAULT_SETTINGS.gradeThresholds)).toBe(true);
  });
});

describe("resolveSettings: one organisation", () => {
  it.each<[string, string, Partial<OrgSettings>]>([
    ["empty object", "{}", {}],
    ["minMinutes", '{"minMinutes":60}', { minMinutes: 60 }],
    ["minMinutes 0", '{"minMinutes":0}', { minMinutes: 0 }],
    ["minMinutes 600", '{"minMinutes":600}', { minMinutes: 600 }],
    ["minMinutes as text is ignored", '{"minMinutes":"60"}', {}],
    ["negative minMinutes is ignored", '{"minMinutes":-1}', {}],
    ["fractional minMinutes is ignored", '{"minMinutes":60.5}', {}],
    ["minMinutes over 600 is ignored", '{"minMinutes":601}', {}],
    ["infinite minMinutes is ignored", '{"minMinutes":1e400}', {}],
    ["null minMinutes is ignored", '{"minMinutes":null}', {}],
    ["combinedMinMinutes", '{"combinedMinMinutes":150}', { combinedMinMinutes: 150 }],
    ["reminders", '{"reminderOffsetsMinutes":[60]}', { reminderOffsetsMinutes: [60] }],
    ["no reminders at all", '{"reminderOffsetsMinutes":[]}', { reminderOffsetsMinutes: [] }],
    ["reminders are sorted largest first", '{"reminderOffsetsMinutes":[60,2880,600]}', { reminderOffsetsMinutes: [2880, 600, 60] }],
    ["repeated reminders are merged", '{"reminderOffsetsMinutes":[120,1440,120]}', { reminderOffsetsMinutes: [1440, 120] }],
    ["sixty days ahead is the longest", '{"reminderOffsetsMinutes":[86400]}', { reminderOffsetsMinutes: [86400] }],
    ["longer is ignored", '{"reminderOffsetsMinutes":[86401]}', {}],
    ["offset 0 is ignored", '{"reminderOffsetsMinutes":[0]}', {}],
    ["negative offset is ignored", '{"reminderOffsetsMinutes":[-5, 60]}', {}],
    ["offset as text is ignored", '{"reminderOffsetsMinutes":["60"]}', {}],
    ["fractional offset is ignored", '{"reminderOffsetsMinutes":[60.5]}', {}],
    ["a single number is ignored", '{"reminderOffsetsMinutes":60}', {}],
    ["ten reminders", `{"reminderOffsetsMinutes":[${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].join(",")}]}`, { reminderOffsetsMinutes: [10, 9, 8, 7, 6, 5, 4, 3, 2, 1] }],
    ["eleven reminders are ignored", `{"reminderOffsetsMinutes":[${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].join(",")}]}`, {}],
    ["quiet hours, written loosely, are stored as HH:MM", '{"quietHours":{"start":"22h","end":"6h"}}', { quietHours: { start: "22:00", end: "06:00" } }],
    ["quiet hours without crossing midnight", '{"quietHours":{"start":"13:00","end":"14:00"}}', { quietHours: { start: "13:00", end: "14:00" } }],
    ["no quiet hours (start = end)", '{"quietHours":{"start":"00:00","end":"00:00"}}', { quietHours: { start: "00:00", end: "00:00" } }],
    ["quiet hours drop extra keys", '{"quietHours":{"start":"22:00","end":"06:00","x":1}}', { quietHours: { start: "22:00", end: "06:00" } }],
    ["quiet hours without end are ignored", '{"quietHours":{"start":"22:00"}}', {}],
    ["quiet hours with 25:00 are ignored", '{"quietHours":{"start":"25:00","end":"06:00"}}', {}],
    ["quiet hours as one string are ignored", '{"quietHours":"22:00-06:00"}', {}],
    ["summaryTime", '{"summaryTime":"19h"}', { summaryTime: "19:00" }],
    ["summaryTime 7.05 → 07:05", '{"summaryTime":"7.05"}', { summaryTime: "07:05" }],
    ["summaryTime bare hour is ignored", '{"summaryTime":"19"}', {}],
    ["summaryTime as a number is ignored", '{"summaryTime":19}', {}],
    ["attendanceTarget", '{"attendanceTarget":0.9}', { attendanceTarget: 0.9 }],
    ["attendanceTarget 1", '{"attendanceTarget":1}', { attendanceTarget: 1 }],
    ["attendanceTarget 0", '{"attendanceTarget":0}', { attendanceTarget: 0 }],
    ["attendanceTarget as a percentage is ignored", '{"attendanceTarget":85}', {}],
    ["attendanceTarget over 1 is ignored", '{"attendanceTarget":1.5}', {}],
    ["negative attendanceTarget is ignored", '{"attendanceTarget":-0.1}', {}],
    ["attendanceTarget as text is ignored", '{"attendanceTarget":"0.9"}', {}],
    ["proposalLeadDays", '{"proposalLeadDays":14}', { proposalLeadDays: 14 }],
    ["proposalLeadDays 1", '{"proposalLeadDays":1}', { proposalLeadDays: 1 }],
    ["proposalLeadDays 60", '{"proposalLeadDays":60}', { proposalLeadDays: 60 }],
    ["proposalLeadDays 0 would never propose: ignored", '{"proposalLeadDays":0}', {}],
    ["proposalLeadDays 61 is ignored", '{"proposalLeadDays":61}', {}],
    ["fractional proposalLeadDays is ignored", '{"proposalLeadDays":3.5}', {}],
    ["allowFileUploads", '{"allowFileUploads":true}', { allowFileUploads: true }],
    ["allowFileUploads as text is ignored", '{"allowFileUploads":"true"}', {}],
    ["allowFileUploads as 1 is ignored", '{"allowFileUploads":1}', {}],
    ["groupTallyEverySeconds", '{"groupTallyEverySeconds":10}', { groupTallyEverySeconds: 10 }],
    ["groupTallyEverySeconds 0 is ignored", '{"groupTallyEverySeconds":0}', {}],
    ["groupTallyEverySeconds over an hour is ignored", '{"groupTallyEverySeconds":3601}', {}],
    ["unknown key is ignored", '{"foo":1}', {}],
    ["valid key kept beside an unknown one", '{"minMinutes":60,"maxMinutes":1}', { minMinutes: 60 }],
    ["valid key kept beside an invalid one", '{"minMinutes":60,"attendanceTarget":2}', { minMinutes: 60 }],
    ["several keys", '{"minMinutes":60,"combinedMinMinutes":90,"allowFileUploads":true}', { minMinutes: 60, combinedMinMinutes: 90, allowFileUploads: true }],
    ["__proto__ is not a way in", '{"__proto__":{"minMinutes":1}}', {}],
    ["not JSON", "not json", {}],
    ["empty text", "", {}],
    ["JSON null", "null", {}],
    ["JSON number", "42", {}],
    ["JSON string", '"x"', {}],
    ["JSON true", "true", {}],
    ["JSON array", '[{"minMinutes":60}]', {}],
    ["truncated JSON", '{"minMinutes":60', {}],
    ["allowFirstOfNextMonth", '{"allowFirstOfNextMonth":true}', { allowFirstOfNextMonth: true }],
    ["allowFirstOfNextMonth as 1 is ignored", '{"allowFirstOfNextMonth":1}', {}],
    [
      "scoringChecklist, extra fields dropped",
      '{"scoringChecklist":[{"key":"a","label":" Chuẩn bị ","points":50,"x":1},{"key":"b","label":"B","points":50,"computed":"attendance"}]}',
      { scoringChecklist: [{ key: "a", label: "Chuẩn bị", points: 50 }, { key: "b", label: "B", points: 50, computed: "attendance" }] },
    ],
    ["scoringChecklist with a repeated key is ignored", '{"scoringChecklist":[{"key":"a","label":"A","points":50},{"key":"a","label":"B","points":50}]}', {}],
    ["gradeThresholds", '{"gradeThresholds":{"good":85,"fair":65,"average":45}}', { gradeThresholds: { good: 85, fair: 65, average: 45 } }],
    ["crossed gradeThresholds are ignored", '{"gradeThresholds":{"good":60,"fair":70,"average":50}}', {}],
  ])("%s", (_label, json, changed) => {
    const resolved = resolveSettings([json]);
    expect(resolved).toEqual({ ...DEFAULT_SETTINGS, ...changed });
    expect(Object.keys(resolved).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
  });

  it("no entries at all gives the defaults", () => {
    expect(resolveSettings([])).toEqual(DEFAULT_SETTINGS);
  });
});

describe("resolveSettings: the chain from the root down", () => {
  it.each<[string, string[], Partial<OrgSettings>]>([
    ["the organisation overrides its parent", ['{"minMinutes":60}', '{"minMinutes":75}'], { minMinutes: 75 }],
    ["the parent applies when the organisation is silent", ['{"minMinutes":60}', "{}"], { minMinutes: 60 }],
    ["an invalid value below keeps the inherited one", ['{"minMinutes":60}', '{"minMinutes":"x"}'], { minMinutes: 60 }],
    ["broken JSON at the root does not stop the cell's own settings", ["{oops", '{"minMinutes":75}'], { minMinutes: 75 }],
    ["different keys from different levels combine", ['{"quietHours":{"start":"22:00","end":"06:00"}}', '{"summaryTime":"19:00"}'], { quietHours: { start: "22:00", end: "06:00" }, summaryTime: "19:00" }],
    ["three levels: the deepest wins", ['{"reminderOffsetsMinutes":[60]}', '{"reminderOffsetsMinutes":[600]}', '{"reminderOffsetsMinutes":[1440]}'], { reminderOffsetsMinutes: [1440] }],
    ["three levels: a silent middle", ['{"reminderOffsetsMinutes":[60]}', "{}", '{"reminderOffsetsMinutes":[1440]}'], { reminderOffsetsMinutes: [1440] }],
    ["a whole quiet-hours object replaces the inherited one", ['{"quietHours":{"start":"22:00","end":"05:00"}}', '{"quietHours":{"start":"21:00","end":"07:00"}}'], { quietHours: { start: "21:00", end: "07:00" } }],
    ["a later level can set a value back to the default", ['{"allowFileUploads":true}', '{"allowFileUploads":false}'], {}],
    ["a later level can switch reminders off", ['{"reminderOffsetsMinutes":[60]}', '{"reminderOffsetsMinutes":[]}'], { reminderOffsetsMinutes: [] }],
  ])("%s", (_label, chain, changed) => {
    expect(resolveSettings(chain)).toEqual({ ...DEFAULT_SETTINGS, ...changed });
  });

  it.each<[string, unknown[]]>([
    ["null in the chain", [null, '{"minMinutes":75}']],
    ["a number in the chain", [42, '{"minMinutes":75}']],
    ["an object instead of its JSON", [{ minMinutes: 1 }, '{"minMinutes":75}']],
  ])("never throws: %s", (_label, chain) => {
    expect(resolveSettings(chain as string[])).toEqual({ ...DEFAULT_SETTINGS, minMinutes: 75 });
  });

  it("every resolved time of day can be parsed", () => {
    const resolved = resolveSettings(['{"quietHours":{"start":"9h","end":"7.5"}}', '{"summaryTime":"7h"}']);
    // "7.5" is not a time (one-digit minutes): the whole quiet-hours object is ignored.
    expect(resolved.quietHours).toEqual(DEFAULT_SETTINGS.quietHours);
    expect(resolved.summaryTime).toBe("07:00");
    for (const text of [resolved.quietHours.start, resolved.quietHours.end, resolved.summaryTime]) {
      expect(parseHm(text)).toBeDefined();
    }
  });

  it("returns a fresh object: changing it leaves the defaults alone", () => {
    const first = resolveSettings([]);
    first.reminderOffsetsMinutes.push(1);
    first.quietHours.start = "00:00";
    first.minMinutes = 1;
    first.scoringChecklist[0].points = 1;
    first.scoringChecklist.push({ key: "x", label: "X", points: 1 });
    first.gradeThresholds.good = 1;
    expect(resolveSettings([])).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.reminderOffsetsMinutes).toEqual([4320, 1440, 120]);
  });
});

describe("settingsAlongPaths", () => {
  const stored = new Map([
    [1, JSON.stringify({ escalationDay: 18 })],
    [2, "{}"],
    [3, JSON.stringify({ escalationDay: 25 })],
  ]);
  it.each([
    ["/1/", 18],
    ["/1/2/", 18],
    ["/1/2/7/", 18],
    ["/1/3/", 25],
    ["/1/3/8/", 25],
    ["/9/", 20],
  ])("%s has escalation day %i", (path, day) => {
    expect(settingsAlongPaths(stored)(path).escalationDay).toBe(day);
  });
  it("gives paths whose chains store the same settings one object, and others their own", () => {
    const settingsAt = settingsAlongPaths(stored);
    expect(settingsAt("/1/2/7/")).toBe(settingsAt("/1/2/8/"));
    expect(settingsAt("/1/2/7/")).toBe(settingsAt("/1/2/7/"));
    expect(settingsAt("/1/3/8/")).not.toBe(settingsAt("/1/2/8/"));
  });
});
