// Keeping the roster in chat, played through the real bot over HTTP: under /members a
// cell's secretary adds a member, records probationary → official, exempts and ends an
// exemption, takes in a member of another cell temporarily, and transfers members to
// other cells, whose secretaries accept or decline (until then the person stays). A
// removal is refused to the cell's secretary and recorded by the committee above. One
// path on Zalo, with numbered options. Every change is audited with the speaker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { createInvite } from "../../src/features/onboarding/mutations.js";
import type { BotMessage, FakeUser } from "../../src/testing/fake-telegram.js";
import type { FakeZaloUser } from "../../src/testing/fake-zalo.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS } from "../helpers/files.js";
import { linkUser, startBot, type RunningBot } from "../helpers/bot.js";
import { startZaloBot, type RunningZalo } from "../helpers/zalo.js";

const NOW = new Date("2026-11-20T03:00:00Z"); // Friday 20/11/2026, 10:00 in Hanoi
/** Midnight in Hanoi of a local day: the instant a change dated that day carries. */
const hanoiDay = (iso: string) => new Date(`${iso}T00:00:00+07:00`);

const ADD = "➕ Thêm đảng viên";
const OFFICIAL = "🎖 Công nhận chính thức";
const EXEMPT = "🛌 Miễn sinh hoạt";
const UNEXEMPT = "↩️ Thôi miễn sinh hoạt";
const ATTACH = "📥 Nhận sinh hoạt tạm thời";
const OUT = "📤 Chuyển sinh hoạt đi";
const DEPART = "🕯 Từ trần, xoá tên, khai trừ";
const TODAY = "Hôm nay (20/11/2026)";

describe.each(PROVIDERS)("keeping the roster in chat on %s", (provider) => {
  let database: TestDatabase;
  let running: RunningBot;
  let bi: FakeUser; // Nguyễn Văn Bí, secretary of A1
  let bon: FakeUser; // Đỗ Thị Bốn, secretary of A2
  let sau: FakeUser; // Bùi Văn Sáu, secretary of B1
  let xa: FakeUser; // Lê Xã Ủy, committee member of the commune C1 above A1
  const ids: Record<string, number> = {};

  const db = () => database.db;
  const texts = (user: FakeUser) => user.messages().map((m) => m.text);
  const person = (phone: string) => db().person.findUniqueOrThrow({ where: { phone } });
  const periods = async (phone: string) =>
    (await db().membership.findMany({ where: { person: { phone } }, include: { org: true }, orderBy: { id: "asc" } })).map((m) => ({
      org: m.org.code,
      kind: m.kind,
      status: m.status,
      startedOn: m.startedOn,
      endedOn: m.endedOn,
      endReason: m.endReason,
      note: m.note,
    }));
  const current = async (phone: string) => (await periods(phone)).filter((p) => p.endedOn === null);
  /** The newest roster list of a cell in this chat. */
  const listOf = (user: FakeUser, org: string): BotMessage | undefined => [...user.messages()].reverse().find((m) => m.text.startsWith(`${org}:`));
  /** Taps an action under a given cell's list (a committee sees several lists). */
  const tapUnder = async (user: FakeUser, org: string, label: string) => {
    await user.send("/members");
    const list = listOf(user, org)!;
    return user.tapData(list.buttons.find((b) => b.text === label)!.data, list);
  };
  const lastAudit = async (action: string) => db().auditLog.findFirst({ where: { action }, orderBy: { id: "desc" } });

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(db(), files["orgs.csv"], files["members.csv"], { now: NOW });
    for (const org of await db().org.findMany()) ids[org.code] = org.id;
    for (const p of await db().person.findMany()) ids[p.phone] = p.id;
    running = await startBot(db(), { now: NOW });
    bi = await linkUser(running, db(), 9401, "A1", "+84912000101");
    bon = await linkUser(running, db(), 9402, "A2", "+84912000201");
    sau = await linkUser(running, db(), 9403, "B1", "+84912000301");
    xa = await linkUser(running, db(), 9404, "C1", "+84903000002");
    await running.telegram.settle();
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it("shows the list with the actions that keep it", async () => {
    await bi.send("/members");
    const list = bi.lastMessage()!;
    expect(list.text).toMatch(/^Chi bộ Ấp Một: 5 đảng viên/);
    expect(list.buttons.map((b) => b.text)).toEqual([ADD, OFFICIAL, EXEMPT, UNEXEMPT, ATTACH, OUT, DEPART]);
  });

  it("adds a probationary member, refusing a future admission date and a day not on the calendar", async () => {
    await bi.tap(ADD);
    expect(bi.lastMessage()?.text).toBe("Thêm đảng viên vào Chi bộ Ấp Một. Họ và tên của đồng chí ấy?");
    await bi.send("Đặng Văn Mới");
    await bi.send("không có số");
    expect(bi.lastMessage()?.text).toBe("Đây không phải là số điện thoại; ví dụ: 0912 345 678.\nSố điện thoại của đồng chí ấy?");
    await bi.send("0912 000 106");
    await bi.tap("dự bị");
    const ask = "Ngày kết nạp (ngày/tháng/năm, ví dụ 15/03/2026)?";
    expect(bi.lastMessage()?.text).toBe(ask);
    await bi.send("21/11/2026");
    expect(bi.lastMessage()?.text).toBe(`Ngày này chưa đến (hôm nay là 20/11/2026): chỉ ghi những việc đã xảy ra.\n${ask}`);
    await bi.send("31/02/2026");
    expect(bi.lastMessage()?.text).toBe(`Ngày này không có trên lịch.\n${ask}`);
    await bi.send("15/3");
    expect(bi.lastMessage()?.text).toBe(`Xin gõ ngày theo dạng ngày/tháng/năm, ví dụ 20/11/2026.\n${ask}`);
    await bi.send("15/03/2026");
    expect(bi.lastMessage()?.text).toBe("✅ Đã thêm Đặng Văn Mới (0912 000 106) vào Chi bộ Ấp Một: đảng viên dự bị, kết nạp ngày 15/03/2026.");
    const added = await person("+84912000106");
    expect(added.admittedOn).toEqual(hanoiDay("2026-03-15"));
    expect(await current("+84912000106")).toEqual([
      { org: "A1", kind: "home", status: "probationary", startedOn: hanoiDay("2026-11-20"), endedOn: null, endReason: null, note: null },
    ]);
    expect((await lastAudit("membership.add"))?.actor).toBe(`person:${ids["+84912000101"]}`);
    await bi.send("/members");
    expect(bi.lastMessage()?.text).toMatch(/^Chi bộ Ấp Một: 6 đảng viên/);
    expect(bi.lastMessage()?.text).toContain("Đặng Văn Mới (đảng viên, dự bị)");
  });

  it("refuses to add someone who belongs to another cell", async () => {
    await bi.tap(ADD);
    await bi.send("Vũ Văn Năm");
    await bi.send("0912 000 202");
    expect(bi.lastMessage()?.text).toBe("Số điện thoại này là của đảng viên đang sinh hoạt ở Chi bộ Ấp Hai: bí thư nơi đó cần chuyển sinh hoạt sang đây.");
  });

  it("records probationary → official with its date", async () => {
    await bi.send("/members");
    await bi.tap(OFFICIAL);
    expect(bi.lastMessage()?.buttons.map((b) => b.text)).toEqual(["Đặng Văn Mới (dự bị)", "Phạm Thị Hai (dự bị)"]);
    await bi.tap("Phạm Thị Hai (dự bị)");
    await bi.send("18/11/2026");
    expect(bi.lastMessage()?.text).toBe("✅ Phạm Thị Hai là đảng viên chính thức từ ngày 18/11/2026.");
    expect((await person("+84912000104")).officialOn).toEqual(hanoiDay("2026-11-18"));
    expect((await current("+84912000104"))[0]).toMatchObject({ status: "official", startedOn: hanoiDay("2026-11-18") });
    expect((await lastAudit("membership.status"))?.actor).toBe(`person:${ids["+84912000101"]}`);
  });

  it("exempts a member with a reason from today, and ends another's exemption", async () => {
    await bi.send("/members");
    await bi.tap(EXEMPT);
    await bi.tap("Lê Văn Một (chính thức)");
    expect(bi.lastMessage()?.text).toBe("Lý do miễn sinh hoạt cho Lê Văn Một (ví dụ: tuổi cao, sức yếu)?");
    await bi.send("Tuổi cao, sức yếu");
    await bi.tap(TODAY);
    expect(bi.lastMessage()?.text).toBe("✅ Lê Văn Một được miễn sinh hoạt từ ngày 20/11/2026. Lý do: Tuổi cao, sức yếu");
    expect((await current("+84912000103"))[0]).toMatchObject({ status: "exempt", note: "Tuổi cao, sức yếu", startedOn: hanoiDay("2026-11-20") });

    await bi.send("/members");
    await bi.tap(UNEXEMPT);
    expect(bi.lastMessage()?.buttons.map((b) => b.text)).toEqual(["Hoàng Văn Ba (miễn sinh hoạt)", "Lê Văn Một (miễn sinh hoạt)"]);
    await bi.tap("Hoàng Văn Ba (miễn sinh hoạt)");
    await bi.send("19/11/2026");
    expect(bi.lastMessage()?.text).toBe("✅ Hoàng Văn Ba sinh hoạt trở lại từ ngày 19/11/2026 (đảng viên chính thức).");
    expect((await current("+84912000105"))[0]).toMatchObject({ status: "official", startedOn: hanoiDay("2026-11-19") });
  });

  it("takes in a member of another cell temporarily, by phone", async () => {
    await bi.send("/members");
    await bi.tap(ATTACH);
    const ask = "Nhận sinh hoạt tạm thời ở Chi bộ Ấp Một. Số điện thoại của đảng viên ấy?";
    expect(bi.lastMessage()?.text).toBe(ask);
    await bi.send("0912 000 999");
    expect(texts(bi).slice(-2)).toEqual(["Không có đảng viên nào với số 0912 000 999. Xin kiểm tra lại.", ask]);
    await bi.send("0912 000 202");
    expect(bi.lastMessage()?.text).toBe("Vũ Văn Năm đang sinh hoạt ở Chi bộ Ấp Hai. Sinh hoạt tạm thời đến ngày nào (ngày/tháng/năm)?");
    await bi.send("20/05/2027");
    await bi.send("20/11/2026");
    expect(bi.lastMessage()?.text).toBe("✅ Vũ Văn Năm (Chi bộ Ấp Hai) sinh hoạt tạm thời ở Chi bộ Ấp Một từ ngày 20/11/2026 đến ngày 20/05/2027.");
    expect(await current("+84912000202")).toEqual([
      expect.objectContaining({ org: "A2", kind: "home", status: "transferred" }),
      expect.objectContaining({ org: "A1", kind: "attached", status: "official", startedOn: hanoiDay("2026-11-20") }),
    ]);
  });

  it("transfers a member to another cell once its secretary accepts; until then they stay", async () => {
    await bi.send("/members");
    await bi.tap(OUT);
    await bi.tap("Đặng Văn Mới (dự bị)");
    await bi.tap("Sang một chi bộ khác trong đảng bộ");
    const ask = "Chọn chi bộ nhận, hoặc gõ mã chi bộ (ví dụ AB01).";
    expect(bi.lastMessage()?.text).toBe(ask);
    expect(bi.lastMessage()?.buttons.map((b) => b.text)).toEqual(["Chi bộ Ấp Hai (A2)"]);
    await bi.send("ZZ99");
    expect(bi.lastMessage()?.text).toBe(`Không có chi bộ mã «ZZ99».\n${ask}`);
    await bi.send("C1");
    expect(bi.lastMessage()?.text).toBe(`C1 không phải là chi bộ; hãy gõ mã của một chi bộ.\n${ask}`);
    await bi.tap("Chi bộ Ấp Hai (A2)");
    await bi.tap(TODAY);
    expect(bi.lastMessage()?.text).toBe(
      "📨 Đã gửi đề nghị chuyển Đặng Văn Mới sang Chi bộ Ấp Hai. Đến khi chi bộ đó nhận, đồng chí ấy vẫn sinh hoạt ở Chi bộ Ấp Một; đồng chí sẽ được báo kết quả.",
    );
    // Asked, not moved: still on A1's roster.
    expect(await current("+84912000106")).toEqual([expect.objectContaining({ org: "A1", kind: "home" })]);
    const request = bon.lastMessage()!;
    expect(request.text).toBe("📨 Đề nghị chuyển sinh hoạt đảng: Đặng Văn Mới (0912 000 106) từ Chi bộ Ấp Một sang Chi bộ Ấp Hai, từ ngày 20/11/2026. Chi bộ có nhận không?");
    // Someone who does not lead A2 cannot answer for it.
    const forged = await sau.tapData(request.buttons[0].data);
    expect(forged).toEqual({ text: "Đồng chí không có quyền làm việc này.", showAlert: true });
    await bon.tap("✅ Nhận");
    expect(texts(bon)).toContainEqual(expect.stringMatching(/✅ Đã nhận: Đặng Văn Mới sinh hoạt ở Chi bộ Ấp Hai\.$/));
    expect(bi.lastMessage()?.text).toBe("✅ Chi bộ Ấp Hai đã nhận Đặng Văn Mới: đồng chí ấy chuyển sinh hoạt sang đó.");
    expect(await current("+84912000106")).toEqual([expect.objectContaining({ org: "A2", kind: "home", status: "probationary", startedOn: hanoiDay("2026-11-20") })]);
    expect((await lastAudit("transfer.accept"))?.actor).toBe(`person:${ids["+84912000201"]}`);
    await bon.send("/members");
    expect(bon.lastMessage()?.text).toContain("Đặng Văn Mới");
    await bi.send("/members");
    expect(bi.lastMessage()?.text).not.toContain("Đặng Văn Mới");
    // A second tap on the answered request changes nothing.
    expect(await bon.tapData(request.buttons[1].data)).toEqual({ text: "Đề nghị này đã được xử lý.", showAlert: true });
  });

  it("keeps the member when the receiving cell declines (a cell of another commune, by its code)", async () => {
    await bi.send("/members");
    await bi.tap(OUT);
    await bi.tap("Lê Văn Một (miễn sinh hoạt)");
    await bi.tap("Sang một chi bộ khác trong đảng bộ");
    await bi.send("b1");
    await bi.send("20/11/2026");
    expect(bi.lastMessage()?.text).toMatch(/^📨 Đã gửi đề nghị chuyển Lê Văn Một sang Chi bộ Bản Ba\./);
    // Shown again under the receiving secretary's /members while it waits.
    await sau.send("/members");
    expect(sau.lastMessage()?.text).toMatch(/^📨 Đề nghị chuyển sinh hoạt đảng: Lê Văn Một/);
    await sau.tap("✖️ Không nhận");
    expect(bi.lastMessage()?.text).toBe("✖️ Chi bộ Bản Ba không nhận Lê Văn Một: đồng chí ấy vẫn sinh hoạt ở chi bộ mình.");
    expect(await current("+84912000103")).toEqual([expect.objectContaining({ org: "A1", kind: "home", status: "exempt" })]);
    expect(await db().transferRequest.count({ where: { person: { phone: "+84912000103" }, state: "declined" } })).toBe(1);
  });

  it("refuses a removal to the cell's secretary; the committee above records it", async () => {
    const before = texts(bi).length;
    expect(await tapUnder(bi, "Chi bộ Ấp Một", DEPART)).toEqual({
      text: "Từ trần, xoá tên, khai trừ do cấp uỷ cấp trên ghi nhận theo quyết định của cấp có thẩm quyền; chi bộ không tự ghi được. Xin báo cấp uỷ cấp trên.",
      showAlert: true,
    });
    expect(texts(bi).length).toBe(before + 1); // the list only: no question was asked
    expect(await current("+84912000103")).toHaveLength(1);

    await tapUnder(xa, "Chi bộ Ấp Một", DEPART);
    expect(xa.lastMessage()?.text).toBe("Ghi nhận việc gì cho một đảng viên của Chi bộ Ấp Một?");
    await xa.tap("Xoá tên");
    await xa.tap("Lê Văn Một (miễn sinh hoạt)");
    await xa.send("Quyết định số 12-QĐ/ĐU");
    await xa.tap(TODAY);
    expect(xa.lastMessage()?.text).toBe("Ghi nhận Lê Văn Một: Xoá tên, từ ngày 20/11/2026? Việc này kết thúc mọi tư cách của đồng chí ấy.");
    await xa.tap("✅ Xác nhận");
    expect(xa.lastMessage()?.text).toBe("✅ Đã ghi nhận Lê Văn Một: Xoá tên, từ ngày 20/11/2026.");
    expect(await current("+84912000103")).toEqual([]);
    expect((await periods("+84912000103")).at(-1)).toMatchObject({ endReason: "removed", endedOn: hanoiDay("2026-11-20") });
    const audit = await lastAudit("membership.end");
    expect(audit?.actor).toBe(`person:${ids["+84903000002"]}`);
    expect(JSON.parse(audit!.detail)).toMatchObject({ reason: "removed", note: "Quyết định số 12-QĐ/ĐU" });
  });

  it("transfers a member out of the tree after confirming", async () => {
    await bi.send("/members");
    await bi.tap(OUT);
    await bi.tap("Hoàng Văn Ba (chính thức)");
    await bi.tap("Ra ngoài đảng bộ (không còn trong danh sách)");
    await bi.send("20/11/2026");
    await bi.tap("✅ Xác nhận");
    expect(bi.lastMessage()?.text).toBe("✅ Hoàng Văn Ba ra khỏi danh sách Chi bộ Ấp Một từ ngày 20/11/2026.");
    expect((await periods("+84912000105")).at(-1)).toMatchObject({ endReason: "left", endedOn: hanoiDay("2026-11-20") });
  });

  it("asks the day again when it falls before the member's current standing began", async () => {
    await bi.send("/members");
    await bi.tap(EXEMPT);
    await bi.tap("Phạm Thị Hai (chính thức)");
    await bi.send("Ốm dài ngày");
    const ask = "Miễn sinh hoạt từ ngày nào (ngày/tháng/năm)?";
    await bi.send("17/11/2026");
    expect(texts(bi).slice(-2)).toEqual(["Ngày này trước 18/11/2026, ngày bắt đầu của tình trạng hiện tại; xin gõ ngày từ 18/11/2026 trở đi.", ask]);
    expect((await current("+84912000104"))[0]).toMatchObject({ status: "official" });
    await bi.send("18/11/2026");
    expect(bi.lastMessage()?.text).toBe("✅ Phạm Thị Hai được miễn sinh hoạt từ ngày 18/11/2026. Lý do: Ốm dài ngày");
  });

  it("refuses a forged action button for a cell the tapper does not manage", async () => {
    expect(await bon.tapData(`mbr:add:${ids.A1}`)).toEqual({ text: "Đồng chí không có quyền làm việc này.", showAlert: true });
  });
});

describe.each(PROVIDERS)("keeping the roster on Zalo, on %s", (provider) => {
  let database: TestDatabase;
  let running: RunningZalo;
  let secretary: FakeZaloUser;

  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(db(), files["orgs.csv"], files["members.csv"], { now: NOW });
    running = await startZaloBot(db(), { now: NOW });
    secretary = running.zalo.user({ name: "Bí Nguyễn" });
    const org = await db().org.findUniqueOrThrow({ where: { code: "A1" } });
    const person = await db().person.findUniqueOrThrow({ where: { phone: "+84912000101" } });
    const invite = await createInvite(db(), { orgId: org.id, personId: person.id, expiresInMs: 86_400_000, now: NOW });
    await secretary.send(`/start ${invite.code}`);
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it("records probationary → official with numbered options", async () => {
    await secretary.send("/members");
    const list = secretary.lastMessage()!.text;
    expect(list).toMatch(/^Chi bộ Ấp Một: 5 đảng viên/);
    expect(list).toContain(`2. ${OFFICIAL}`);
    await secretary.send("2");
    expect(secretary.lastMessage()?.text).toContain("1. Phạm Thị Hai (dự bị)");
    await secretary.choose("Phạm Thị Hai (dự bị)");
    expect(secretary.lastMessage()?.text).toContain(`1. ${TODAY}`);
    await secretary.send("25/12/2026");
    expect(secretary.lastMessage()?.text).toMatch(/^Ngày này chưa đến \(hôm nay là 20\/11\/2026\)/);
    await secretary.send("19/11/2026");
    expect(secretary.lastMessage()?.text).toBe("✅ Phạm Thị Hai là đảng viên chính thức từ ngày 19/11/2026.");
    const member = await db().person.findUniqueOrThrow({ where: { phone: "+84912000104" } });
    expect(member.officialOn).toEqual(hanoiDay("2026-11-19"));
    const audit = await db().auditLog.findFirst({ where: { action: "membership.status" } });
    expect(audit?.actor).toBe(`person:${(await db().person.findUniqueOrThrow({ where: { phone: "+84912000101" } })).id}`);
  });
});
