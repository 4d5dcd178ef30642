// The minutes document is opened again (unzipped, word/document.xml read paragraph by
// paragraph): names, counts, the absentees split, times in the organisation's zone.
// The tests run with TZ=America/St_Johns (vitest.config.ts), so a time formatted in the
// machine's zone would show 21:00 on 04/12 instead of 07:30 on 05/12.
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { translate } from "../../src/bot/i18n.js";
import { buildMinutesDocx, expectedCount, minutesSummary, type MinutesData } from "../../src/features/records/files/minutes.js";

const HANOI = "Asia/Ho_Chi_Minh";

const sample = (over: Partial<MinutesData> = {}): MinutesData => ({
  orgName: "Chi bộ Khu phố 3",
  parentName: "Đảng bộ phường Ba Đình",
  meetingKindLabel: translate("vi", "meeting-kind-regular", { month: "12/2026" }),
  // 07:30 to 09:15 in Hanoi on 5 December; in St John's it is still 4 December, 21:00.
  startedAt: new Date("2026-12-05T00:30:00Z"),
  endedAt: new Date("2026-12-05T02:15:00Z"),
  scheduledAt: new Date("2026-12-05T00:30:00Z"),
  timeZone: HANOI,
  place: "Nhà văn hóa khu phố 3",
  chair: "Nguyễn Văn Bình",
  noteTaker: "Hoàng Thị Mai",
  guests: ["Đồng chí Nguyễn Thị Lan (Đảng ủy phường)"],
  counts: { total: 12, official: 10, probationary: 2, exempt: 1, transferred: 1, present: 7 },
  absentWithReason: [
    { name: "Trần Thị Hương", reason: "ốm" },
    { name: "Lê Văn Đức", reason: "đi công tác xa" },
  ],
  absentWithoutReason: ["Phạm Quốc Việt"],
  agenda: "Đánh giá công tác tháng 11\nTriển khai nhiệm vụ tháng 12",
  topic: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
  proposals: [
    { name: "Đỗ Văn Sơn", text: "Sửa đường ngõ 5 & lắp đèn <LED>", accepted: true },
    { name: "Vũ Thị Ngọc", text: "Đổi giờ họp sang tối thứ Bảy", accepted: null },
  ],
  ...over,
});

const unescape = (s: string) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** The text of each paragraph of word/document.xml, tabs as \t. */
async function paragraphs(buffer: Buffer): Promise<{ xml: string; lines: string[] }> {
  const zip = await JSZip.loadAsync(buffer);
  expect(zip.file("[Content_Types].xml")).not.toBeNull();
  const xml = await zip.file("word/document.xml")!.async("string");
  const lines = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map((m) => (m[1] === undefined ? "\t" : unescape(m[1]))).join(""),
  );
  return { xml, lines };
}

describe("buildMinutesDocx", () => {
  it("writes a docx laid out like a biên bản, in Vietnamese", async () => {
    const buffer = await buildMinutesDocx(sample(), "vi", translate);
    expect(buffer.subarray(0, 2).toString()).toBe("PK");
    const { xml, lines } = await paragraphs(buffer);

    // Header, title and kind
    for (const expected of [
      "ĐẢNG BỘ PHƯỜNG BA ĐÌNH",
      "CHI BỘ KHU PHỐ 3",
      "ĐẢNG CỘNG SẢN VIỆT NAM",
      "Nhà văn hóa khu phố 3, ngày 05 tháng 12 năm 2026",
      "BIÊN BẢN SINH HOẠT CHI BỘ",
      "Sinh hoạt thường kỳ tháng 12/2026",
    ]) {
      expect(lines).toContain(expected);
    }
    expect(lines.indexOf("ĐẢNG BỘ PHƯỜNG BA ĐÌNH")).toBeLessThan(lines.indexOf("CHI BỘ KHU PHỐ 3"));
    expect(lines.indexOf("CHI BỘ KHU PHỐ 3")).toBeLessThan(lines.indexOf("BIÊN BẢN SINH HOẠT CHI BỘ"));

    // Time and place, in Hanoi time although the machine is in St John's
    expect(lines).toContain("Bắt đầu lúc: 05/12/2026 07:30");
    expect(lines).toContain("Kết thúc lúc: 09:15 (105 phút)");
    expect(lines).toContain("Địa điểm: Nhà văn hóa khu phố 3");
    expect(xml).not.toContain("04/12/2026");
    expect(xml).not.toContain("21:00");

    // People
    expect(lines).toContain("Chủ trì: Nguyễn Văn Bình");
    expect(lines).toContain("Thư ký (ghi biên bản): Hoàng Thị Mai");
    expect(lines).toContain("Khách mời: Đồng chí Nguyễn Thị Lan (Đảng ủy phường)");

    // Counts by status, present out of expected
    expect(lines).toContain("Tổng số đảng viên của chi bộ: 12 đồng chí, trong đó chính thức: 10, dự bị: 2.");
    expect(lines).toContain(
      "Miễn công tác và sinh hoạt đảng: 1; sinh hoạt đảng tạm thời nơi khác: 1; nơi khác đến sinh hoạt tạm thời: 0; số đảng viên phải dự: 10.",
    );
    expect(lines).toContain("Có mặt: 7/10 đồng chí phải dự (70%).");
    expect(lines).toContain("Vắng mặt: 3 đồng chí.");

    // Absentees split with / without reason, by name, the reason shown
    const withReason = lines.indexOf("Vắng có lý do (2): ");
    const withoutReason = lines.indexOf("Vắng không có lý do (1): ");
    expect(withReason).toBeGreaterThan(0);
    expect(lines.slice(withReason + 1, withoutReason)).toEqual(["- Trần Thị Hương (ốm)", "- Lê Văn Đức (đi công tác xa)"]);
    expect(lines[withoutReason + 1]).toBe("- Phạm Quốc Việt");

    // Agenda, topic, proposals (with characters XML must escape)
    const agenda = lines.indexOf("Chương trình:");
    expect(lines.slice(agenda + 1, agenda + 3)).toEqual(["Đánh giá công tác tháng 11", "Triển khai nhiệm vụ tháng 12"]);
    expect(lines).toContain("Chuyên đề: Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh");
    expect(lines).toContain("Ý kiến, đề xuất của đảng viên gửi trước cuộc họp (2): ");
    expect(lines).toContain("- Đỗ Văn Sơn: Sửa đường ngõ 5 & lắp đèn <LED> (đã tiếp thu)");
    expect(lines).toContain("- Vũ Thị Ngọc: Đổi giờ họp sang tối thứ Bảy (chưa xem xét)");
    expect(xml).toContain("&amp; lắp đèn &lt;LED&gt;");

    // Blank ruled space for the discussion and the conclusion
    const discussion = lines.indexOf("V. DIỄN BIẾN, Ý KIẾN PHÁT BIỂU");
    const conclusion = lines.indexOf("VI. KẾT LUẬN CỦA CHỦ TRÌ");
    expect(discussion).toBeGreaterThan(agenda);
    expect(lines.slice(discussion + 1, conclusion).every((l) => l === "\t")).toBe(true);
    expect(conclusion - discussion - 1).toBeGreaterThanOrEqual(15);
    expect(xml).toContain('w:leader="dot"');

    // Closing and signatures
    expect(lines).toContain("Cuộc họp kết thúc lúc 05/12/2026 09:15. Biên bản đã được đọc lại trước chi bộ và được thông qua.");
    const noteTaker = lines.lastIndexOf("THƯ KÝ");
    const chair = lines.lastIndexOf("CHỦ TRÌ");
    expect(noteTaker).toBeGreaterThan(conclusion);
    expect(chair).toBeGreaterThan(noteTaker);
    expect(lines.slice(noteTaker)).toContain("Hoàng Thị Mai");
    expect(lines.slice(chair)).toContain("Nguyễn Văn Bình");
    expect(lines.filter((l) => l === "(Ký, ghi rõ họ tên)")).toHaveLength(2);

    // Every label came from the Fluent files
    expect(xml).not.toMatch(/minutes-[a-z]/);
  });

  it("leaves dotted space for what is not known yet when printed before the meeting", async () => {
    const { lines } = await paragraphs(
      await buildMinutesDocx(
        sample({ startedAt: null, endedAt: null, chair: null, noteTaker: null, guests: [], proposals: [], topic: null, absentWithReason: [], absentWithoutReason: [], counts: { total: 5, official: 5, probationary: 0, exempt: 0, transferred: 0, present: 0 } }),
        "vi",
        translate,
      ),
    );
    expect(lines).toContain("Bắt đầu lúc: \t (theo kế hoạch: 05/12/2026 07:30)");
    expect(lines).toContain("Kết thúc lúc: \t");
    expect(lines).toContain("Chủ trì: \t");
    expect(lines).toContain("Thư ký (ghi biên bản): \t");
    expect(lines).toContain("Khách mời: không có");
    expect(lines).toContain("Vắng có lý do (0): không có");
    expect(lines).toContain("Vắng không có lý do (0): không có");
    expect(lines).toContain("Ý kiến, đề xuất của đảng viên gửi trước cuộc họp (0): không có");
    expect(lines.some((l) => l.startsWith("Chuyên đề:"))).toBe(false);
    expect(lines).toContain("Cuộc họp kết thúc lúc ………. Biên bản đã được đọc lại trước chi bộ và được thông qua.");
  });

  it("reads in English when asked, with the same Hanoi times", async () => {
    const { xml, lines } = await paragraphs(
      await buildMinutesDocx(sample({ meetingKindLabel: translate("en", "meeting-kind-regular", { month: "12/2026" }) }), "en", translate),
    );
    expect(lines).toContain("COMMUNIST PARTY OF VIETNAM");
    expect(lines).toContain("Nhà văn hóa khu phố 3, 05/12/2026");
    expect(lines).toContain("Started at: 05/12/2026 07:30");
    expect(lines).toContain("Present: 7 of 10 expected (70%).");
    expect(lines).toContain("- Trần Thị Hương (ốm)");
    expect(xml).not.toContain("BIÊN BẢN");
    expect(xml).not.toMatch(/minutes-[a-z]/);
  });

  it("writes a short document when the meeting did not take place", async () => {
    const { xml, lines } = await paragraphs(
      await buildMinutesDocx(
        sample({ startedAt: null, endedAt: null, notHeld: { reason: "Bão số 3, cấm tụ tập đông người" } }),
        "vi",
        translate,
      ),
    );
    expect(lines).toContain("BIÊN BẢN SINH HOẠT CHI BỘ");
    expect(lines).toContain(
      "Cuộc sinh hoạt chi bộ (Sinh hoạt thường kỳ tháng 12/2026) dự kiến lúc 05/12/2026 07:30 tại Nhà văn hóa khu phố 3 đã không diễn ra.",
    );
    expect(lines).toContain("Lý do: Bão số 3, cấm tụ tập đông người");
    expect(lines).toContain("T/M CHI BỘ");
    expect(lines).toContain("Nguyễn Văn Bình");
    expect(xml).not.toContain("DIỄN BIẾN");
    expect(xml).not.toContain("Trần Thị Hương");
    expect(xml).not.toContain("Tổng số đảng viên");
  });

  it("puts the date line on the organisation's day with 01–09 and 01–02 padded", async () => {
    // 23:30 UTC on 31 January is 06:30 on 1 February in Hanoi.
    const at = new Date("2026-01-31T23:30:00Z");
    const { lines } = await paragraphs(await buildMinutesDocx(sample({ startedAt: at, endedAt: null, scheduledAt: at }), "vi", translate));
    expect(lines).toContain("Nhà văn hóa khu phố 3, ngày 01 tháng 02 năm 2026");
    expect(lines).toContain("Bắt đầu lúc: 01/02/2026 06:30");
  });
});

describe("expectedCount", () => {
  it("leaves out exempt and transferred members", () => {
    expect(expectedCount(sample().counts)).toBe(10);
    expect(expectedCount({ total: 2, official: 2, probationary: 0, exempt: 2, transferred: 1, present: 0 })).toBe(0);
    // Members attached from another cell (sinh hoạt tạm thời here) are expected, outside the total.
    expect(expectedCount({ total: 12, official: 10, probationary: 2, exempt: 1, transferred: 1, attached: 2, present: 7 })).toBe(12);
  });
});

describe("minutesSummary", () => {
  it("sums the meeting up in a few lines", () => {
    const text = minutesSummary(sample(), "vi", translate);
    const lines = text.split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(lines.length).toBeLessThanOrEqual(8);
    expect(lines).toEqual([
      "📝 Biên bản: Chi bộ Khu phố 3 — Sinh hoạt thường kỳ tháng 12/2026",
      "Thời gian: 05/12/2026 07:30 – 09:15",
      "Thời lượng: 105 phút",
      "Có mặt: 7/10 đồng chí phải dự",
      "Vắng có lý do (2): Trần Thị Hương (ốm), Lê Văn Đức (đi công tác xa)",
      "Vắng không lý do (1): Phạm Quốc Việt",
    ]);
  });

  it("says none, and an unknown length, before the meeting ends", () => {
    const text = minutesSummary(sample({ endedAt: null, absentWithReason: [], absentWithoutReason: [] }), "en", translate);
    expect(text).toContain("Time: 05/12/2026 07:30 – …");
    expect(text).toContain("Length: unknown");
    expect(text).toContain("Absent with reason (0): none");
    expect(text).toContain("Absent without reason (0): none");
  });

  it("shows the full end date when the meeting runs past midnight (organisation's day)", () => {
    const text = minutesSummary(
      sample({ startedAt: new Date("2026-12-05T15:30:00Z"), endedAt: new Date("2026-12-05T17:15:00Z") }),
      "vi",
      translate,
    );
    expect(text).toContain("Thời gian: 05/12/2026 22:30 – 06/12/2026 00:15");
    expect(text).toContain("Thời lượng: 105 phút");
  });

  it("says why a meeting did not take place", () => {
    const text = minutesSummary(sample({ startedAt: null, endedAt: null, notHeld: { reason: "Bão số 3" } }), "vi", translate);
    expect(text.split("\n")).toEqual([
      "📝 Biên bản: Chi bộ Khu phố 3 — Sinh hoạt thường kỳ tháng 12/2026",
      "Thời gian dự kiến: 05/12/2026 07:30",
      "Không diễn ra. Lý do: Bão số 3",
    ]);
  });
});
