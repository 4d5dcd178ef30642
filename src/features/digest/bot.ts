// /report (/baocao): the digest of an organisation now, with buttons to go down to a
// child organisation and back up, for what the person may see: a committee member
// their whole subtree, a secretary their cell. The same figures as the weekly digest.
import { Composer, InlineKeyboard, InputFile } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { canManage, type Position } from "../../domain/access.js";
import { buildDigest, type Digest } from "../../domain/digest.js";
import { digestChartPng } from "./chart.js";
import { digestInput } from "./data.js";
import { TELEGRAM_TEXT_LIMIT } from "./messages.js";
import { digestText } from "./text.js";
import { digestWorkbook, digestWorkbookFilename } from "./workbook.js";
import { auditRead } from "../../db/audit.js";

/** Child organisations offered as buttons; the rest are in the text, the chart and the file. */
export const CHILD_BUTTONS = 20;

/** Report callbacks: view, chart, file (xlsx), each with an organisation id (9 digits fit the database). */
const CALLBACK = /^rp:([vcx]):(\d{1,9})$/;

export const report = new Composer<BotContext>();

type ReportOrg = { id: number; parentId: number | null; path: string; kind: string; name: string; code: string; timezone: string };

/** The highest organisations a person may read reports for; those inside another are dropped. */
export function reportScopes(positions: Position[]): Position[] {
  const target = (p: Position) => ({ id: p.orgId, path: p.orgPath });
  const readable = positions.filter((p) => canManage([p], target(p)));
  const top = readable.filter((p) => !readable.some((q) => q.orgId !== p.orgId && canManage([q], target(p))));
  return top.filter((p, index) => top.findIndex((q) => q.orgId === p.orgId) === index);
}

async function loadOrg(ctx: BotContext, where: { id: number } | { code: string }): Promise<ReportOrg | null> {
  return ctx.deps.db.org.findFirst({ where, select: { id: true, parentId: true, path: true, kind: true, name: true, code: true, timezone: true } });
}

report.command(["report", "baocao"], async (ctx) => {
  // A cell's people and figures are not for a group chat's eyes.
  if (ctx.chat.type !== "private") return ctx.reply(ctx.t("group-not-supported"));
  if (!ctx.speaker) return ctx.reply(ctx.t("not-linked"));
  const code = ctx.match.trim();
  if (code) {
    // Codes are usually upper case; people type them as they like.
    const org = (await loadOrg(ctx, { code })) ?? (await loadOrg(ctx, { code: code.toUpperCase() }));
    if (!org) return ctx.reply(ctx.t("report-unknown-org", { code: code.slice(0, 64) }));
    if (!canManage(ctx.positions, org)) return ctx.reply(ctx.t("report-not-allowed"));
    return showReport(ctx, org, "reply");
  }
  const scopes = reportScopes(ctx.positions);
  if (scopes.length === 0) return ctx.reply(ctx.t("report-none"));
  if (scopes.length === 1) {
    const org = await loadOrg(ctx, { id: scopes[0].orgId });
    return org ? showReport(ctx, org, "reply") : ctx.reply(ctx.t("report-none"));
  }
  const orgs = await ctx.deps.db.org.findMany({ where: { id: { in: scopes.map((s) => s.orgId) } }, orderBy: { code: "asc" } });
  const keyboard = new InlineKeyboard();
  for (const org of orgs) keyboard.text(org.name, `rp:v:${org.id}`).row();
  return ctx.reply(ctx.t("report-choose"), { reply_markup: keyboard });
});

report.callbackQuery(/^rp:/, async (ctx) => {
  const match = CALLBACK.exec(ctx.callbackQuery.data);
  const org = match && ctx.speaker ? await loadOrg(ctx, { id: Number(match[2]) }) : null;
  // Forged, stale or foreign: the same answer, and nothing shown.
  if (!match || !org || !canManage(ctx.positions, org)) {
    return ctx.answerCallbackQuery({ text: ctx.t("report-not-allowed"), show_alert: true });
  }
  await ctx.answerCallbackQuery();
  const digest = await digestOf(ctx, org, match[1] === "v" ? "text" : match[1] === "c" ? "chart" : "file");
  if (match[1] === "v") return showReport(ctx, org, "edit", digest);
  if (match[1] === "c") {
    return ctx.replyWithPhoto(new InputFile(await digestChartPng(ctx.translateFor, ctx.locale, digest), "report.png"), {
      caption: ctx.t("digest-photo-caption", { org: org.name }),
    });
  }
  return ctx.replyWithDocument(new InputFile(await digestWorkbook(ctx.translateFor, ctx.locale, digest, org.timezone), digestWorkbookFilename(digest, org.timezone)), {
    caption: ctx.t("digest-attachment-caption"),
  });
});

/** The report now; every view of it (text, chart, file) is audited like an export. */
async function digestOf(ctx: BotContext, org: ReportOrg, view: "text" | "chart" | "file"): Promise<Digest> {
  const digest = buildDigest(await digestInput(ctx.deps.db, org, ctx.deps.now()));
  await auditRead(ctx.deps.db, `person:${ctx.speaker!.id}`, "report", { org: org.code, view }, ctx.deps.now());
  return digest;
}

async function showReport(ctx: BotContext, org: ReportOrg, how: "reply" | "edit", known?: Digest) {
  const digest = known ?? (await digestOf(ctx, org, "text"));
  const text = fitted(ctx, digestText(ctx.translateFor, ctx.locale, digest, org.timezone));
  const keyboard = await reportKeyboard(ctx, org, digest);
  if (how === "edit") {
    try {
      return await ctx.editMessageText(text, { reply_markup: keyboard });
    } catch {
      // The message may be too old to edit or unchanged: a fresh one always works.
    }
  }
  return ctx.reply(text, { reply_markup: keyboard });
}

/** One message only (it is edited in place): a long text ends with a pointer to the file. */
function fitted(ctx: BotContext, text: string): string {
  if (text.length <= TELEGRAM_TEXT_LIMIT) return text;
  const note = `\n${ctx.t("report-truncated")}`;
  const head = text.slice(0, TELEGRAM_TEXT_LIMIT - note.length);
  return head.slice(0, head.lastIndexOf("\n")) + note;
}

async function reportKeyboard(ctx: BotContext, org: ReportOrg, digest: Digest): Promise<InlineKeyboard> {
  const keyboard = new InlineKeyboard();
  for (const child of digest.children.slice(0, CHILD_BUTTONS)) {
    keyboard.text(`${child.org.name} · ${child.compliantLastMonthPercent}%→${child.compliantThisMonthPercent}%`, `rp:v:${child.org.id}`).row();
  }
  const parent = org.parentId === null ? null : await loadOrg(ctx, { id: org.parentId });
  if (parent && canManage(ctx.positions, parent)) keyboard.text(ctx.t("report-up", { org: parent.name }), `rp:v:${parent.id}`).row();
  if (digest.totals.thisMonth.cells > 0) keyboard.text(ctx.t("report-chart"), `rp:c:${org.id}`);
  keyboard.text(ctx.t("report-file"), `rp:x:${org.id}`);
  return keyboard;
}
