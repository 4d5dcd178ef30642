// The demo a newcomer runs first: it must finish on its own and tell the story.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runChibo } from "../helpers/cli.js";
import { csvFiles, MEMBERS, ORGS } from "../helpers/files.js";
import { tempDir } from "../helpers/temp-dirs.js";

describe("npm run demo", () => {
  it("plays people joining on a local Telegram server and exits 0", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "chibo-demo-"));
    try {
      const result = await runChibo(["demo", "--database", `file:${path.join(dir, "demo.db")}`], {}, 120_000);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const out = result.stdout;
      expect(out).toContain("Đã nạp 6 tổ chức và 27 người");
      expect(out).toContain("🤖 → Lê Văn Cường: Đã liên kết! Chào mừng Lê Văn Cường đến với Chi bộ thôn Đông.");
      expect(out).toContain("🤖 → Vũ Thị Giang: Hello Vũ Thị Giang! You are invited to join Chi bộ thôn Đông.");
      expect(out).toContain("🤖 → Bùi Thị Hạnh: Đây không phải số điện thoại của chính đồng chí.");
      expect(out).toContain("🤖 → Phạm Thị Dung: Bí thư đã duyệt");
      expect(out).toContain("🤖 → Người lạ: Mã mời này đã hết hạn.");
      expect(out).toMatch(/8\/27 người đã liên kết, 0 yêu cầu đang chờ\./);
      // The month: scheduling with re-prompts, answers, reminders, the summary.
      expect(out).toContain("🤖 → Nguyễn Văn An: Ngày này không có trong lịch.");
      expect(out).toContain("🤖 → Nguyễn Văn An: Đã xác nhận. Thông báo đang được gửi tới 5 người.");
      expect(out).toContain("🤖 → Nguyễn Văn An: Vũ Thị Giang báo vắng cuộc họp 19:30, Thứ Bảy 05/12/2026: Công tác – «Business trip to Hải Phòng».");
      expect(out).toContain("🤖 → Phạm Thị Dung: Bí thư đã đưa đề xuất «Bàn kế hoạch trồng cây đầu năm ở nhà văn hoá» của đồng chí vào chương trình họp.");
      expect(out).toContain("Chưa trả lời (3): Trần Thị Bích (chưa dùng bot), Hoàng Văn Em (chưa dùng bot), Bùi Thị Hạnh");
      expect(out).toContain("Dự kiến 3/7 đảng viên tham dự (43%): CHƯA đạt mức trên 85%.");
      expect(out.match(/🤖 → Bùi Thị Hạnh: ⏰ NHẮC LỊCH/g)).toHaveLength(3);
      // The month closes: attendance, checks, score, minutes, and the third month flagged.
      expect(out).toContain("⚠️ Tham dự 5/7 (71%), chưa đạt mức trên 85%.");
      expect(out).toMatch(/🤖 → Lê Thị Thu Hà: 🚩 Bùi Thị Hạnh \(Chi bộ thôn Đông\) đã có 3 tháng trong năm/);
      expect(out).toMatch(/Tổng điểm: \d+\/100 – xếp loại (Tốt|Khá|Trung bình|Kém)\./);
      expect(out).toContain("Dự thảo biên bản đã được ghi ra data/demo-bien-ban-2026-12.docx.");
      // The committees: the month-end report, Monday's digests with charts, /report down and up.
      expect(out).toContain("🤖 → Lê Thị Thu Hà: ⚠️ Đảng bộ xã An Bình: 1 chi bộ trực thuộc chưa có buổi sinh hoạt thường kỳ được ghi nhận cho tháng 11/2026:");
      expect(out).toContain("🤖 → Trần Quốc Hưng: [digest.png] 📊 Tỷ lệ chi bộ sinh hoạt đúng quy định – Đảng bộ tỉnh Sông Hồng");
      expect(out).toContain("🤖 → Lê Thị Thu Hà: 📊 BÁO CÁO TUẦN – Đảng bộ xã An Bình (07/12/2026)");
      expect(out).toContain("🤖 → Phạm Minh Đức: 📊 BÁO CÁO TUẦN – Đảng bộ phường Mỹ Lộc (07/12/2026)");
      expect(out).toContain("Tháng 11/2026: đã họp 1, đã lên lịch 0, chưa lên lịch 2 / 3 chi bộ (33% đã họp)");
      expect(out).toContain("🤖 ✎ Trần Quốc Hưng (tin nhắn được sửa): 📊 BÁO CÁO TUẦN – Chi bộ thôn Tây (07/12/2026)");
      expect(out).toMatch(/Xong: 3 cuộc họp, \d+ tin đã gửi qua hàng đợi\./);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe("never destroys a database it did not make", () => {
    const dir = tempDir("demo-guard");

    it("refuses a chibo database holding real organisations, and leaves it byte for byte", async () => {
      const file = path.join(dir, "copy-of-real.db");
      const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
      expect((await runChibo(["import", files["orgs.csv"], files["members.csv"]], { DATABASE_URL: `file:${file}` })).code).toBe(0);
      const before = readFileSync(file);
      const result = await runChibo(["demo", "--database", `file:${file}`]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("đã có dữ liệu không phải của bản trình diễn: bản trình diễn không ghi đè lên nó");
      expect(result.stdout).toBe("");
      expect(readFileSync(file).equals(before)).toBe(true);
    });

    it("refuses a file that is no database at all", async () => {
      const file = path.join(dir, "notes.txt");
      writeFileSync(file, "biên bản họp chi bộ\n");
      const result = await runChibo(["demo", "--database", `file:${file}`]);
      expect(result.code).toBe(1);
      expect(readFileSync(file, "utf8")).toBe("biên bản họp chi bộ\n");
    });
  });
});
