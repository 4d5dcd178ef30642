// Names and notes holding characters XML cannot carry (U+FFFE, U+FFFF, half a surrogate
// pair) made the register's XLSX and the minutes' DOCX invalid files. Text is cleaned
// where it comes in (CSV, chat, CLI); here every generated file is made from such input
// and read back.
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translate } from "../../src/bot/i18n.js";
import { buildDigest } from "../../src/domain/digest.js";
import { digestInput } from "../../src/features/digest/data.js";
import { digestWorkbook } from "../../src/features/digest/files/workbook.js";
import { cellCalendar } from "../../src/features/meetings/routes.js";
import { minutesDataOf } from "../../src/features/records/minutes-data.js";
import { buildMinutesDocx } from "../../src/features/records/files/minutes.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { runChibo } from "../helpers/cli.js";
import { linkUser, startBot } from "../helpers/bot.js";
import { csvFiles, ORGS } from "../helpers/files.js";
import { tempDir } from "../helpers/temp-dirs.js";

/** In a file, as UTF-8 can carry them (a lone surrogate cannot even be written). */
const BAD = "\ufffe\uffff";
/** XML 1.0's Char production: anything outside it makes a document invalid. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
const MEMBERS = `org_code,full_name,phone,status,role
A1,Nguyễn${BAD} Văn Bí,0912 000 101,official,secretary
A1,Lê Văn ${BAD}Một,0912 000 103,official,member
A1,Phạm Thị Hai 🌸,0912 000 104,probationary,member
`;

describe("files made from text XML cannot carry", () => {
  const dir = tempDir("xml-safe");
  const url = `file:${path.join(dir, "chibo.db")}`;
  const env = { DATABASE_URL: url };
  let database: Database;
  let meetingId = 0;

  beforeAll(async () => {
    const orgs = ORGS.replace("A1,Chi bộ Ấp Một,cell,C1", `A1,Chi bộ Ấp ${BAD}Một,cell,C1`);
    const files = csvFiles({ "orgs.csv": orgs, "members.csv": MEMBERS });
    expect((await runChibo(["import", files["orgs.csv"], files["members.csv"]], env)).code).toBe(0);
    const scheduled = await runChibo(
      ["schedule", "A1", "--at", "2026-12-05T19:30+07:00", "--place", `Nhà văn hoá${BAD}`, "--agenda", `1. Tổng kết${BAD}\n2. Kế hoạch`, "--now", "2026-11-20T10:00+07:00"],
      env,
    );
    expect(scheduled.code).toBe(0);
    meetingId = Number(/#(\d+)/.exec(scheduled.stdout)![1]);
    const recorded = await runChibo(["attendance", String(meetingId), "--present", "0912000101,0912000104", "--unexcused", "0912000103", "--now", "2026-12-05T23:00+07:00"], env);
    expect(recorded.code).toBe(0);
    database = await openDatabase(url);
  });
  afterAll(() => database?.close());

  it("stores none of them: names, the cell, the place and the agenda come in clean; emoji stay", async () => {
    const people = await database.db.person.findMany({ orderBy: { id: "asc" } });
    expect(people.map((p) => p.fullName)).toEqual(["Nguyễn Văn Bí", "Lê Văn Một", "Phạm Thị Hai 🌸"]);
    expect((await database.db.org.findUniqueOrThrow({ where: { code: "A1" } })).name).toBe("Chi bộ Ấp Một");
    const meeting = await database.db.meeting.findUniqueOrThrow({ where: { id: meetingId } });
    expect([meeting.place, meeting.agenda]).toEqual(["Nhà văn hoá", "1. Tổng kết\n2. Kế hoạch"]);
  });

  it("cleans what is typed in chat too, a lone surrogate included", async () => {
    const running = await startBot(database.db, { now: new Date("2026-11-21T03:00:00Z") });
    try {
      const hai = await linkUser(running, database.db, 9501, "A1", "+84912000104");
      // The notice went out before she linked: her tap on its button, as it would come.
      await hai.tapData(`m:prop:${meetingId}:1`);
      await hai.send(`Sửa đường\ud800 liên thôn${BAD}`);
      expect(hai.lastMessage()?.text).toBe("Đã gửi đề xuất tới bí thư. Đồng chí sẽ nhận được phản hồi.");
    } finally {
      await running.stop();
    }
    expect((await database.db.agendaProposal.findFirstOrThrow()).text).toBe("Sửa đường liên thôn");
  });

  it("refuses a place longer than a person may type in chat, saying the limit", async () => {
    const result = await runChibo(["schedule", "A1", "--at", "2026-12-12T19:30+07:00", "--place", "x".repeat(100_000), "--now", "2026-11-20T10:00+07:00"], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--place: at most 200 characters (this one has 100000)");
    expect(await database.db.meeting.count()).toBe(1);
  });

  it("exports a register that opens again, as XLSX and CSV", async () => {
    for (const file of ["so.xlsx", "so.csv"]) {
      const out = path.join(dir, file);
      expect((await runChibo(["export", "attendance", "P1", "--year", "2026", "--out", out], env)).code).toBe(0);
      if (file.endsWith(".csv")) {
        expect(NOT_XML_CHAR.test(readFileSync(out, "utf8").replace(/^\ufeff/, ""))).toBe(false);
        continue;
      }
      const zip = await JSZip.loadAsync(readFileSync(out));
      for (const name of Object.keys(zip.files).filter((n) => n.endsWith(".xml"))) expect(NOT_XML_CHAR.test(await zip.file(name)!.async("string")), name).toBe(false);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
      const names: string[] = [];
      workbook.getWorksheet("A1")!.eachRow((row) => names.push(String(row.getCell(1).value ?? "")));
      expect(names).toEqual(expect.arrayContaining(["Nguyễn Văn Bí", "Lê Văn Một", "Phạm Thị Hai 🌸"]));
    }
  });

  it("makes minutes whose document.xml is well formed", async () => {
    const data = (await minutesDataOf(database.db, meetingId, "vi", new Date("2026-12-06T03:00:00Z")))!;
    const zip = await JSZip.loadAsync(await buildMinutesDocx(data, "vi", translate));
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(NOT_XML_CHAR.test(xml)).toBe(false);
    expect(xml).toContain("Lê Văn Một");
    expect(xml).toContain("Nhà văn hoá");
  });

  it("makes a digest workbook that opens again, and a calendar without them", async () => {
    const province = await database.db.org.findUniqueOrThrow({ where: { code: "P1" } });
    const digest = buildDigest(await digestInput(database.db, province, new Date("2026-12-21T03:00:00Z")));
    const buffer = await digestWorkbook(translate, "vi", digest, province.timezone);
    const zip = await JSZip.loadAsync(buffer);
    for (const name of Object.keys(zip.files).filter((n) => n.endsWith(".xml"))) expect(NOT_XML_CHAR.test(await zip.file(name)!.async("string")), name).toBe(false);
    await new ExcelJS.Workbook().xlsx.load(buffer as unknown as ExcelJS.Buffer);
    const ics = (await cellCalendar(database.db, (await database.db.org.findUniqueOrThrow({ where: { code: "A1" } })).id, new Date("2026-11-21T03:00:00Z")))!;
    expect(ics).toContain("Nhà văn hoá");
    expect(NOT_XML_CHAR.test(ics)).toBe(false);
  });
});
