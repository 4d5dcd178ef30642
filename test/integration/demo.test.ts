// The demo a newcomer runs first: it must finish on its own and tell the story.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runChibo } from "../helpers/cli.js";

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
      expect(out).toContain("🤖 → Bùi Thị Hạnh: Đây không phải số điện thoại của chính bạn.");
      expect(out).toContain("🤖 → Phạm Thị Dung: Bí thư đã duyệt");
      expect(out).toContain("🤖 → Người lạ: Mã mời này đã hết hạn.");
      expect(out).toMatch(/Xong\. 8\/27 người đã liên kết, 0 yêu cầu đang chờ\./);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
