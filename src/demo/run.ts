// `npm run demo`: a local Telegram test server, a small province seeded from the CSV
// files beside this file, the real bot, and simulated people joining. It prints the
// chat as a person would read it and exits on its own.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { whyNotDemo } from "./guard.js";
import { rememberSecrets, secretsOfEnv } from "../lib/secrets.js";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { openDatabase, type Database } from "../db/client.js";
import { createLogger } from "../logger.js";
import { createBot, setCommandMenus } from "../bot/create-bot.js";
import { startPolling } from "../bot/polling.js";
import { importRoster } from "../features/roster/import-mutations.js";
import { createInvite } from "../features/onboarding/mutations.js";
import { createMeeting } from "../features/meetings/mutations.js";
import { openAttendance, setAttendance, submitAttendance } from "../features/records/mutations.js";
import { minutesDataOf } from "../features/records/minutes-data.js";
import { buildMinutesDocx } from "../features/records/files/minutes.js";
import { FakeTelegram, type FakeUser } from "../testing/fake-telegram.js";
import { startRuntime } from "../runtime.js";
import { countUnsent } from "../delivery/outbox.js";
import { formatLocalDateTime } from "../domain/time.js";
import { formatPhone } from "../domain/phone.js";
import type { CliContext } from "../cli/io.js";

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEMO_ORGS = path.join(here, "orgs.csv");
export const DEMO_MEMBERS = path.join(here, "members.csv");
const DAY = 86_400_000;
/** The demo runs on its own clock, so its story reads the same on every run. */
const DEMO_START = new Date("2026-11-24T02:00:00Z"); // Tuesday 24/11/2026, 09:00 in Hanoi
const MEETING_AT = new Date("2026-12-05T12:30:00Z"); // Saturday 05/12/2026, 19:30 in Hanoi

class Transcript {
  private seen = 0;
  private texts = new Map<number, string>();
  private names = new Map<string, string>();
  constructor(
    private readonly telegram: FakeTelegram,
    private readonly cli: CliContext,
  ) {}

  name(user: FakeUser, label: string) {
    this.names.set(user.chatId, label);
  }

  print(line: string) {
    this.cli.io.out(line);
  }

  flush() {
    const messages = this.telegram.botMessages();
    for (const m of messages.slice(0, this.seen)) {
      if (this.texts.get(m.messageId) === m.text) continue;
      this.texts.set(m.messageId, m.text);
      const name = this.names.get(m.chatId) ?? m.chatId;
      this.print(this.cli.say("demo-bot-edits", { name, text: m.text.replace(/\n/g, "\n      ") }));
    }
    for (const m of messages.slice(this.seen)) {
      this.texts.set(m.messageId, m.text);
      const name = this.names.get(m.chatId) ?? m.chatId;
      this.print(this.cli.say("demo-bot-says", { name, text: m.text.replace(/\n/g, "\n      ") }));
      if (m.buttons.length > 0) this.print(this.cli.say("demo-bot-buttons", { buttons: m.buttons.map((b) => b.text).join("] [") }));
      if (m.replyKeyboard.length > 0) this.print(this.cli.say("demo-bot-keyboard", { buttons: m.replyKeyboard.join("] [") }));
    }
    this.seen = messages.length;
  }

  async says(user: FakeUser, text: string) {
    this.print(this.cli.say("demo-user-says", { name: this.names.get(user.chatId)!, text }));
    await user.send(text);
    this.flush();
  }

  async shares(user: FakeUser, phone: string, ownerId?: number) {
    this.print(this.cli.say("demo-user-contact", { name: this.names.get(user.chatId)!, phone: formatPhone(phone) }));
    await user.shareContact(phone.replace("+", ""), ownerId);
    this.flush();
  }

  async taps(user: FakeUser, button: string | RegExp) {
    const label =
      typeof button === "string" ? button : (user.messages().flatMap((m) => m.buttons).reverse().find((b) => button.test(b.text))?.text ?? String(button));
    this.print(this.cli.say("demo-user-taps", { name: this.names.get(user.chatId)!, button: label }));
    await user.tap(button);
    this.flush();
  }

  step(key: string) {
    this.print("");
    this.print(this.cli.say("demo-step", { text: this.cli.say(key) }));
  }
}

/** The number a member has in the numbered list the bot last sent this user ("3. Lê Văn Cường" → "3"). */
function numberIn(user: FakeUser, name: string): string {
  const line = user.lastMessage()?.text.split("\n").find((l) => l.endsWith(`. ${name}`));
  if (!line) throw new Error(`${name} is not in the list`);
  return line.slice(0, line.indexOf("."));
}

export async function demoCommand(cli: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { database: { type: "string" }, zalo: { type: "boolean", default: false } } });
  const url = values.database ?? "file:./data/demo.db";
  // A password in --database is a secret like DATABASE_URL's.
  rememberSecrets(secretsOfEnv({ DATABASE_URL: url }));
  const refusal = await whyNotDemo(url, DEMO_ORGS);
  if (refusal) {
    cli.io.err(cli.say(refusal, { url }));
    return 1;
  }
  // The same bot on a Zalo stand-in (src/demo/zalo.ts).
  if (values.zalo) return (await import("./zalo.js")).zaloDemo(cli, url);
  const telegram = await FakeTelegram.start();
  return playOnFreshDatabase(url, telegram, (database, onStop) => runDemo(cli, telegram, database, onStop));
}

/**
 * Plays a demo on a database made afresh (a SQLite file is deleted first, so every run
 * tells the same story; whyNotDemo has checked it holds only an earlier demo), then
 * stops the bot, the database and the messenger's test server in that order, whatever
 * happened.
 */
export async function playOnFreshDatabase(
  url: string,
  server: { stop(): Promise<void> },
  play: (database: Database, onStop: (stop: () => Promise<void>) => void) => Promise<void>,
): Promise<number> {
  if (url.startsWith("file:")) {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(url.slice(5) + suffix, { force: true });
  }
  let database: Database | undefined;
  let stopBot = async () => {};
  try {
    database = await openDatabase(url);
    await play(database, (stop) => (stopBot = stop));
    return 0;
  } finally {
    await stopBot();
    await database?.close();
    await server.stop();
  }
}

async function runDemo(cli: CliContext, telegram: FakeTelegram, database: Database, onStop: (stop: () => Promise<void>) => void) {
  const { db } = database;
  const clock = { value: DEMO_START };
  const now = clock.value;
  const summary = await importRoster(db, DEMO_ORGS, DEMO_MEMBERS, { actor: "demo", now: clock.value });
  const people = summary.people.created + summary.people.unchanged;
  cli.io.out(cli.say("demo-title", { people }));
  cli.io.out(cli.say("demo-database", { url: database.url }));
  cli.io.out(cli.say("demo-server", { url: telegram.apiRoot }));
  cli.io.out(cli.say("demo-imported", { orgs: summary.orgs.created + summary.orgs.unchanged, people, files: "src/demo/orgs.csv, src/demo/members.csv" }));

  const config = { ...cli.config, TELEGRAM_API_ROOT: telegram.apiRoot };
  const logger = createLogger(cli.io.env.LOG_LEVEL ?? "silent");
  const created = createBot(telegram.token, { db, config, logger, now: () => clock.value });
  const { bot, translate, inFlight, handled } = created;
  await bot.init();
  await setCommandMenus(bot, translate, logger);
  const runtime = startRuntime({
    db,
    api: bot.api,
    logger,
    now: () => clock.value,
    timeZone: config.DEFAULT_TIMEZONE,
    schedule: false,
    senderIntervalMs: 20,
    backoff: { baseMs: 100, maxMs: 1000 },
    limits: { perSecond: 1000, perChatPerSecond: 1000, perGroupPerMinute: 10_000 },
  });
  telegram.watch(async () => inFlight() + (await countUnsent(db, clock.value)), handled);
  // Updates pushed before polling starts would be dropped with the pending ones.
  const polling = await startPolling(created, { concurrency: config.BOT_CONCURRENCY, logger, dropPendingUpdates: true });
  onStop(async () => {
    await polling.stop();
    await runtime.stop();
  });

  const org = async (code: string) => db.org.findUniqueOrThrow({ where: { code } });
  const personal = async (code: string, phone: string) => {
    const person = await db.person.findUniqueOrThrow({ where: { phone } });
    return (await createInvite(db, { orgId: (await org(code)).id, personId: person.id, expiresInMs: 14 * DAY, now })).code;
  };
  const cellInvite = (await createInvite(db, { orgId: (await org("AB01")).id, expiresInMs: 14 * DAY, now })).code;
  const expired = (await createInvite(db, { orgId: (await org("AB01")).id, expiresInMs: 1, now: new Date(now.getTime() - DAY) })).code;

  const t = new Transcript(telegram, cli);
  const person = (id: number, name: string, languageCode = "vi") => {
    // Many Vietnamese users put their whole name in Telegram's first-name field.
    const user = telegram.user({ id, firstName: name, languageCode });
    t.name(user, name);
    return user;
  };
  const an = person(1001, "Nguyễn Văn An");
  const cuong = person(1002, "Lê Văn Cường");
  const giang = person(1003, "Vũ Thị Giang", "en");
  const dung = person(1004, "Phạm Thị Dung");
  const hanh = person(1005, "Bùi Thị Hạnh");
  const stranger = person(1006, "Người lạ");
  const lan = person(1007, "Ngô Thị Lan");
  const van = person(1008, "Đinh Thị Vân");
  const ha = person(1009, "Lê Thị Thu Hà");

  t.step("demo-s-secretary");
  await t.says(an, `/start ${await personal("AB01", "+84912345601")}`);

  t.step("demo-s-member-contact");
  await t.says(cuong, `/start ${cellInvite}`);
  await t.shares(cuong, "+84912345603");

  t.step("demo-s-member-english");
  await t.says(giang, `/start ${cellInvite}`);
  await t.shares(giang, "+84912345606");

  t.step("demo-s-member-typed");
  await t.says(dung, `/start ${cellInvite}`);
  await t.says(dung, cli.say("join-button-type-name"));
  await t.says(dung, "phạm thị  dung");
  await t.taps(an, translate("vi", "request-approve"));

  t.step("demo-s-wrong-contact");
  await t.says(hanh, `/start ${cellInvite}`);
  await t.shares(hanh, "+84912345601", an.profile.id);
  await t.shares(hanh, "+84912345608");

  t.step("demo-s-stranger");
  await t.says(stranger, `/start ${cellInvite}`);
  await t.shares(stranger, "+84987654321");
  await t.taps(an, translate("vi", "request-reject"));

  t.step("demo-s-bad-codes");
  await t.says(stranger, "/start khong-co-ma-nay");
  await t.says(stranger, `/start ${expired}`);

  t.step("demo-s-secretary-2");
  await t.says(lan, `/start ${await personal("AB02", "+84912345611")}`);
  await t.says(van, `/start ${await personal("ML01", "+84912345621")}`);
  await t.says(ha, `/start ${await personal("XAB", "+84903100002")}`);

  t.step("demo-s-help");
  await t.says(cuong, "/help");
  await t.says(an, "/help");
  await t.says(ha, "/help");
  await t.says(an, "/members");

  t.step("demo-s-settings");
  await t.says(cuong, "/settings");
  await t.taps(cuong, "English");
  await t.says(cuong, "/help");

  const linked = await db.person.count({ where: { telegramUserId: { not: null } } });
  const pending = await db.joinRequest.count({ where: { status: "pending" } });
  t.print("");
  t.print(cli.say("demo-joined", { linked, people, pending }));

  // A month of the Đông village cell: the secretary schedules, members answer, the
  // scheduler reminds and summarises as the days pass.
  const at = async (instant: Date) => {
    clock.value = instant;
    t.print("");
    t.print(cli.say("demo-clock", { when: formatLocalDateTime(instant, "Asia/Ho_Chi_Minh") }));
    await runtime.tick(instant);
    await telegram.settle();
    t.flush();
  };
  // October and November were recorded by the office afterwards (back-filled), with
  // Hạnh absent without a reason both times: December will be her third month.
  t.step("demo-s-backfill");
  const ab01 = await org("AB01");
  const hanhId = (await db.person.findUniqueOrThrow({ where: { phone: "+84912345608" } })).id;
  for (const startsAt of [new Date("2026-10-05T12:30:00Z"), new Date("2026-11-05T12:30:00Z")]) {
    const past = await createMeeting(
      db,
      { orgId: ab01.id, kind: "regular", startsAt, durationMinutes: 90, place: "Nhà văn hoá thôn Đông", agenda: "", documents: [] },
      "confirmed",
      new Date(startsAt.getTime() - 10 * DAY),
    );
    const after = new Date(startsAt.getTime() + DAY);
    await openAttendance(db, past.id, "demo", after);
    await setAttendance(db, past.id, 1, hanhId, "unexcused", "demo", after);
    await submitAttendance(db, past.id, 1, { startedAt: startsAt, endedAt: new Date(startsAt.getTime() + 95 * 60_000), guests: [] }, "demo", null, clock.value);
  }
  await telegram.settle();
  t.flush();

  t.step("demo-s-schedule");
  await t.says(an, "/laplich");
  await t.taps(an, translate("vi", "schedule-menu-new"));
  await t.taps(an, translate("vi", "schedule-kind-regular"));
  await t.says(an, "31/11");
  await t.says(an, "05/12");
  await t.says(an, "19:30");
  await t.says(an, "60");
  await t.taps(an, translate("vi", "schedule-change-length"));
  await t.says(an, "90");
  await t.says(an, "Nhà văn hoá thôn Đông");
  await t.says(an, "Kiểm điểm công tác tháng 11; phương hướng tháng 12");
  await t.says(an, "Báo cáo tháng 11 | https://chibo.example.org/tai-lieu/bc-11");
  await t.taps(an, translate("vi", "schedule-documents-done"));
  await t.taps(an, translate("vi", "schedule-confirm"));

  t.step("demo-s-answers");
  await t.taps(cuong, translate("en", "notice-attend"));
  await t.taps(giang, translate("en", "notice-absent"));
  await t.taps(giang, translate("en", "absence-reason-work"));
  await t.says(giang, "Business trip to Hải Phòng");
  await t.taps(dung, translate("vi", "notice-attend"));
  await t.taps(dung, translate("vi", "notice-propose"));
  await t.says(dung, "Bàn kế hoạch trồng cây đầu năm ở nhà văn hoá");
  await t.taps(an, translate("vi", "agenda-proposal-accept"));
  await t.taps(an, translate("vi", "notice-attend"));

  t.step("demo-s-reminders");
  await at(new Date(MEETING_AT.getTime() - 3 * DAY));
  await at(new Date("2026-12-04T11:00:00Z"));
  await at(new Date(MEETING_AT.getTime() - DAY));
  await at(new Date(MEETING_AT.getTime() - 2 * 3_600_000));

  t.step("demo-s-record");
  await at(new Date(MEETING_AT.getTime() + 95 * 60_000));
  await t.taps(an, translate("vi", "attendance-open"));
  for (let i = 0; i < 3; i++) await t.taps(an, /Bùi Thị Hạnh$/);
  await t.taps(an, translate("vi", "attendance-submit"));
  await t.taps(an, "19:30");
  await t.says(an, "21:05");
  await t.taps(an, translate("vi", "record-no-guests"));
  await t.says(an, "Lê Văn Cường");
  await t.says(an, "14");
  await t.says(an, "42");
  await t.says(an, "18");

  t.step("demo-s-resolution");
  await t.taps(an, translate("vi", "record-offer-resolution-button"));
  await t.says(an, "Chi bộ thống nhất phương hướng tháng 12: thu đủ đảng phí, chuẩn bị trồng cây đầu năm ở nhà văn hoá.");
  await t.taps(an, translate("vi", "resolution-voted-yes"));
  await t.says(an, "4 0 0");
  await t.taps(an, translate("vi", "resolution-add-task"));
  await t.says(an, "Lập kế hoạch trồng cây đầu năm");
  await t.says(an, [numberIn(an, "Phạm Thị Dung"), numberIn(an, "Lê Văn Cường")].join(", "));
  await t.says(an, "20/12/2026");
  await t.taps(an, translate("vi", "resolution-no-more-tasks"));
  await at(new Date("2026-12-06T01:00:00Z")); // Sunday 08:00: the tasks waited for the night to end
  await t.taps(dung, translate("vi", "task-button-note"));
  await t.says(dung, "Đã chọn được 30 cây giống, còn chờ đất");

  const december = await db.meeting.findFirstOrThrow({ where: { orgId: ab01.id, forMonth: "2026-12" } });
  const minutes = await minutesDataOf(db, december.id, "vi", clock.value);
  const minutesFile = path.resolve("data", "demo-bien-ban-2026-12.docx");
  // A fresh clone has no data/ until something made it: the demo may run with --database elsewhere.
  mkdirSync(path.dirname(minutesFile), { recursive: true });
  writeFileSync(minutesFile, await buildMinutesDocx(minutes!, "vi", translate));
  t.print("");
  t.print(cli.say("demo-minutes-written", { file: path.relative(process.cwd(), minutesFile) }));

  // The committees above: the province and the ward join, Monday's digests go out,
  // and the province drills down to a commune and a cell.
  t.step("demo-s-digests");
  const hung = person(1010, "Trần Quốc Hưng");
  const duc = person(1011, "Phạm Minh Đức");
  await t.says(hung, `/start ${await personal("TSH", "+84903100001")}`);
  await t.says(duc, `/start ${await personal("PML", "+84903100003")}`);
  await at(new Date("2026-12-07T00:30:00Z")); // Monday 07:30 in Hanoi
  t.step("demo-s-report");
  await t.says(hung, "/baocao");
  await t.taps(hung, /^Đảng bộ xã An Bình · /);
  await t.taps(hung, /^Chi bộ thôn Tây · /);
  await t.taps(hung, /^⬆ /);

  const meetings = await db.meeting.count({ where: { status: "confirmed" } });
  const sent = await db.outboxMessage.count({ where: { status: "sent" } });
  t.print("");
  t.print(cli.say("demo-done", { meetings, sent, url: database.url }));
}
