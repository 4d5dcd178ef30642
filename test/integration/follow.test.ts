// Following cells, played through the real bot over HTTP: a commune committee member
// assigns a colleague to follow a cell (/assign), the colleague is told, gets the cell's
// meeting notice and answers it; ending the follow stops later notices. Forged buttons
// and bad codes change nothing; the operator does the same with `chibo assign`/`follows`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { createMeeting } from "../../src/features/meetings/mutations.js";
import { runCli } from "../../src/cli.js";
import type { FakeUser } from "../../src/testing/fake-telegram.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS } from "../helpers/files.js";
import { linkUser, startBot, type RunningBot } from "../helpers/bot.js";

const NOW = new Date("2026-11-20T03:00:00Z"); // Friday 20/11/2026, 10:00 in Hanoi
const MEETING = new Date("2026-12-05T12:30:00Z"); // Saturday 05/12/2026, 19:30 in Hanoi

// The commune C1 gets a deputy secretary (linked in the tests) and a committee member who never links.
const FOLLOW_MEMBERS = `${MEMBERS}C1,Phan Văn Phó,0903 000 003,official,deputy
C1,Đinh Thị Ủy Viên,0903 000 004,official,committee
`;

const ASK_CELL = "Phân công theo dõi chi bộ nào? Gõ mã chi bộ (ví dụ AB01).";
const ASSIGNED = /^🔭 Lê Xã Ủy đã phân công đồng chí theo dõi Chi bộ Ấp Một\. Từ nay đồng chí sẽ:\n• nhận thông báo/;
const NOTICE = "📅 THÔNG BÁO SINH HOẠT CHI BỘ";

describe.each(PROVIDERS)("following cells on %s", (provider) => {
  let database: TestDatabase;
  let running: RunningBot;
  let xa: FakeUser; // Lê Xã Ủy, committee member of commune C1: the assigner
  let pho: FakeUser; // Phan Văn Phó, deputy secretary of C1: the colleague
  let tinh: FakeUser; // Trần Tỉnh Ủy, committee member of the province P1
  let bi: FakeUser; // Nguyễn Văn Bí, secretary of cell A1
  let mot: FakeUser; // Lê Văn Một, plain member of A1
  let meetingId = 0;
  const ids: Record<string, number> = {};

  const db = () => database.db;
  const link = (userId: number, code: string, phone: string) => linkUser(running, db(), userId, code, phone);
  const texts = (user: FakeUser) => user.messages().map((m) => m.text);
  const count = (user: FakeUser, pattern: RegExp | string) =>
    texts(user).filter((t) => (typeof pattern === "string" ? t.startsWith(pattern) : pattern.test(t))).length;
  const answerOf = async (phone: string, id: number) => {
    const person = await db().person.findUniqueOrThrow({ where: { phone } });
    return db().meetingAnswer.findUnique({ where: { meetingId_personId: { meetingId: id, personId: person.id } } });
  };
  const follows = async () =>
    (await db().follow.findMany({ include: { org: true, person: true }, orderBy: { id: "asc" } })).map((f) => `${f.org.code}:${f.person.fullName}`);
  const a1Meeting = (startsAt: Date) =>
    createMeeting(
      db(),
      { orgId: ids.A1, kind: "regular", startsAt, durationMinutes: 90, place: "Nhà văn hoá thôn", agenda: "", documents: [] },
      "confirmed",
      running.now.value,
    );

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": FOLLOW_MEMBERS });
    await importRoster(db(), files["orgs.csv"], files["members.csv"], { now: NOW });
    for (const org of await db().org.findMany()) ids[org.code] = org.id;
    for (const person of await db().person.findMany()) ids[person.phone] = person.id;
    running = await startBot(db(), { now: NOW });
    xa = await link(8001, "C1", "+84903000002");
    pho = await link(8002, "C1", "+84903000003");
    tinh = await link(8003, "P1", "+84903000001");
    bi = await link(8004, "A1", "+84912000101");
    mot = await link(8005, "A1", "+84912000103");
    meetingId = (await a1Meeting(MEETING)).id;
    await running.telegram.settle();
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it("refuses /assign to a plain member and to a cell's own secretary", async () => {
    await mot.send("/assign");
    expect(mot.lastMessage()?.text).toBe("Chỉ cấp uỷ viên, bí thư hoặc phó bí thư của cấp uỷ cấp trên mới phân công theo dõi chi bộ được.");
    await bi.send("/phancong A1");
    expect(bi.lastMessage()?.text).toBe("Chỉ cấp uỷ viên, bí thư hoặc phó bí thư của cấp uỷ cấp trên mới phân công theo dõi chi bộ được.");
  });

  it("asks for the cell, re-prompting for an unknown code, a non-cell and a cell outside the subtree", async () => {
    await xa.send("/assign");
    expect(xa.lastMessage()?.text).toBe(ASK_CELL);
    await xa.send("ZZ99");
    expect(xa.lastMessage()?.text).toBe(`Không có chi bộ mã «ZZ99».\n${ASK_CELL}`);
    await xa.send("C1");
    expect(xa.lastMessage()?.text).toBe(`C1 không phải là chi bộ; hãy gõ mã của một chi bộ.\n${ASK_CELL}`);
    await xa.send("B1");
    expect(xa.lastMessage()?.text).toBe(`Chi bộ B1 không thuộc tổ chức đồng chí phụ trách.\n${ASK_CELL}`);
    await xa.send("a1");
    const list = xa.lastMessage()!;
    expect(list.text).toBe("Chọn đồng chí theo dõi Chi bộ Ấp Một. Dấu ✓ là đang theo dõi; bấm vào đó để kết thúc.");
    // Linked committee people of the commune only: not the province (out of reach), not the unlinked member.
    expect(list.buttons.map((b) => b.text)).toEqual(["Phan Văn Phó (phó bí thư, Đảng bộ xã Một)", "Lê Xã Ủy (cấp uỷ viên, Đảng bộ xã Một)"]);
  });

  it("assigns the colleague: they and the cell's secretary are told once, and the list shows ✓", async () => {
    await xa.tap("Phan Văn Phó (phó bí thư, Đảng bộ xã Một)");
    expect(xa.lastMessage()?.text).toBe("✅ Đã phân công Phan Văn Phó theo dõi Chi bộ Ấp Một. Đồng chí ấy và bí thư chi bộ đã được báo.");
    expect(xa.messages().some((m) => m.buttons.some((b) => b.text === "✓ Phan Văn Phó (phó bí thư, Đảng bộ xã Một)"))).toBe(true);
    expect(await follows()).toEqual(["A1:Phan Văn Phó"]);
    expect(count(pho, ASSIGNED)).toBe(1);
    expect(texts(pho).find((t) => ASSIGNED.test(t))).toContain("được ghi là khách mời khi dự họp");
    expect(texts(bi)).toContain(
      "🔭 Lê Xã Ủy đã phân công đồng chí Phan Văn Phó (phó bí thư, Đảng bộ xã Một) theo dõi Chi bộ Ấp Một. Đồng chí ấy sẽ nhận thông báo họp, dự họp với tư cách khách mời và xác nhận điểm chất lượng buổi họp.",
    );
    const audit = await db().auditLog.findMany({ where: { action: "follow.add" } });
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).toBe(`person:${ids["+84903000002"]}`);
    expect(JSON.parse(audit[0].detail)).toMatchObject({ cell: "A1", person: "Phan Văn Phó" });
  });

  it("sends the new follower the notice of the coming meeting at once, and takes their answer", async () => {
    expect(count(pho, NOTICE)).toBe(1);
    expect(pho.messages().find((m) => m.text.startsWith(NOTICE))!.text).toContain("19:30, Thứ Bảy 05/12/2026");
    await pho.tap("✅ Tham dự");
    expect(pho.lastMessage()?.text).toBe("✅ Đã ghi nhận: đồng chí tham dự.");
    expect(await answerOf("+84903000003", meetingId)).toMatchObject({ answer: "attend", revision: 1 });
  });

  it("asks to confirm before ending a follow; keeping it changes nothing", async () => {
    await xa.tap("✓ Phan Văn Phó (phó bí thư, Đảng bộ xã Một)");
    expect(xa.lastMessage()?.text).toBe("Phan Văn Phó đang theo dõi Chi bộ Ấp Một. Kết thúc phân công này?");
    await xa.tap("Giữ nguyên");
    expect(xa.lastMessage()?.text).toBe("Giữ nguyên: Phan Văn Phó vẫn theo dõi Chi bộ Ấp Một.");
    expect(await follows()).toEqual(["A1:Phan Văn Phó"]);
    expect(count(pho, ASSIGNED)).toBe(1);
  });

  it("lists what a person follows and, for an overseer, the follows below them", async () => {
    await pho.send("/following");
    expect(pho.lastMessage()?.text).toBe(
      [
        "Chi bộ đồng chí theo dõi (1):",
        "• Chi bộ Ấp Một (A1), từ 20/11/2026",
        "",
        "Phân công theo dõi trong tổ chức đồng chí phụ trách (1):",
        "• Chi bộ Ấp Một (A1): Phan Văn Phó, từ 20/11/2026",
        "Phân công hoặc kết thúc: /assign <mã chi bộ>",
      ].join("\n"),
    );
    await tinh.send("/theodoi");
    expect(tinh.lastMessage()?.text).toMatch(/^Đồng chí chưa theo dõi chi bộ nào\.\n\nPhân công theo dõi .* \(1\):\n• Chi bộ Ấp Một \(A1\): Phan Văn Phó/);
    await mot.send("/following");
    expect(mot.lastMessage()?.text).toBe("Đồng chí chưa theo dõi chi bộ nào.");
  });

  it.each([
    ["a member", "mot", () => `fw:a:${ids.A1}:${ids["+84912000103"]}`],
    ["a member ending a follow", "mot", () => `fw:r:${ids.A1}:${ids["+84903000003"]}`],
    ["a cell outside the subtree", "xa", () => `fw:a:${ids.B1}:${ids["+84903000002"]}`],
    ["an organisation that is not a cell", "xa", () => `fw:a:${ids.C1}:${ids["+84903000002"]}`],
    ["a person out of reach", "xa", () => `fw:a:${ids.A1}:${ids["+84903000001"]}`],
    ["a person not linked", "xa", () => `fw:a:${ids.A1}:${ids["+84903000004"]}`],
    ["a plain member of the cell", "xa", () => `fw:a:${ids.A1}:${ids["+84912000103"]}`],
    ["malformed ids", "xa", () => "fw:a:abc:1"],
    ["an id too large", "xa", () => "fw:a:9999999999:1"],
  ])("refuses a forged button (%s) and changes nothing", async (_what, who, data) => {
    const user = { mot, xa }[who as "mot" | "xa"];
    const before = { follows: await follows(), audit: await db().auditLog.count(), messages: running.telegram.botMessages().length };
    await user.tapData(data());
    expect(await follows()).toEqual(before.follows);
    expect(await db().auditLog.count()).toBe(before.audit);
    expect(running.telegram.botMessages().length).toBe(before.messages);
  });

  it("tells a colleague assigned at night only when quiet hours end", async () => {
    running.now.value = new Date("2026-11-20T15:30:00Z"); // 22:30 in Hanoi
    await tinh.send("/assign B1");
    expect(tinh.lastMessage()?.buttons.map((b) => b.text)).toEqual(["Trần Tỉnh Ủy (cấp uỷ viên, Đảng bộ tỉnh Thử)"]);
    await tinh.tap("Trần Tỉnh Ủy (cấp uỷ viên, Đảng bộ tỉnh Thử)");
    expect(tinh.lastMessage()?.text).toMatch(/^✅ Đã phân công Trần Tỉnh Ủy theo dõi Chi bộ Bản Ba\./);
    expect(count(tinh, "🔭")).toBe(0);
    await running.tickAt("2026-11-20T23:31:00Z"); // 06:31 the next morning
    expect(count(tinh, "🔭 Trần Tỉnh Ủy đã phân công đồng chí theo dõi Chi bộ Bản Ba.")).toBe(1);
  });

  it("ends a follow: the colleague and the secretary are told, and later notices stop", async () => {
    await xa.send("/assign A1");
    await xa.tap("✓ Phan Văn Phó (phó bí thư, Đảng bộ xã Một)");
    await xa.tap("⏹ Kết thúc theo dõi");
    expect(xa.lastMessage()?.text).toBe("Đã kết thúc: Phan Văn Phó không còn theo dõi Chi bộ Ấp Một. Đồng chí ấy và bí thư chi bộ đã được báo.");
    expect(await follows()).toEqual(["B1:Trần Tỉnh Ủy"]);
    expect(count(pho, "Lê Xã Ủy đã kết thúc việc đồng chí theo dõi Chi bộ Ấp Một.")).toBe(1);
    expect(texts(bi)).toContain("Phan Văn Phó không còn theo dõi Chi bộ Ấp Một (Lê Xã Ủy đã kết thúc phân công).");
    expect(await db().auditLog.count({ where: { action: "follow.remove", actor: `person:${ids["+84903000002"]}` } })).toBe(1);

    const later = await a1Meeting(new Date("2026-12-19T12:30:00Z"));
    await running.telegram.settle();
    expect(count(mot, NOTICE)).toBe(2);
    expect(count(pho, NOTICE)).toBe(1);
    await pho.tapData(`m:att:${later.id}:1`);
    expect(await answerOf("+84903000003", later.id)).toBeNull();
  });

  describe("chibo assign and chibo follows", () => {
    const chibo = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: { DATABASE_URL: database.url, LOG_LEVEL: "silent" }, now: () => running.now.value });
      await running.telegram.settle();
      return { code, stdout: out.join("\n"), stderr: err.join("\n") };
    };
    const at = "2026-11-21T03:00:00Z"; // 10:00 in Hanoi

    beforeAll(() => {
      running.now.value = new Date(at);
    });

    it.each([
      [["assign", "A1", "0999 999 999"], 1, "Không có ai có số 0999 999 999."],
      [["assign", "C1", "0903 000 004"], 1, "C1 không phải là chi bộ (kind = cell)."],
      [["assign", "ZZ99", "0903 000 004"], 1, "Không có tổ chức mã ZZ99."],
      [["assign", "A1", "abc"], 1, "«abc» không phải là số điện thoại."],
      [["assign", "A1", "0912 000 103"], 1, "Lê Văn Một không là cấp uỷ viên, bí thư hay phó bí thư của tổ chức nào phía trên A1"],
      [["assign", "A1"], 2, "Tham số không đúng: assign <CELL_CODE> <phone> [--remove]"],
      [["follows", "ZZ99"], 1, "Không có tổ chức mã ZZ99."],
    ])("refuses %j clearly and changes nothing", async (args, code, message) => {
      const before = await follows();
      const result = await chibo(...(args as string[]));
      expect(result.code).toBe(code);
      expect(result.stderr).toContain(message);
      expect(await follows()).toEqual(before);
    });

    it("assigns an unlinked committee member once, tells the secretary, lists and removes", async () => {
      const added = await chibo("assign", "A1", "0903 000 004", "--now", at);
      expect(added.code).toBe(0);
      expect(added.stdout).toBe(
        "Đã phân công Đinh Thị Ủy Viên (0903 000 004) theo dõi Chi bộ Ấp Một (A1).\nLưu ý: Đinh Thị Ủy Viên chưa liên kết Telegram nên chưa nhận được tin nhắn nào.",
      );
      expect(texts(bi)).toContain(
        "🔭 Văn phòng cấp uỷ đã phân công đồng chí Đinh Thị Ủy Viên (cấp uỷ viên, Đảng bộ xã Một) theo dõi Chi bộ Ấp Một. Đồng chí ấy sẽ nhận thông báo họp, dự họp với tư cách khách mời và xác nhận điểm chất lượng buổi họp.",
      );
      expect((await chibo("assign", "A1", "+84903000004", "--now", at)).stdout).toBe("Đinh Thị Ủy Viên đã theo dõi Chi bộ Ấp Một rồi; không có gì thay đổi.");
      expect(texts(bi).filter((t) => t.includes("đã phân công đồng chí Đinh Thị Ủy Viên"))).toHaveLength(1);

      const commune = await chibo("follows", "C1");
      expect(commune.stdout).toBe("Đảng bộ xã Một (C1): 1 phân công theo dõi\nChi bộ Ấp Một (A1)  Đinh Thị Ủy Viên  0903 000 004  [chưa liên kết]  từ 21/11/2026");
      const province = JSON.parse((await chibo("follows", "P1", "--json")).stdout);
      expect(province.follows.map((f: { cell: { code: string }; person: { fullName: string } }) => `${f.cell.code}:${f.person.fullName}`)).toEqual([
        "A1:Đinh Thị Ủy Viên",
        "B1:Trần Tỉnh Ủy",
      ]);

      const removed = await chibo("assign", "A1", "0903 000 004", "--remove", "--now", at);
      expect(removed.stdout).toBe("Đã kết thúc: Đinh Thị Ủy Viên không còn theo dõi Chi bộ Ấp Một (A1).");
      expect(texts(bi)).toContain("Đinh Thị Ủy Viên không còn theo dõi Chi bộ Ấp Một (Văn phòng cấp uỷ đã kết thúc phân công).");
      expect((await chibo("assign", "A1", "0903 000 004", "--remove")).stdout).toBe("Đinh Thị Ủy Viên không theo dõi Chi bộ Ấp Một; không có gì thay đổi.");
      expect(await follows()).toEqual(["B1:Trần Tỉnh Ủy"]);
      expect(await db().auditLog.count({ where: { actor: "cli", action: { in: ["follow.add", "follow.remove"] } } })).toBe(2);
    });
  });
});
