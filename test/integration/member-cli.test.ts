// `chibo member add|move|attach|status|end|history`: the office records one person's
// membership changes, dated in the cell's zone, never in the future; refusals are said
// plainly with exit code 1, wrong arguments exit 2; `chibo members` follows the changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, IMPORTED_AT, MEMBERS, ORGS } from "../helpers/files.js";

const NOW = new Date("2026-12-07T03:00:00Z"); // Monday 07/12/2026, 10:00 in Hanoi
const HAI = "0912345678"; // a new member, added by the office
const MOT = "0912 000 103"; // Lê Văn Một, official member of A1
const BA = "0912000105"; // Hoàng Văn Ba, exempt member of A1
const NAM = "0912000202"; // Vũ Văn Năm, member of A2
const localMidnight = (iso: string) => new Date(`${iso}T00:00:00+07:00`);

describe.each(PROVIDERS)("chibo member on %s", (provider) => {
  let database: TestDatabase;

  async function chibo(args: string[], env: Record<string, string> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, { out: (line) => out.push(line), err: (line) => err.push(line), env: { DATABASE_URL: database.url, LOG_LEVEL: "silent", ...env }, now: () => NOW });
    return { code, stdout: out.join("\n"), stderr: err.join("\n") };
  }
  const json = async (args: string[]) => {
    const result = await chibo([...args, "--json"]);
    return { code: result.code, body: JSON.parse(result.stdout) as Record<string, any>, stderr: result.stderr };
  };
  const names = async (cell: string) => ((await json(["members", cell])).body.members as { fullName: string; status: string }[]).map((m) => `${m.fullName}:${m.status}`).sort();
  const periodsOf = async (phone: string) => {
    const person = await database.db.person.findUniqueOrThrow({ where: { phone } });
    return database.db.membership.findMany({ where: { personId: person.id }, include: { org: true }, orderBy: { id: "asc" } });
  };

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT });
  });
  afterAll(() => database.drop());

  it("explains itself, and exits 2 on a missing or unknown action", async () => {
    const help = await chibo(["member", "help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("member attach <số điện thoại> --end");
    expect((await chibo(["help"])).stdout).toContain("member add|move|attach|status|end|history");
    const bare = await chibo(["member"]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("Cách dùng: chibo member");
    const unknown = await chibo(["member", "frob"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Không có việc «frob» của chibo member.");
  });

  it("adds a new probationary member, dated in the cell's zone and audited", async () => {
    const added = await chibo(["member", "add", "A1", "--name", "Trần Văn Hai", "--phone", HAI, "--status", "probationary", "--admitted", "01/12/2026", "--on", "02/12/2026", "--note", "kết nạp"]);
    expect(added).toMatchObject({ code: 0, stderr: "" });
    expect(added.stdout).toBe("Đã thêm Trần Văn Hai (0912 345 678) vào Chi bộ Ấp Một (A1), đảng viên dự bị, từ ngày 02/12/2026.");
    const person = await database.db.person.findUniqueOrThrow({ where: { phone: "+84912345678" } });
    expect(person.admittedOn).toEqual(localMidnight("2026-12-01"));
    const [period] = await periodsOf("+84912345678");
    expect(period).toMatchObject({ kind: "home", status: "probationary", role: "member", startedOn: localMidnight("2026-12-02"), endedOn: null, note: "kết nạp" });
    expect(period.org.code).toBe("A1");
    const audit = await database.db.auditLog.findFirstOrThrow({ where: { action: "membership.add" } });
    expect(audit.actor).toBe("cli");
    expect(audit.at).toEqual(NOW);
    expect(await names("A1")).toContain("Trần Văn Hai:probationary");
  });

  it.each([
    [["add", "A1", "--name", "Trần Văn Hai", "--phone", HAI, "--status", "official"], 1, "Trần Văn Hai (0912 345 678) đã là đảng viên của Chi bộ Ấp Một (A1)."],
    [["add", "A2", "--name", "Trần Văn Hai", "--phone", HAI, "--status", "official"], 1, "Trần Văn Hai (0912 345 678) đang thuộc Chi bộ Ấp Một (A1): để chuyển sang A2, dùng chibo member move."],
    [["add", "A2", "--name", "Mai Văn Mới", "--phone", "0912000999", "--status", "official", "--on", "08/12/2026"], 1, "Ngày 08/12/2026 chưa tới (hôm nay là 07/12/2026): chỉ ghi được việc đã xảy ra."],
    [["add", "A2", "--name", "Mai Văn Mới", "--phone", "0912000999", "--status", "official", "--admitted", "09/12/2026"], 1, "Ngày 09/12/2026 chưa tới"],
    [["add", "C1", "--name", "Mai Văn Mới", "--phone", "0912000999", "--status", "official"], 1, "C1 không phải là chi bộ (kind = cell)."],
    [["add", "ZZ9", "--name", "Mai Văn Mới", "--phone", "0912000999", "--status", "official"], 1, "Không có tổ chức mã ZZ9."],
    [["add", "A2", "--name", "Mai Văn Mới", "--phone", "12", "--status", "official"], 1, "«12» không phải là số điện thoại."],
    [["add", "A2", "--name", "Mai Văn Mới", "--phone", "0912000999", "--status", "official", "--on", "31/02/2026"], 2, "--on: «31/02/2026» không có ngày này."],
    [["add", "A2", "--name", "Mai Văn Mới", "--phone", "0912000999", "--status", "official", "--on", "2026-12-01"], 2, "không phải là ngày (viết DD/MM/YYYY"],
    [["add", "A2", "--name", "Mai Văn Mới", "--phone", "0912000999", "--status", "transferred"], 2, "--status must be one of official, probationary, exempt"],
    [["add", "A2", "--name", "Mai Văn Mới", "--phone", "0912000999"], 2, "--status must be one of"],
    [["add", "A2", "--phone", "0912000999", "--status", "official"], 2, "--name is empty"],
    [["add", "A2", "--name", "Mai Văn Mới", "--phone", "0912000999", "--status", "official", "--colour", "red"], 2, "Tham số không đúng"],
    [["move", "0999 999 999", "A2"], 1, "Không có ai có số 0999 999 999."],
    [["end", BA, "A1", "--reason", "moved"], 2, "--reason must be one of left, died, removed, expelled"],
    [["status", BA, "retired"], 2, "status must be one of official, probationary, exempt"],
    [["attach", MOT], 2, "member attach <PHONE> <TO_CELL>"],
    [["attach", MOT, "A2", "--end"], 2, "member attach <PHONE> --end"],
    [["attach", MOT, "A2", "--on", "03/12/2026", "--until", "02/12/2026"], 2, "--until 02/12/2026 phải sau ngày bắt đầu 03/12/2026."],
  ])("refuses member %j clearly", async (args, code, message) => {
    const result = await chibo(["member", ...(args as string[])]);
    expect(result.stderr).toContain(message);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe("");
  });

  it("gives refusals as JSON too, and in English when the CLI speaks English", async () => {
    const refused = await json(["member", "add", "A2", "--name", "Mai Văn Mới", "--phone", "0912000999", "--status", "official", "--on", "08/12/2026"]);
    expect(refused.code).toBe(1);
    expect(refused.body).toMatchObject({ ok: false, refused: "future_date", message: expect.stringContaining("08/12/2026") });
    expect(await database.db.person.findUnique({ where: { phone: "+84912000999" } })).toBeNull();
    const english = await chibo(["member", "move", HAI, "A1"], { CHIBO_LANG: "en" });
    expect(english.code).toBe(1);
    expect(english.stderr).toBe("Trần Văn Hai (0912 345 678) already belongs to Chi bộ Ấp Một (A1).");
  });

  it("moves a member to another cell directly, refusing a day before their period began", async () => {
    const early = await chibo(["member", "move", HAI, "A2", "--on", "01/12/2026"]);
    expect(early.code).toBe(1);
    expect(early.stderr).toBe("Ngày 01/12/2026 ở trước ngày giai đoạn hiện tại của Trần Văn Hai bắt đầu (02/12/2026): hãy chọn một ngày từ 02/12/2026 trở đi.");
    const moved = await chibo(["member", "move", HAI, "A2", "--on", "05/12/2026", "--note", "chuyển nơi ở"]);
    expect(moved.code).toBe(0);
    expect(moved.stdout).toBe("Đã chuyển sinh hoạt của Trần Văn Hai (0912 345 678) từ A1 sang Chi bộ Ấp Hai (A2) từ ngày 05/12/2026.");
    const again = await chibo(["member", "move", HAI, "A2"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe("Trần Văn Hai (0912 345 678) đã thuộc Chi bộ Ấp Hai (A2).");
    expect(await names("A1")).not.toContain("Trần Văn Hai:probationary");
    expect(await names("A2")).toContain("Trần Văn Hai:probationary");
  });

  it("recognises a probationary member as official, with a JSON result", async () => {
    const changed = await json(["member", "status", HAI, "official", "--on", "06/12/2026", "--note", "Nghị quyết 12"]);
    expect(changed.code).toBe(0);
    expect(changed.body).toEqual({
      ok: true,
      action: "status",
      person: { id: expect.any(Number), fullName: "Trần Văn Hai", phone: "+84912345678" },
      cell: { code: "A2", name: "Chi bộ Ấp Hai", kind: "cell" },
      from: "probationary",
      to: "official",
      on: "2026-12-06",
    });
    const person = await database.db.person.findUniqueOrThrow({ where: { phone: "+84912345678" } });
    expect(person.officialOn).toEqual(localMidnight("2026-12-06"));
    const same = await chibo(["member", "status", HAI, "official"]);
    expect(same.code).toBe(1);
    expect(same.stderr).toBe("Trần Văn Hai (0912 345 678) đã là đảng viên chính thức ở Chi bộ Ấp Hai (A2).");
    expect(await names("A2")).toContain("Trần Văn Hai:official");
  });

  it("attaches a member to another cell for a while, then ends the attachment", async () => {
    const attached = await chibo(["member", "attach", MOT, "A2", "--on", "03/12/2026", "--until", "31/03/2027", "--note", "đi học"]);
    expect(attached.code).toBe(0);
    expect(attached.stdout).toBe("Từ ngày 03/12/2026, Lê Văn Một (0912 000 103) sinh hoạt tạm thời ở Chi bộ Ấp Hai (A2), vẫn thuộc chi bộ A1.\nDự kiến đến ngày 31/03/2027.");
    expect(await names("A2")).toContain("Lê Văn Một:official");

    const elsewhere = await chibo(["member", "attach", MOT, "B1"]);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain("Lê Văn Một (0912 000 103) đang sinh hoạt tạm thời ở Chi bộ Ấp Hai (A2): kết thúc việc đó trước");
    const home = await chibo(["member", "attach", MOT, "A1"]);
    expect(home.stderr).toBe("Chi bộ Ấp Một (A1) là chi bộ của chính Lê Văn Một: sinh hoạt tạm thời phải ở một chi bộ khác.");
    const statusAtHome = await chibo(["member", "status", MOT, "exempt", "--cell", "A1"]);
    expect(statusAtHome.code).toBe(1);
    expect(statusAtHome.stderr).toBe("Lê Văn Một (0912 000 103) đang sinh hoạt tạm thời ở Chi bộ Ấp Hai (A2): trạng thái được ghi ở đó (--cell A2).");
    const noHome = await chibo(["member", "attach", "0912000999", "A2"]);
    expect(noHome.stderr).toBe("Không có ai có số 0912000999.");

    const ended = await json(["member", "attach", MOT, "--end", "--on", "06/12/2026"]);
    expect(ended.code).toBe(0);
    expect(ended.body).toMatchObject({ ok: true, action: "attach-end", cell: { code: "A2" }, home: { code: "A1" }, on: "2026-12-06" });
    expect(await names("A2")).not.toContain("Lê Văn Một:official");
    expect(await names("A1")).toContain("Lê Văn Một:official");
    const again = await chibo(["member", "attach", MOT, "--end"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe("Lê Văn Một (0912 000 103) không đang sinh hoạt tạm thời ở chi bộ nào.");
  });

  it("records a death, after which the person is no longer a member", async () => {
    const ended = await chibo(["member", "end", BA, "A1", "--reason", "died", "--on", "04/12/2026"]);
    expect(ended.code).toBe(0);
    expect(ended.stdout).toBe("Đã ghi Hoàng Văn Ba (0912 000 105) rời Chi bộ Ấp Một (A1) từ ngày 04/12/2026: từ trần. Số giai đoạn đã kết thúc: 1.");
    expect((await names("A1")).some((n) => n.startsWith("Hoàng Văn Ba"))).toBe(false);
    const again = await chibo(["member", "end", BA, "A1", "--reason", "died"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe("Hoàng Văn Ba (0912 000 105) hiện không phải là đảng viên của Chi bộ Ấp Một (A1).");
    const status = await chibo(["member", "status", BA, "official"]);
    expect(status.stderr).toBe("Hoàng Văn Ba (0912 000 105) hiện không thuộc chi bộ nào: thêm vào bằng chibo member add hoặc chibo member move.");
    // Known, with no cell now: added again (an expelled member re-admitted, say), name kept.
    const back = await chibo(["member", "add", "A2", "--name", "Hoàng Ba", "--phone", BA, "--status", "official"]);
    expect(back.code).toBe(0);
    expect(back.stdout).toBe("Đã thêm Hoàng Văn Ba (0912 000 105, đã có trong danh sách) vào Chi bộ Ấp Hai (A2), đảng viên chính thức, từ ngày 07/12/2026.");
    expect(back.stderr).toBe("Lưu ý: số 0912 000 105 đã có tên «Hoàng Văn Ba» nên giữ tên này, không đổi thành «Hoàng Ba».");
  });

  it("dates a change today at the moment a period that began earlier today began", async () => {
    const [period] = await periodsOf("+84912000202");
    const nineAm = new Date("2026-12-07T02:00:00Z");
    await database.db.membership.update({ where: { id: period.id }, data: { startedOn: nineAm } });
    const moved = await chibo(["member", "move", NAM, "B1"]);
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain("từ A2 sang Chi bộ Bản Ba (B1) từ ngày 07/12/2026.");
    const [a2, b1] = await periodsOf("+84912000202");
    expect(a2).toMatchObject({ endedOn: nineAm, endReason: "moved" });
    expect(b1).toMatchObject({ startedOn: nineAm, endedOn: null, kind: "home" });
  });

  it("lists every period of a person, as text and JSON, and audits the reading", async () => {
    const { code, body } = await json(["member", "history", HAI]);
    expect(code).toBe(0);
    expect(body.person).toMatchObject({ fullName: "Trần Văn Hai", phone: "+84912345678", admittedOn: "2026-12-01", officialOn: "2026-12-06" });
    expect(body.periods.map((p: any) => [p.org.code, p.kind, p.status, p.role, p.from, p.to, p.endReason, p.note])).toEqual([
      ["A1", "home", "probationary", "member", "2026-12-02", "2026-12-05", "moved", "kết nạp"],
      ["A2", "home", "probationary", "member", "2026-12-05", "2026-12-06", "status", "chuyển nơi ở"],
      ["A2", "home", "official", "member", "2026-12-06", null, null, "Nghị quyết 12"],
    ]);
    const text = await chibo(["member", "history", MOT]);
    expect(text.code).toBe(0);
    expect(text.stdout.split("\n")).toEqual([
      "Quá trình sinh hoạt của Lê Văn Một (0912 000 103): 4 giai đoạn.",
      "từ trước khi có lịch sử → 03/12/2026: Chi bộ Ấp Một (A1) · chi bộ của mình · chính thức · đảng viên · kết thúc vì đi sinh hoạt tạm thời nơi khác",
      "03/12/2026 → 06/12/2026: Chi bộ Ấp Một (A1) · chi bộ của mình · sinh hoạt tạm thời nơi khác · đảng viên · kết thúc vì hết sinh hoạt tạm thời",
      "03/12/2026 → 06/12/2026: Chi bộ Ấp Hai (A2) · sinh hoạt tạm thời · chính thức · đảng viên · kết thúc vì hết sinh hoạt tạm thời · ghi chú: đi học",
      "06/12/2026 → nay: Chi bộ Ấp Một (A1) · chi bộ của mình · chính thức · đảng viên",
    ]);
    const english = await chibo(["member", "history", HAI], { CHIBO_LANG: "en" });
    expect(english.stdout).toContain("Membership history of Trần Văn Hai (0912 345 678): 3 periods.\nAdmitted: 01/12/2026\nOfficial since: 06/12/2026");
    const reads = await database.db.auditLog.count({ where: { action: "read.member.history", actor: "cli" } });
    expect(reads).toBe(3);
  });

  it("leaves `chibo members` listing the right people", async () => {
    expect(await names("A1")).toEqual(["Lê Văn Một:official", "Nguyễn Văn Bí:official", "Phạm Thị Hai:probationary", "Trần Thị Phó:official"].sort());
    expect(await names("A2")).toEqual(["Đỗ Thị Bốn:official", "Hoàng Văn Ba:official", "Trần Văn Hai:official"].sort());
    expect(await names("B1")).toEqual(["Bùi Văn Sáu:official", "Ngô Thị Bảy:transferred", "Vũ Văn Năm:official"].sort());
    const moves = await database.db.auditLog.findMany({ where: { actor: "cli", action: { startsWith: "membership." } }, select: { action: true } });
    expect(moves.map((m) => m.action).sort()).toEqual([
      "membership.add",
      "membership.add",
      "membership.attach",
      "membership.attachment_over",
      "membership.end",
      "membership.move",
      "membership.move",
      "membership.status",
    ]);
  });
});
