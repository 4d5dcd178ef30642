// A commune committee sends notices, a document and the year's thematic orientation down
// to its cells through the real bot over HTTP: who gets each message (once), the "read"
// button, counts, quiet hours, the orientation reaching a secretary's scheduling, and
// the refusals (not a committee, empty text, forged buttons, an org that is not theirs).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { settingsFor } from "../../src/org/settings.js";
import { runTick } from "../../src/jobs/tick.js";
import { createLogger } from "../../src/logger.js";
import type { FakeUser } from "../../src/testing/fake-telegram.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS } from "../helpers/files.js";
import { linkUser, startBot, type RunningBot } from "../helpers/bot.js";
import { runChibo } from "../helpers/cli.js";

const NOW = new Date("2026-11-05T03:00:00Z"); // Thursday 05/11/2026, 10:00 in Hanoi
const NOTICE = "📢 THÔNG BÁO CỦA Đảng bộ xã Một";

describe.each(PROVIDERS)("broadcasts on %s", (provider) => {
  let database: TestDatabase;
  let running: RunningBot;
  let xa: FakeUser; // Lê Xã Ủy, committee of commune C1 (cells A1, A2)
  let tinh: FakeUser; // Trần Tỉnh Ủy, committee of province P1
  let bi: FakeUser; // A1 secretary
  let pho: FakeUser; // A1 deputy
  let mot: FakeUser; // A1 member
  let bon: FakeUser; // A2 secretary
  let sau: FakeUser; // B1 secretary, under the other commune

  const db = () => database.db;
  const link = (userId: number, code: string, phone: string) => linkUser(running, db(), userId, code, phone);
  const received = (user: FakeUser, prefix: string) => user.messages().filter((m) => m.text.startsWith(prefix));
  const personId = async (phone: string) => (await db().person.findUniqueOrThrow({ where: { phone } })).id;
  const lastBroadcastId = async () => (await db().broadcast.findFirstOrThrow({ orderBy: { id: "desc" } })).id;
  const chibo = (args: string[]) => runChibo(args, { DATABASE_URL: database.url });

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(db(), files["orgs.csv"], files["members.csv"], { now: NOW });
    running = await startBot(db(), { now: NOW });
    xa = await link(8001, "C1", "+84903000002");
    tinh = await link(8002, "P1", "+84903000001");
    bi = await link(8003, "A1", "+84912000101");
    pho = await link(8004, "A1", "+84912000102");
    mot = await link(8005, "A1", "+84912000103");
    bon = await link(8006, "A2", "+84912000201");
    sau = await link(8007, "B1", "+84912000301");
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it.each([
    ["a member", () => mot],
    ["a cell secretary", () => bi],
  ])("refuses /broadcast to %s", async (_who, user) => {
    await user().send("/broadcast");
    expect(user().lastMessage()?.text).toBe(
      "Chỉ cấp uỷ viên, bí thư hoặc phó bí thư của tổ chức cấp trên chi bộ mới gửi thông báo xuống các chi bộ được.",
    );
    expect(await db().broadcast.count()).toBe(0);
  });

  describe("a notice to the secretaries of the commune's cells", () => {
    let broadcastId = 0;

    it("asks kind, audience and text, re-prompting for empty or too long text", async () => {
      await xa.send("/thongbao");
      expect(xa.lastMessage()?.text).toBe("Gửi gì tới các chi bộ thuộc Đảng bộ xã Một?");
      await xa.tap("📢 Thông báo");
      await xa.tap("Bí thư, phó bí thư các chi bộ");
      await xa.send("\u200b");
      expect(xa.lastMessage()?.text).toBe("Nội dung đang trống.\nHãy gõ nội dung thông báo (tối đa 3000 ký tự).");
      await xa.send("x".repeat(3001));
      expect(xa.lastMessage()?.text).toMatch(/^Nội dung dài quá 3000 ký tự/);
      await xa.send("Họp giao ban bí thư chi bộ lúc 8:00 thứ Hai.\nĐịa điểm: hội trường xã.");
      const preview = xa.lastMessage()!;
      expect(preview.text).toMatch(/^Xem trước\. Gửi tới: Bí thư, phó bí thư các chi bộ – 3 người, 3 người đã liên kết Telegram\./);
      expect(preview.text).toContain(`${NOTICE}\n\nHọp giao ban bí thư chi bộ lúc 8:00 thứ Hai.\nĐịa điểm: hội trường xã.`);
      expect(await db().broadcast.count()).toBe(0);
      await xa.tap("✅ Gửi");
      broadcastId = await lastBroadcastId();
      expect(xa.lastMessage()?.text).toBe(
        `Đã gửi thông báo #${broadcastId}: 3 tin đang được chuyển đi; 0 người chưa liên kết Telegram. Xem kết quả bằng /broadcasts.`,
      );
    });

    it("reaches each secretary and deputy of the subtree once, with a read button, and no one else", async () => {
      for (const user of [bi, pho, bon]) {
        const got = received(user, NOTICE);
        expect(got).toHaveLength(1);
        expect(got[0].buttons.map((b) => b.text)).toEqual(["👁 Đã đọc"]);
      }
      for (const user of [mot, sau, tinh]) expect(received(user, NOTICE)).toHaveLength(0);
      await running.tickAt(NOW);
      await runTick(db(), NOW, createLogger("silent"));
      await running.tickAt(NOW);
      for (const user of [bi, pho, bon]) expect(received(user, NOTICE)).toHaveLength(1);
      const audit = await db().auditLog.findFirstOrThrow({ where: { action: "broadcast.send" } });
      expect(audit.actor).toBe(`person:${await personId("+84903000002")}`);
      expect(JSON.parse(audit.detail)).toMatchObject({ broadcastId, org: "C1", kind: "notice", audience: "secretaries", recipients: 3 });
    });

    it("records a read tap once and marks the button", async () => {
      await bi.tap("👁 Đã đọc");
      expect(received(bi, NOTICE)[0].buttons.map((b) => b.text)).toEqual(["✅ Đã xác nhận đọc"]);
      await bi.tap("✅ Đã xác nhận đọc");
      const reads = await db().broadcastRecipient.findMany({ where: { broadcastId, readAt: { not: null } } });
      expect(reads.map((r) => r.personId)).toEqual([await personId("+84912000101")]);
    });

    it("changes nothing for a forged, foreign or malformed read button", async () => {
      for (const data of [`bcr:${broadcastId}`, `bcr:${broadcastId + 1000}`, "bcr:abc", `bcr:${"9".repeat(12)}`, "bcr:0"]) {
        await mot.tapData(data);
        await sau.tapData(data);
      }
      expect(await db().broadcastRecipient.count({ where: { readAt: { not: null } } })).toBe(1);
      expect(await db().broadcastRecipient.count({ where: { personId: { in: [await personId("+84912000103"), await personId("+84912000301")] } } })).toBe(0);
      // Nobody got a message for those taps: the answer is a pop-up on the button.
      expect(received(mot, NOTICE)).toHaveLength(0);
    });

    it("shows the committee delivery and read counts", async () => {
      await xa.send("/broadcasts");
      const status = xa.lastMessage()!.text;
      expect(status).toMatch(/^Thông báo đã gửi gần đây \(1\):/);
      expect(status).toContain(`#${broadcastId} 05/11/2026 10:00 – Đảng bộ xã Một: 📢 Thông báo tới Bí thư, phó bí thư các chi bộ – «Họp giao ban bí thư chi bộ lúc 8:00 thứ Hai. Địa điểm: hội…»`);
      expect(status).toContain("3 người nhận: đã gửi 3, lỗi 0, đang chờ 0, chưa liên kết 0; đã đọc 1.");
      await xa.send("/broadcast status");
      expect(xa.lastMessage()?.text).toBe(status);
    });
  });

  it("sends a members notice to every expected member, counting those not on Telegram", async () => {
    await xa.send("/broadcast");
    await xa.tap("📢 Thông báo");
    await xa.tap("Tất cả đảng viên các chi bộ");
    await xa.send("Đảng viên đóng góp ý kiến vào dự thảo văn kiện.");
    // A1: secretary, deputy, Một, Hai (not linked); A2: Bốn, Năm (not linked). Ba is exempt.
    expect(xa.lastMessage()?.text).toMatch(/Tất cả đảng viên các chi bộ – 6 người, 4 người đã liên kết Telegram\./);
    await xa.tap("✅ Gửi");
    const id = await lastBroadcastId();
    expect(xa.lastMessage()?.text).toMatch(new RegExp(`^Đã gửi thông báo #${id}: 4 tin đang được chuyển đi; 2 người chưa liên kết Telegram\\.`));
    for (const user of [bi, pho, mot, bon]) expect(received(user, NOTICE).filter((m) => m.text.includes("dự thảo văn kiện"))).toHaveLength(1);
    expect(received(sau, NOTICE)).toHaveLength(0);
    await mot.tap("👁 Đã đọc");
    await xa.send("/broadcasts");
    expect(xa.lastMessage()?.text).toContain("6 người nhận: đã gửi 4, lỗi 0, đang chờ 0, chưa liên kết 2; đã đọc 1.");
  });

  it("holds a broadcast sent at night until quiet hours end in the cells", async () => {
    running.now.value = new Date("2026-11-05T16:00:00Z"); // 23:00 in Hanoi
    await xa.send("/broadcast");
    await xa.tap("📄 Tài liệu (đường dẫn)");
    await xa.tap("Bí thư, phó bí thư các chi bộ");
    await xa.send("Nghị quyết 12");
    await xa.send("tài liệu ở văn phòng");
    expect(xa.lastMessage()?.text).toBe("Đây không phải đường dẫn hợp lệ; cần dạng https://... (tối đa 500 ký tự).\nĐường dẫn tới tài liệu (dạng https://...)?");
    await xa.send("https://example.org/nq12");
    await xa.tap("Bỏ qua");
    await xa.tap("✅ Gửi");
    const document = "📄 TÀI LIỆU TỪ Đảng bộ xã Một\nNghị quyết 12: https://example.org/nq12";
    expect(received(bi, document)).toHaveLength(0);
    await xa.send("/broadcasts");
    expect(xa.lastMessage()?.text).toContain("3 người nhận: đã gửi 0, lỗi 0, đang chờ 3, chưa liên kết 0; đã đọc 0.");
    await running.tickAt("2026-11-05T23:31:00Z"); // 06:31 the next morning
    for (const user of [bi, pho, bon]) expect(received(user, document)).toHaveLength(1);
  });

  it("stores an orientation's topics for the cells below, and a secretary schedules from them", async () => {
    running.now.value = new Date("2026-11-06T03:00:00Z");
    await xa.send("/broadcast");
    await xa.tap("🧭 Định hướng sinh hoạt chuyên đề");
    await xa.tap("Bí thư, phó bí thư các chi bộ");
    await xa.send("\n\n");
    expect(xa.lastMessage()?.text).toMatch(/^Chưa có chủ đề nào\.\nHãy gõ các chủ đề/);
    await xa.send("1. Học tập Nghị quyết Đại hội XIV\n- Chuyển đổi số ở cơ sở\n\nChuyển đổi số ở cơ sở");
    await xa.send("Các chi bộ chọn ít nhất một chủ đề mỗi quý.");
    await xa.tap("✅ Gửi");
    expect(xa.lastMessage()?.text).toMatch(/Các chủ đề đã được lưu để bí thư chọn khi lên lịch sinh hoạt chuyên đề\./);
    const orientation = received(bi, "🧭 ĐỊNH HƯỚNG SINH HOẠT CHUYÊN ĐỀ CỦA Đảng bộ xã Một")[0];
    expect(orientation.text).toBe(
      [
        "🧭 ĐỊNH HƯỚNG SINH HOẠT CHUYÊN ĐỀ CỦA Đảng bộ xã Một",
        "1. Học tập Nghị quyết Đại hội XIV",
        "2. Chuyển đổi số ở cơ sở",
        "",
        "Các chi bộ chọn ít nhất một chủ đề mỗi quý.",
        "",
        "Khi lên lịch sinh hoạt chuyên đề (/schedule), bí thư chọn chủ đề từ danh sách này.",
      ].join("\n"),
    );
    const a1 = await db().org.findUniqueOrThrow({ where: { code: "A1" } });
    const b1 = await db().org.findUniqueOrThrow({ where: { code: "B1" } });
    expect((await settingsFor(db(), a1.path)).thematicTopics).toEqual(["Học tập Nghị quyết Đại hội XIV", "Chuyển đổi số ở cơ sở"]);
    expect((await settingsFor(db(), b1.path)).thematicTopics).toEqual([]);

    await bi.send("/schedule");
    await bi.tap("➕ Lên lịch một cuộc họp");
    await bi.tap("Chuyên đề");
    await bi.send("05/12");
    await bi.send("19:30");
    await bi.tap("90 phút");
    await bi.send("Hội trường ấp");
    await bi.tap("Bỏ qua");
    expect(bi.lastMessage()?.buttons.map((b) => b.text)).toEqual(["Học tập Nghị quyết Đại hội XIV", "Chuyển đổi số ở cơ sở", "Chủ đề khác…"]);
    await bi.tap("Chuyển đổi số ở cơ sở");
    await bi.tap("Xong");
    await bi.tap("✅ Xác nhận và gửi thông báo");
    const meeting = await db().meeting.findFirstOrThrow({ where: { orgId: a1.id } });
    expect(meeting).toMatchObject({ kind: "thematic", thematicTopic: "Chuyển đổi số ở cơ sở" });
  });

  describe("from the command line", () => {
    const at = "2026-11-06T10:00:00+07:00";

    it.each([
      [["broadcast", "C2", "--kind", "notice", "--audience", "members", "--text", "Thông báo", "--as", "0903 000 002", "--now", at], 1, "0903 000 002 không phải cấp uỷ viên, bí thư hay phó bí thư của Đảng bộ xã Hai"],
      [["broadcast", "A1", "--kind", "notice", "--audience", "members", "--text", "Thông báo"], 1, "A1 là một chi bộ"],
      [["broadcast", "ZZ", "--kind", "notice", "--audience", "members", "--text", "Thông báo"], 1, "ZZ"],
    ])("refuses %j clearly and records nothing", async (args, code, message) => {
      const before = await db().broadcast.count();
      const result = await chibo(args as string[]);
      expect(result.stderr).toContain(message);
      expect(result.code).toBe(code);
      expect(await db().broadcast.count()).toBe(before);
    });

    it("sends an orientation from a topics file and reports counts as JSON", async () => {
      const file = path.join(csvFiles({}).dir, "topics.txt");
      writeFileSync(file, "\uFEFFXây dựng Đảng trong sạch vững mạnh\nPhát triển kinh tế địa phương\n");
      running.now.value = new Date(at);
      const sent = await chibo(["broadcast", "P1", "--kind", "orientation", "--audience", "secretaries", "--topics-file", file, "--as", "0903 000 001", "--now", at]);
      expect(sent.stderr).toBe("");
      expect(sent.code).toBe(0);
      const id = await lastBroadcastId();
      // A1 secretary and deputy, A2 and B1 secretaries.
      expect(sent.stdout).toContain(`Đã ghi thông báo #${id} của Đảng bộ tỉnh Thử tới 4 người; 4 tin đang chờ gửi, 0 người chưa liên kết Telegram.`);
      await running.telegram.settle();
      expect(received(sau, "🧭 ĐỊNH HƯỚNG SINH HOẠT CHUYÊN ĐỀ CỦA Đảng bộ tỉnh Thử")).toHaveLength(1);
      const b1 = await db().org.findUniqueOrThrow({ where: { code: "B1" } });
      expect((await settingsFor(db(), b1.path)).thematicTopics).toEqual(["Xây dựng Đảng trong sạch vững mạnh", "Phát triển kinh tế địa phương"]);
      await sau.tap("👁 Đã đọc");
      const listed = await chibo(["broadcasts", "P1", "--json"]);
      expect(listed.code).toBe(0);
      const report = JSON.parse(listed.stdout) as { broadcasts: Record<string, unknown>[] };
      expect(report.broadcasts).toHaveLength(1);
      expect(report.broadcasts[0]).toMatchObject({
        id,
        kind: "orientation",
        audience: "secretaries",
        sender: "Trần Tỉnh Ủy",
        content: { topics: ["Xây dựng Đảng trong sạch vững mạnh", "Phát triển kinh tế địa phương"] },
        recipients: 4,
        sent: 4,
        failed: 0,
        pending: 0,
        unreachable: 0,
        read: 1,
      });
      const audit = await db().auditLog.findFirstOrThrow({ where: { action: "broadcast.send" }, orderBy: { id: "desc" } });
      expect(audit.actor).toBe(`cli:person:${await personId("+84903000001")}`);
    });
  });
});

// Checked before any database is opened: the same on every provider.
describe("chibo broadcast with bad arguments", () => {
  const dir = csvFiles({}).dir;
  const env = { DATABASE_URL: `file:${path.join(dir, "unused.db")}` };
  it.each([
    [["broadcast", "C1", "--kind", "notice", "--audience", "members", "--text", "   "], 1, "Nội dung đang trống."],
    [["broadcast", "C1", "--kind", "document", "--audience", "members", "--title", "Nghị quyết", "--url", "ftp://example.org/x"], 1, "Đây không phải đường dẫn hợp lệ"],
    [["broadcast", "C1", "--kind", "orientation", "--audience", "members", "--topics-file", path.join(dir, "missing.txt")], 2, "--topics-file: cannot read"],
    [["broadcast", "C1", "--kind", "notice", "--audience", "members"], 2, "--kind notice needs --text"],
    [["broadcast", "C1", "--kind", "memo", "--audience", "members", "--text", "x"], 2, "--kind must be one of notice, document, orientation"],
    [["broadcast", "C1", "--kind", "notice", "--audience", "everyone", "--text", "x"], 2, "--audience must be one of secretaries, members"],
  ])("refuses %j clearly", async (args, code, message) => {
    const result = await runChibo(args as string[], env);
    expect(result.stderr).toContain(message);
    expect(result.code).toBe(code);
  });
});
