// `chibo schedule`, `chibo meetings` and `chibo tick` as an operator runs them, with a
// Bot API stand-in receiving what the tick sends.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { BotApiStandin } from "../../src/testing/bot-api-standin.js";
import { runChibo } from "../helpers/cli.js";
import { csvFiles, MEMBERS, ORGS } from "../helpers/files.js";
import { tempDir } from "../helpers/temp-dirs.js";

describe("chibo schedule, meetings and tick", () => {
  const dir = tempDir("cli-meetings");
  const url = `file:${path.join(dir, "cli.db")}`;
  let standin: BotApiStandin;
  let env: Record<string, string>;
  const NOW = "2026-11-20T10:00:00+07:00";

  beforeAll(async () => {
    standin = await BotApiStandin.start();
    env = { DATABASE_URL: url, BOT_TOKEN: "123456:cli-test-token", TELEGRAM_API_ROOT: standin.apiRoot };
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    expect((await runChibo(["import", files["orgs.csv"], files["members.csv"]], env)).code).toBe(0);
    // Three members of A1 have linked their Telegram accounts.
    const database = await openDatabase(url);
    for (const [phone, chat] of [["+84912000101", "9101"], ["+84912000103", "9103"], ["+84912000104", "9104"]]) {
      await database.db.person.update({ where: { phone }, data: { telegramUserId: chat, telegramChatId: chat } });
    }
    await database.close();
  });
  afterAll(() => standin.stop());

  it.each([
    [["schedule", "A1", "--at", "2026-11-19T19:30:00+07:00", "--place", "Hội trường", "--now", NOW], 1, "Thời điểm này đã qua."],
    [["schedule", "A1", "--at", "2026-12-05T22:30:00+07:00", "--place", "Hội trường", "--now", NOW], 1, "Giờ này rơi vào giờ nghỉ đêm"],
    [["schedule", "C1", "--at", "2026-12-05T19:30:00+07:00", "--place", "Hội trường", "--now", NOW], 1, "C1 không phải là chi bộ"],
    [["schedule", "A1", "--at", "2026-12-05T19:30:00+07:00", "--place", "Hội trường", "--kind", "party"], 2, "--kind must be one of"],
    [["schedule", "A1", "--at", "tomorrow", "--place", "Hội trường"], 2, "is not an ISO time"],
    [["schedule", "A1", "--at", "2026-12-05T19:30:00+07:00"], 2, "Tham số không đúng"],
  ])("refuses %j clearly", async (args, code, message) => {
    const result = await runChibo(args as string[], env);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(message);
  });

  it("schedules a meeting, queues its notices, and tick sends them once", async () => {
    const scheduled = await runChibo(
      ["schedule", "A1", "--at", "2026-12-05T19:30:00+07:00", "--kind", "combined", "--place", "Hội trường", "--topic", "Học tập Nghị quyết", "--minutes", "100", "--document", "Nghị quyết | https://example.org/nq", "--now", NOW],
      env,
    );
    expect(scheduled.code).toBe(0);
    expect(scheduled.stderr).toContain("Lưu ý: Khi kết hợp thường kỳ và chuyên đề, cần ít nhất 120 phút.");
    expect(scheduled.stdout).toMatch(/Đã lên lịch cuộc họp #1 của Chi bộ Ấp Một lúc 05\/12\/2026 19:30; 3 thông báo đang chờ gửi\./);
    const tick = await runChibo(["tick", "--at", NOW], env);
    expect(tick.code).toBe(0);
    // The 20th: the secretary of a linked cell with nothing scheduled is nudged too.
    expect(tick.stdout).toContain("nhắc chi bộ chưa lên lịch 1");
    expect(tick.stdout).toContain("Đã gửi 4, thử lại 0, thất bại 0, bỏ 0.");
    const notices = standin.sent.filter((s) => s.method === "sendMessage" && !s.text?.startsWith("⏰ Đã đến ngày 20"));
    expect(notices.map((s) => s.chatId).sort()).toEqual(["9101", "9103", "9104"]);
    const again = await runChibo(["tick", "--at", NOW], env);
    expect(again.stdout).toContain("Đã gửi 0,");
    expect(standin.sent).toHaveLength(4);
  });

  it("sends the reminders due at --at, and only those", async () => {
    const tick = await runChibo(["tick", "--at", "2026-12-02T19:31:00+07:00"], env);
    expect(tick.stdout).toContain("nhắc lịch 3");
    expect(standin.sent.filter((s) => s.text?.startsWith("⏰ NHẮC LỊCH"))).toHaveLength(3);
  });

  it("lists meetings with answer counts, as text and JSON", async () => {
    const text = await runChibo(["meetings", "P1"], env);
    expect(text.stdout).toContain("#1 A1 05/12/2026 19:30 Thường kỳ kết hợp chuyên đề [confirmed] dự 0 · vắng 0 · chưa trả lời 4 / 4");
    const json = JSON.parse((await runChibo(["meetings", "A1", "--json"], env)).stdout);
    expect(json.meetings).toHaveLength(1);
    expect(json.meetings[0]).toMatchObject({
      cell: "A1",
      kind: "combined",
      forMonth: "2026-12",
      startsAt: "2026-12-05T12:30:00.000Z",
      durationMinutes: 100,
      documents: 1,
      answers: { expected: 4, attend: 0, absent: 0, noAnswer: 4 },
    });
  });

  it("shows and sets an organisation's settings, inherited down the tree, refusing bad values", async () => {
    const set = await runChibo(["settings", "P1", 'quietHours={"start":"22:00","end":"06:00"}', 'thematicTopics=["Chuyển đổi số"]'], env);
    expect(set.code).toBe(0);
    const cell = JSON.parse((await runChibo(["settings", "A1"], env)).stdout);
    expect(cell.own).toEqual({});
    expect(cell.effective.quietHours).toEqual({ start: "22:00", end: "06:00" });
    expect(cell.effective.thematicTopics).toEqual(["Chuyển đổi số"]);
    const bad = await runChibo(["settings", "A1", "minMinutes=-3", "noSuchKey=1"], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("Cài đặt minMinutes không hợp lệ");
    expect(bad.stderr).toContain("Cài đặt noSuchKey không hợp lệ: unknown setting");
    expect(JSON.parse((await runChibo(["settings", "A1"], env)).stdout).own).toEqual({});
    await runChibo(["settings", "P1", "quietHours=", "thematicTopics="], env);
  });

  it("queues without sending when there is no token, and says so", async () => {
    const result = await runChibo(["tick", "--at", "2026-12-04T18:00:00+07:00"], { DATABASE_URL: url });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("tóm tắt 1");
    expect(result.stderr).toMatch(/Không có BOT_TOKEN: \d+ tin đang chờ/);
  });
});
