// Zalo by webhook: the bot registers its URL and secret, Zalo posts each update there
// with the X-Bot-Api-Secret-Token header; anything without the secret gets 401 and is
// never handled, a redelivery is handled once. Here the server has no public address:
// files cannot be sent, and the member is told so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { createInvite } from "../../src/features/onboarding/mutations.js";
import { createMeeting } from "../../src/features/meetings/mutations.js";
import type { FakeZaloUser } from "../../src/testing/fake-zalo.js";
import type { ZaloUpdate } from "../../src/zalo/api.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS } from "../helpers/files.js";
import { startZaloBot, WEBHOOK_SECRET, type RunningZalo } from "../helpers/zalo.js";

const NOW = new Date("2026-11-20T03:00:00Z");

describe.each(PROVIDERS)("Zalo by webhook, on %s", (provider) => {
  let database: TestDatabase;
  let running: RunningZalo;
  let mot: FakeZaloUser;

  const db = () => database.db;
  const forged = (text: string): ZaloUpdate => ({
    event_name: "message.text.received",
    message: { message_id: `forged-${text}`, from: { id: mot.id, display_name: "Một Lê" }, chat: { id: mot.id, chat_type: "PRIVATE" }, date: Date.now(), text },
  });

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(db(), files["orgs.csv"], files["members.csv"], { now: NOW });
    running = await startZaloBot(db(), { now: NOW, webhook: true, files: false });
    mot = running.zalo.user({ name: "Một Lê" });
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it("registers the webhook with its secret", () => {
    expect(running.zalo.webhookUrl()).toBe(`${running.httpUrl}/zalo/webhook`);
  });

  it("handles updates Zalo posts with the secret", async () => {
    const org = await db().org.findUniqueOrThrow({ where: { code: "A1" } });
    const person = await db().person.findUniqueOrThrow({ where: { phone: "+84912000103" } });
    const invite = await createInvite(db(), { orgId: org.id, personId: person.id, expiresInMs: 86_400_000, now: NOW });
    await mot.send(`/start ${invite.code}`);
    expect(mot.lastMessage()?.text).toMatch(/^Đã liên kết! Chào mừng Lê Văn Một/);
    expect(running.zalo.webhookStatuses.at(-1)).toBe(200);
  });

  it("refuses a post without the secret, or with a wrong one, and handles neither", async () => {
    const before = mot.messages().length;
    expect(await running.zalo.post(forged("/help"), undefined)).toBe(401);
    expect(await running.zalo.post(forged("/me"), "not-the-secret")).toBe(401);
    await running.settle();
    expect(mot.messages()).toHaveLength(before);
    expect(await db().zaloInbound.count({ where: { messageId: { startsWith: "forged-" } } })).toBe(0);
  });

  it("answers a body that is not JSON with 400", async () => {
    const response = await fetch(`${running.httpUrl}/zalo/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-bot-api-secret-token": WEBHOOK_SECRET },
      body: "{not json",
    });
    expect(response.status).toBe(400);
  });

  it("handles a redelivered update once", async () => {
    await mot.send("/help");
    const after = mot.messages().length;
    await mot.redeliverLast();
    expect(mot.messages()).toHaveLength(after);
  });

  it("tells a member a file cannot be sent when the server has no public address", async () => {
    const a1 = await db().org.findUniqueOrThrow({ where: { code: "A1" } });
    await createMeeting(
      db(),
      { orgId: a1.id, kind: "regular", startsAt: new Date("2026-12-05T12:30:00Z"), durationMinutes: 90, place: "Nhà văn hoá", agenda: "", documents: [] },
      "confirmed",
      NOW,
    );
    await running.settle();
    await mot.choose("📅 Thêm vào lịch");
    expect(mot.lastMessage()?.text).toMatch(/Chưa gửi được tệp «hop-chi-bo-\d+\.ics» qua Zalo/);
  });
});
