// Bad input to the `chibo` command as an operator makes it: each gets a line that says
// what is wrong, a non-zero exit, no stack trace, and nothing written. Before, these
// printed a raw stack: a file that cannot be written, every way a database cannot be
// opened, a number too big for the database, a second polling instance. And a mistyped
// SQLite path made a new empty database that the next command reported on.
import { createServer, type Server } from "node:http";
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runChibo, type CliResult } from "../helpers/cli.js";
import { PG_ADMIN_URL } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS } from "../helpers/files.js";
import { tempDir } from "../helpers/temp-dirs.js";

const STACK = /\n\s+at /;
const pgUrl = (user: string, database: string) => {
  const url = new URL(PG_ADMIN_URL);
  url.username = user;
  url.pathname = `/${database}`;
  return url.toString();
};

function clear(result: CliResult, code: number, message: string | RegExp) {
  expect(result.stderr).not.toMatch(STACK);
  expect(result.stdout).not.toMatch(STACK);
  expect(result.code).toBe(code);
  if (typeof message === "string") expect(result.stderr).toContain(message);
  else expect(result.stderr).toMatch(message);
}

describe("clear errors from the CLI, never a stack trace", () => {
  const dir = tempDir("cli-errors");
  const db = path.join(dir, "chibo.db");
  const env = { DATABASE_URL: `file:${db}`, BOT_USERNAME: "chibo_test_bot" };

  beforeAll(async () => {
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    expect((await runChibo(["import", files["orgs.csv"], files["members.csv"]], env)).code).toBe(0);
  });

  it.each([
    [
      "--out names a folder",
      () => {
        const folder = path.join(dir, "folder.xlsx");
        mkdirSync(folder, { recursive: true });
        return folder;
      },
      "là một thư mục",
    ],
    ["--out in a folder that does not exist", () => path.join(dir, "nope", "so.xlsx"), "thư mục chứa nó không tồn tại"],
    ["--out in /proc", () => "/proc/chibo-register.xlsx", /Không ghi\/đọc được \/proc\/chibo-register\.xlsx/],
  ])("export with %s", async (_name, out, message) => {
    clear(await runChibo(["export", "attendance", "A1", "--year", "2026", "--out", out()], env), 1, message);
  });

  it("person export with --out a folder", async () => {
    clear(await runChibo(["person", "export", "0912 000 101", "--out", dir], env), 1, "là một thư mục");
  });

  it.each([
    ["a PostgreSQL server that is down", () => "postgresql://postgres@127.0.0.1:1/chibo"],
    ["a PostgreSQL database that does not exist", () => pgUrl("postgres", "chibo_no_such_database")],
    ["an unknown PostgreSQL role", () => pgUrl("no_such_role", "postgres")],
    ["a SQLite path that is a folder", () => `file:${dir}`],
    [
      "a SQLite file that is not a database",
      () => {
        const file = path.join(dir, "notes.txt");
        writeFileSync(file, "this is not a database, just notes\n".repeat(200));
        return `file:${file}`;
      },
    ],
  ])("members with %s", async (_name, url) => {
    clear(await runChibo(["members", "A1"], { DATABASE_URL: url() }), 1, "Không mở được cơ sở dữ liệu");
  });

  it.runIf(process.getuid?.() !== 0)("members with a SQLite file it may not write", async () => {
    const locked = path.join(dir, "locked");
    mkdirSync(locked);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    const url = `file:${path.join(locked, "chibo.db")}`;
    expect((await runChibo(["import", files["orgs.csv"], files["members.csv"]], { DATABASE_URL: url })).code).toBe(0);
    chmodSync(path.join(locked, "chibo.db"), 0o444);
    chmodSync(locked, 0o555);
    try {
      clear(await runChibo(["invite", "A1"], { ...env, DATABASE_URL: url }), 1, "Không mở được cơ sở dữ liệu");
    } finally {
      chmodSync(locked, 0o755);
    }
  });

  it("does not create a database at a mistyped path: only import does", async () => {
    const typo = path.join(dir, "chibbo.db");
    for (const args of [["members", "A1"], ["meetings", "A1"], ["outbox"], ["tick"], ["start"]]) {
      clear(await runChibo(args, { ...env, DATABASE_URL: `file:${typo}`, BOT_TOKEN: "" }), args[0] === "start" ? 2 : 1, args[0] === "start" ? /BOT_TOKEN/ : "Chưa có cơ sở dữ liệu");
      expect(existsSync(typo), args.join(" ")).toBe(false);
    }
    const doctor = await runChibo(["doctor"], { DATABASE_URL: `file:${typo}` });
    expect(doctor.stdout).toContain("`npx chibo import orgs.csv members.csv` sẽ tạo nó");
    expect(existsSync(typo)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith("chibbo"))).toEqual([]);
  });

  it.each([
    [["invite", "A1", "--max-uses", "9999999999999"], "--max-uses must be a whole number from 1 to 100000"],
    [["attendance", "2147483648", "--present", "0912000101"], "attendance <MEETING_ID>"],
    [["attendance", "0", "--present", "0912000101"], "attendance <MEETING_ID>"],
  ])("refuses a number too big for the database: %j", async (args, message) => {
    clear(await runChibo(args, env), 2, message);
  });

  describe("a second instance polling", () => {
    let taken: Server;
    let root = "";
    beforeAll(async () => {
      // Telegram, while another process of this bot is polling: getUpdates answers 409.
      taken = createServer((req, res) => {
        const method = req.url!.split("/").at(-1);
        const ok = (result: unknown) => res.end(JSON.stringify({ ok: true, result }));
        res.setHeader("content-type", "application/json");
        if (method === "getMe") return ok({ id: 1, is_bot: true, first_name: "chibo", username: "chibo_test_bot" });
        if (method === "getUpdates") {
          res.statusCode = 409;
          return res.end(JSON.stringify({ ok: false, error_code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running" }));
        }
        return ok(true);
      });
      await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
      root = `http://127.0.0.1:${(taken.address() as { port: number }).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

    it("says another instance is polling", async () => {
      const result = await runChibo(["start"], { ...env, BOT_TOKEN: "123456:token-of-a-bot-in-use", TELEGRAM_API_ROOT: root });
      clear(result, 1, "Bot này đang chạy ở một nơi khác (Telegram báo 409");
    });
  });
});
