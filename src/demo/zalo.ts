// `npm run demo -- --zalo`: the same bot on a local Zalo Bot API stand-in. One cell's
// month on Zalo: joining with codes (Zalo shares no phone number, so the secretary
// approves), scheduling and answering with numbered options, reminders, the record and
// its minutes as a link to the bot's HTTP server. Prints the chats and exits on its own.
import type { Database } from "../db/client.js";
import { createLogger } from "../logger.js";
import { importRoster } from "../features/roster/import-mutations.js";
import { createInvite } from "../features/onboarding/mutations.js";
import { FakeZalo, type FakeZaloUser } from "../testing/fake-zalo.js";
import { startRuntime, type Runtime } from "../runtime.js";
import { countUnsent } from "../delivery/outbox.js";
import { formatLocalDateTime } from "../domain/time.js";
import { createHttpServer, listen } from "../server/http.js";
import { checkZaloToken, createZaloChannel, startZaloUpdates, type ZaloChannel } from "../zalo/channel.js";
import type { CliContext } from "../cli/io.js";
import { DEMO_MEMBERS, DEMO_ORGS, playOnFreshDatabase } from "./run.js";

const DAY = 86_400_000;
const DEMO_START = new Date("2026-11-24T02:00:00Z"); // Tuesday 24/11/2026, 09:00 in Hanoi
const MEETING_AT = new Date("2026-12-05T12:30:00Z"); // Saturday 05/12/2026, 19:30 in Hanoi
/** Signs the demo's file links; the server listens on this machine only. */
const DEMO_SECRET = "chibo-demo-secret-not-for-use";

class ZaloTranscript {
  private seen = 0;
  private readonly names = new Map<string, string>();
  constructor(
    private readonly zalo: FakeZalo,
    private readonly cli: CliContext,
  ) {}

  person(name: string): FakeZaloUser {
    const user = this.zalo.user({ name });
    this.names.set(user.id, name);
    return user;
  }

  print(line: string) {
    this.cli.io.out(line);
  }

  flush() {
    const messages = this.zalo.botMessages();
    for (const m of messages.slice(this.seen)) {
      const text = m.photo ? `[${m.photo}] ${m.text}` : m.text;
      this.print(this.cli.say("demo-bot-says", { name: this.names.get(m.chatId) ?? m.chatId, text: text.replace(/\n/g, "\n      ") }));
    }
    this.seen = messages.length;
  }

  async says(user: FakeZaloUser, text: string) {
    this.print(this.cli.say("demo-user-says", { name: user.name, text }));
    await user.send(text);
    this.flush();
  }

  /** Replies with the number of the option with this label, as a person reading the list would. */
  async chooses(user: FakeZaloUser, label: string | RegExp) {
    const found = [...user.options()].find(([, text]) => (typeof label === "string" ? text === label : label.test(text)));
    if (!found) throw new Error(`no option ${String(label)} for ${user.name}`);
    await this.says(user, String(found[0]));
  }

  step(key: string) {
    this.print("");
    this.print(this.cli.say("demo-step", { text: this.cli.say(key) }));
  }
}

export async function zaloDemo(cli: CliContext, url: string): Promise<number> {
  const zalo = await FakeZalo.start();
  return playOnFreshDatabase(url, zalo, (database, onStop) => runZaloDemo(cli, zalo, database, onStop));
}

async function startDemoBot(cli: CliContext, zalo: FakeZalo, database: Database, clock: { value: Date }) {
  const { db } = database;
  const logger = createLogger(cli.io.env.LOG_LEVEL ?? "silent");
  const config = { ...cli.config, ZALO_API_ROOT: zalo.apiRoot, ZALO_BOT_TOKEN: zalo.token };
  const deps = { db, config, logger, now: () => clock.value };
  const http = createHttpServer({ db, logger, secret: DEMO_SECRET, now: () => clock.value });
  const httpUrl = `http://127.0.0.1:${await listen(http, 0, "127.0.0.1")}`;
  const check = await checkZaloToken(zalo.token, zalo.apiRoot);
  if (!check.ok) throw new Error(`the Zalo stand-in refused the token: ${check.detail}`);
  const channel: ZaloChannel = createZaloChannel({ token: zalo.token, apiRoot: zalo.apiRoot, info: check.info, deps, concurrency: config.BOT_CONCURRENCY, files: { publicUrl: httpUrl, secret: DEMO_SECRET } });
  const runtime: Runtime = startRuntime({
    db,
    zalo: { api: channel.created.bot.api, limits: { perSecond: 1000, perChatPerSecond: 1000 } },
    logger,
    now: () => clock.value,
    timeZone: config.DEFAULT_TIMEZONE,
    schedule: false,
    senderIntervalMs: 20,
    backoff: { baseMs: 100, maxMs: 1000 },
  });
  zalo.watch(async () => channel.receiver.pending() + channel.created.inFlight() + (await countUnsent(db, clock.value)), () => channel.receiver.received());
  const updates = await startZaloUpdates(channel, { kind: "polling", timeoutSeconds: 5 }, logger);
  const stop = async () => {
    await updates.stop();
    await runtime.stop();
    await new Promise((resolve) => http.close(resolve));
  };
  return { runtime, httpUrl, stop };
}

async function runZaloDemo(cli: CliContext, zalo: FakeZalo, database: Database, onStop: (stop: () => Promise<void>) => void) {
  const { db } = database;
  const clock = { value: DEMO_START };
  const now = clock.value;
  const summary = await importRoster(db, DEMO_ORGS, DEMO_MEMBERS, { actor: "demo", now });
  const people = summary.people.created + summary.people.unchanged;
  cli.io.out(cli.say("zalo-demo-title", { people }));
  cli.io.out(cli.say("demo-database", { url: database.url }));
  cli.io.out(cli.say("zalo-demo-server", { url: zalo.apiRoot }));
  const bot = await startDemoBot(cli, zalo, database, clock);
  onStop(bot.stop);
  cli.io.out(cli.say("zalo-demo-files", { url: bot.httpUrl }));

  const ab01 = await db.org.findUniqueOrThrow({ where: { code: "AB01" } });
  const personal = async (phone: string) => {
    const person = await db.person.findUniqueOrThrow({ where: { phone } });
    return (await createInvite(db, { orgId: ab01.id, personId: person.id, expiresInMs: 14 * DAY, now })).code;
  };
  const cellCode = (await createInvite(db, { orgId: ab01.id, expiresInMs: 14 * DAY, now })).code;
  const t = new ZaloTranscript(zalo, cli);
  const an = t.person("Nguyễn Văn An");
  const cuong = t.person("Cường Lê");
  const dung = t.person("Dung Phạm");
  const giang = t.person("Giang Vũ");
  const stranger = t.person("Người lạ");

  t.step("zalo-demo-s-join");
  await t.says(an, `/start ${await personal("+84912345601")}`);
  await t.says(giang, `/start ${await personal("+84912345606")}`);
  await t.says(cuong, `/start ${cellCode}`);
  await t.says(cuong, "0912 345 603");
  await t.chooses(an, "✅ Duyệt");
  await t.says(dung, `/start ${cellCode}`);
  await t.chooses(dung, "✍️ Nhập họ tên");
  await t.says(dung, "phạm thị dung");
  await t.chooses(an, "✅ Duyệt");
  await t.says(stranger, "xin chào");

  t.step("zalo-demo-s-schedule");
  await t.says(an, "/laplich");
  await t.chooses(an, "➕ Lên lịch một cuộc họp");
  await t.chooses(an, "Thường kỳ");
  await t.says(an, "31/11");
  await t.says(an, "05/12");
  await t.says(an, "19:30");
  await t.chooses(an, /phút$/);
  await t.says(an, "Nhà văn hoá thôn Đông");
  await t.says(an, "Kiểm điểm công tác tháng 11; phương hướng tháng 12");
  await t.says(an, "Báo cáo tháng 11 | https://chibo.example.org/tai-lieu/bc-11");
  await t.chooses(an, "Xong");
  await t.chooses(an, "✅ Xác nhận và gửi thông báo");

  t.step("zalo-demo-s-answers");
  await t.says(cuong, "có lẽ");
  await t.chooses(cuong, "✅ Tham dự");
  await t.says(giang, "vắng (có lý do)");
  await t.chooses(giang, "Công tác");
  await t.says(giang, "Đi công tác Hải Phòng");
  await t.chooses(dung, "✅ Tham dự");
  await t.chooses(dung, "📅 Thêm vào lịch");

  const at = async (instant: Date) => {
    clock.value = instant;
    t.print("");
    t.print(cli.say("demo-clock", { when: formatLocalDateTime(instant, "Asia/Ho_Chi_Minh") }));
    await bot.runtime.tick(instant);
    await zalo.settle();
    t.flush();
  };
  t.step("zalo-demo-s-reminders");
  await at(new Date(MEETING_AT.getTime() - 3 * DAY));
  await at(new Date("2026-12-04T11:00:00Z"));

  t.step("zalo-demo-s-record");
  await at(new Date(MEETING_AT.getTime() + 95 * 60_000));
  await t.chooses(an, "📝 Điểm danh");
  await t.chooses(an, "✔️ Xong, ghi nhận");
  await t.chooses(an, "19:30");
  await t.says(an, "21:05");
  await t.chooses(an, "Không có khách mời");
  await t.says(an, "Lê Văn Cường");
  for (const points of ["14", "42", "18"]) await t.says(an, points);
  await t.says(cuong, "/toi");

  const sent = await db.outboxMessage.count({ where: { status: "sent", channel: "zalo" } });
  t.print("");
  t.print(cli.say("zalo-demo-done", { sent, url: database.url }));
}
