// How a meeting's outcome reads: the review of the previous resolution that opens the next
// regular meeting's notice (within the description's cap), and section VI of the minutes
// (conclusion, vote, tasks) with the review under IV. Pure renderers, fed plain data.
// The tests run with TZ=America/St_Johns (vitest.config.ts): a day formatted in the
// machine's zone would show the day before.
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { translate } from "../../src/bot/i18n.js";
import { buildMinutesDocx, minutesSummary, type MinutesData } from "../../src/features/records/files/minutes.js";
import { describeMeeting, DESCRIPTION_MAX, type MeetingReview, type MeetingView } from "../../src/org/meeting-text.js";

const HANOI = "Asia/Ho_Chi_Minh";
/** Midnight starting the day in Hanoi: 20/12/2026 there, still 19/12 in UTC and St John's. */
const DAY_20 = new Date("2026-12-19T17:00:00Z");
const DAY_31 = new Date("2026-12-30T17:00:00Z");

const REVIEW: MeetingReview = {
  conclusion: "Tập trung hoàn thành báo cáo tổng kết năm.",
  tasks: [
    { text: "Viết báo cáo", status: "done", dueOn: DAY_20, notes: [{ name: "An", text: "đã nộp bản nháp" }] },
    { text: "Thu đảng phí", status: "overdue", dueOn: DAY_31, notes: [] },
    { text: "Dọn hội trường", status: "done_late", dueOn: DAY_20, notes: [] },
    { text: "Chuẩn bị tài liệu", status: "open", dueOn: DAY_31, notes: [] },
  ],
};

const view = (over: Partial<MeetingView> = {}): MeetingView => ({
  id: 7,
  orgName: "Chi bộ Khu phố 3",
  kind: "regular",
  forMonth: "2027-01",
  startsAt: new Date("2027-01-09T12:30:00Z"),
  durationMinutes: 90,
  place: "Nhà văn hoá",
  agenda: "Tổng kết năm",
  thematicTopic: null,
  timeZone: HANOI,
  documents: [],
  ...over,
});

describe("describeMeeting with the review of the previous resolution", () => {
  it("opens with the review, right before the agenda, each task's status translated", () => {
    const lines = describeMeeting(translate, "vi", view({ review: REVIEW })).split("\n");
    const heading = lines.indexOf("Kiểm điểm việc thực hiện nghị quyết kỳ trước:");
    expect(heading).toBeGreaterThan(0);
    expect(lines.slice(heading + 1, heading + 6)).toEqual([
      "Kết luận kỳ trước: Tập trung hoàn thành báo cáo tổng kết năm.",
      "• Viết báo cáo (hạn 20/12/2026): Đã xong — Ghi chú: An: đã nộp bản nháp",
      "• Thu đảng phí (hạn 31/12/2026): Quá hạn",
      "• Dọn hội trường (hạn 20/12/2026): Xong muộn",
      "• Chuẩn bị tài liệu (hạn 31/12/2026): Đang làm",
    ]);
    expect(lines[heading + 6]).toBe("Chương trình: Tổng kết năm");
    expect(lines.indexOf("Địa điểm: Nhà văn hoá")).toBeLessThan(heading);
  });

  it("reads in English", () => {
    const text = describeMeeting(translate, "en", view({ review: REVIEW }));
    expect(text).toContain("Review of the previous resolution:\nPrevious conclusion: Tập trung hoàn thành báo cáo tổng kết năm.");
    expect(text).toContain("• Viết báo cáo (due 20/12/2026): Done — Notes: An: đã nộp bản nháp");
    expect(text).toContain("• Thu đảng phí (due 31/12/2026): Overdue");
    expect(text).toContain("• Dọn hội trường (due 20/12/2026): Done late");
    expect(text).toContain("• Chuẩn bị tài liệu (due 31/12/2026): Open");
    expect(text).not.toMatch(/task-status-|minutes-review-/);
  });

  it("says so when the previous meeting concluded without tasks, and shows nothing without a review", () => {
    expect(describeMeeting(translate, "vi", view({ review: { conclusion: "Giữ vững đoàn kết.", tasks: [] } }))).toContain(
      "Kết luận kỳ trước: Giữ vững đoàn kết.\nKỳ trước không giao nhiệm vụ.\nChương trình:",
    );
    expect(describeMeeting(translate, "vi", view())).not.toContain("Kiểm điểm");
  });

  it("stays within DESCRIPTION_MAX with a long review, keeping the documents and saying it was shortened", () => {
    const long: MeetingReview = {
      conclusion: "Kết luận rất dài. ".repeat(100),
      tasks: Array.from({ length: 40 }, (_, i) => ({
        text: `Nhiệm vụ số ${i + 1} ${"chi tiết ".repeat(5)}`,
        status: "open" as const,
        dueOn: DAY_31,
        notes: [{ name: "Lê Văn Một", text: "đang làm ".repeat(10) }],
      })),
    };
    const text = describeMeeting(translate, "vi", view({ review: long, documents: [{ title: "Dự thảo báo cáo", url: "https://example.org/bao-cao.pdf" }] }));
    expect(text.length).toBeLessThanOrEqual(DESCRIPTION_MAX);
    expect(text).toContain("Kiểm điểm việc thực hiện nghị quyết kỳ trước:");
    expect(text).toContain("• Dự thảo báo cáo: https://example.org/bao-cao.pdf");
    expect(text).toContain(translate("vi", "bad-input-shortened"));
    // The previous conclusion is cut in the notice; the minutes carry it whole.
    expect(text).toMatch(/Kết luận kỳ trước: [^\n]{250,300}…\n/);
  });
});

const unescape = (s: string) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** The text of each paragraph of word/document.xml (a table cell's lines are paragraphs too). */
async function paragraphs(buffer: Buffer): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(buffer)).file("word/document.xml")!.async("string");
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map((m) => (m[1] === undefined ? "\t" : unescape(m[1]))).join(""),
  );
}

const minutes = (over: Partial<MinutesData> = {}): MinutesData => ({
  orgName: "Chi bộ Khu phố 3",
  meetingKindLabel: translate("vi", "meeting-kind-regular", { month: "01/2027" }),
  startedAt: new Date("2027-01-09T12:30:00Z"),
  endedAt: new Date("2027-01-09T14:00:00Z"),
  scheduledAt: new Date("2027-01-09T12:30:00Z"),
  timeZone: HANOI,
  place: "Nhà văn hoá",
  chair: "Nguyễn Văn Bí",
  noteTaker: "Trần Thị Phó",
  guests: [],
  counts: { total: 4, official: 3, probationary: 1, exempt: 0, transferred: 0, present: 4 },
  absentWithReason: [],
  absentWithoutReason: [],
  agenda: "Tổng kết năm",
  topic: null,
  proposals: [],
  conclusion: { text: "Thông qua nghị quyết tháng 1.\nGiao nhiệm vụ cho đảng viên.", votes: { for: 3, against: 0, abstain: 1 }, countedOfficial: 3, passed: true },
  tasks: [
    { text: "Viết báo cáo", assignees: ["Lê Văn Một", "Phạm Thị Hai"], wholeCell: false, dueOn: DAY_20 },
    { text: "Thu đảng phí", assignees: ["Nguyễn Văn Bí"], wholeCell: true, dueOn: DAY_31 },
  ],
  review: { ...REVIEW, kindLabel: translate("vi", "meeting-kind-regular", { month: "12/2026" }) },
  ...over,
});

describe("the minutes with the outcome", () => {
  it("carries the conclusion, the vote against the counted official members, and the task table", async () => {
    const lines = await paragraphs(await buildMinutesDocx(minutes(), "vi", translate));
    const vi = lines.indexOf("VI. KẾT LUẬN CỦA CHỦ TRÌ");
    const after = lines.slice(vi + 1);
    expect(after.slice(0, 4)).toEqual([
      "Thông qua nghị quyết tháng 1.",
      "Giao nhiệm vụ cho đảng viên.",
      "Biểu quyết: 3 đồng chí tán thành, 0 không tán thành, 1 không biểu quyết (số đảng viên chính thức được tính: 3).",
      "Kết quả: nghị quyết được thông qua (quá nửa số đảng viên chính thức tán thành).",
    ]);
    const table = after.indexOf("Nhiệm vụ được giao (2): ");
    expect(after.slice(table + 1, table + 13)).toEqual([
      "TT", "Nhiệm vụ", "Người thực hiện", "Thời hạn",
      "1", "Viết báo cáo", "Lê Văn Một", "Phạm Thị Hai", "20/12/2026",
      "2", "Thu đảng phí", "Toàn chi bộ",
    ]);
    expect(after).toContain("31/12/2026");
    expect(after.some((l) => l === "\t")).toBe(false); // nothing left blank in VI
  });

  it("says a vote that did not pass, in English too", async () => {
    const data = minutes({ conclusion: { text: "Sửa quy chế.", votes: { for: 1, against: 2, abstain: 0 }, countedOfficial: 3, passed: false } });
    expect(await paragraphs(await buildMinutesDocx(data, "vi", translate))).toContain(
      "Kết quả: nghị quyết không được thông qua (chưa quá nửa số đảng viên chính thức tán thành).",
    );
    const en = await paragraphs(await buildMinutesDocx({ ...data, review: undefined }, "en", translate));
    expect(en).toContain("Vote: 1 for, 2 against, 0 abstaining (counted official members: 3).");
    expect(en).toContain("Result: the resolution did not pass (no more than half of the counted official members voted for it).");
    expect(en).toContain("The whole cell");
  });

  it("reviews the previous resolution under IV, each task with its status and notes", async () => {
    const lines = await paragraphs(await buildMinutesDocx(minutes(), "vi", translate));
    const review = lines.indexOf("Kiểm điểm việc thực hiện nghị quyết kỳ trước (Sinh hoạt thường kỳ tháng 12/2026):");
    expect(review).toBeGreaterThan(lines.indexOf("IV. NỘI DUNG"));
    expect(review).toBeLessThan(lines.indexOf("V. DIỄN BIẾN, Ý KIẾN PHÁT BIỂU"));
    expect(lines.slice(review + 1, review + 3)).toEqual([
      "Kết luận kỳ trước: Tập trung hoàn thành báo cáo tổng kết năm.",
      "4 nhiệm vụ: 1 xong đúng hạn, 2 muộn hoặc quá hạn, 1 đang làm.",
    ]);
    expect(lines.slice(review + 3, review + 13)).toEqual([
      "TT", "Nhiệm vụ", "Thời hạn", "Kết quả", "Ghi chú",
      "1", "Viết báo cáo", "20/12/2026", "Đã xong", "An: đã nộp bản nháp",
    ]);
    expect(lines.slice(review + 13, review + 17)).toEqual(["2", "Thu đảng phí", "31/12/2026", "Quá hạn"]);
  });

  it("keeps VI blank to write by hand while nothing is recorded", async () => {
    const lines = await paragraphs(await buildMinutesDocx(minutes({ conclusion: undefined, tasks: [], review: undefined }), "vi", translate));
    const vi = lines.indexOf("VI. KẾT LUẬN CỦA CHỦ TRÌ");
    expect(lines.slice(vi + 1, vi + 11).every((l) => l === "\t")).toBe(true);
    expect(lines.some((l) => l.startsWith("Nhiệm vụ được giao"))).toBe(false);
    expect(lines.some((l) => l.startsWith("Kiểm điểm"))).toBe(false);
  });

  it("sums up the conclusion, the vote and the number of tasks in the chat", () => {
    const lines = minutesSummary(minutes(), "vi", translate).split("\n");
    expect(lines.slice(-3)).toEqual([
      "Kết luận: Thông qua nghị quyết tháng 1. Giao nhiệm vụ cho đảng viên.",
      "Biểu quyết: 3 tán thành, 0 không tán thành, 1 không biểu quyết — thông qua",
      "Nhiệm vụ được giao: 2",
    ]);
    const none = minutesSummary(minutes({ conclusion: undefined, tasks: [] }), "en", translate);
    expect(none).not.toContain("Conclusion");
    expect(none).not.toContain("Tasks assigned");
  });
});
