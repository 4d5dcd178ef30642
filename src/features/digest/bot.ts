// /report (/baocao): the digest of an organisation now, with buttons to go down to a
// child organisation and back up, for what the person may see: a committee member
// their whole subtree, a secretary their cell. The same figures as the weekly digest.
import { Composer, InlineKeyboard, InputFile } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { canManage, reportScopes } from "../../domain/access.js";
import { buildDigest, type Digest } from "../../domain/digest.js";
import { forLinked, refuse } from "../../bot/guard.js";
import { digestChartPng } from "./files/chart.js";
import { digestInput, reportChoices, reportOrg, type ReportOrg } from "./data.js";
import { dashboardButton, TELEGRAM_TEXT_LIMIT } from "./messages.js";
import { digestText } from "./text.js";
import { digestWorkbook, digestWorkbookFilename } from "./files/workbook.js";
import { auditRead } from "../../db/audit.js";
import { reportButton } from "./schema.js";
import { publicLinks } from "../../config.js";

/** Child organisations offered as buttons; the rest are in the text, the chart and the file. */
export const CHILD_BUTTONS = 20;

export const report = new Composer<BotContext>();

// A cell's people and figures are not for a group chat's eyes: forLinked keeps to private chats.
report.command(["report", "baocao"], forLinked(async (ctx) => {
  const { db } = ctx.deps;
  const code = ctx.match.trim();
  if (code) {
    // Codes are usually upper case; people type them as they like.
    const org = (await reportOrg(db, { code })) ?? (await reportOrg(db, { code: code.toUpperCase() }));
    if (!org) return ctx.reply(ctx.t("report-unknown-org", { code: code.slice(0, 64) }));
    if (!canManage(ctx.positions, org)) return ctx.reply(ctx.t("report-not-allowed"));
    return showReport(ctx, org, "reply");
  }
  const scopes = reportScopes(ctx.positions);
  if (scopes.length === 0) return ctx.reply(ctx.t("report-none"));
  if (scopes.length === 1) {
    const org = await reportOrg(db, { id: scopes[0].orgId });
    return org ? showReport(ctx, org, "reply") : ctx.reply(ctx.t("report-none"));
  }
  const orgs = await reportChoices(db, scopes.map((s) => s.orgId));
  const keyboard = new InlineKeyboard();
  for (const org of orgs) keyboard.text(org.name, reportButton.encode({ view: "v", orgId: org.id })).row();
  return ctx.reply(ctx.t("report-choose"), { reply_markup: keyboard });
}));

/** What each report button shows, as the audit log names it. */
const VIEWS = { v: "text", c: "chart", x: "file" } as const;

report.callbackQuery(reportButton.filter, async (ctx) => {
  const tap = reportButton.decode(ctx.callbackQuery.data);
  const org = tap && ctx.speaker ? await reportOrg(ctx.deps.db, { id: tap.orgId }) : null;
  // Forged, stale or foreign: the same answer, and nothing shown.
  if (!tap || !org || !canManage(ctx.positions, org)) return refuse(ctx, "report-not-allowed");
  await ctx.answerCallbackQuery();
  const digest = await digestOf(ctx, org, VIEWS[tap.view]);
  if (tap.view === "v") return showReport(ctx, org, "edit", digest);
  if (tap.view === "c") {
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
    keyboard.text(`${child.org.name} · ${child.compliantLastMonthPercent}%→${child.compliantThisMonthPercent}%`, reportButton.encode({ view: "v", orgId: child.org.id })).row();
  }
  const parent = org.parentId === null ? null : await reportOrg(ctx.deps.db, { id: org.parentId });
  if (parent && canManage(ctx.positions, parent)) keyboard.text(ctx.t("report-up", { org: parent.name }), reportButton.encode({ view: "v", orgId: parent.id })).row();
  if (digest.totals.thisMonth.cells > 0) keyboard.text(ctx.t("report-chart"), reportButton.encode({ view: "c", orgId: org.id }));
  keyboard.text(ctx.t("report-file"), reportButton.encode({ view: "x", orgId: org.id }));
  addDashboardButton(ctx, keyboard, org);
  return keyboard;
}

/** How long a dashboard link given in chat (outside Telegram's Mini App) works. */
const DASHBOARD_LINK_MS = 24 * 3_600_000;

/** The dashboard at this organisation (messages.ts's dashboardButton), on a row of its own. */
function addDashboardButton(ctx: BotContext, keyboard: InlineKeyboard, org: ReportOrg): void {
  if (!ctx.speaker) return;
  const expiresAt = new Date(ctx.deps.now().getTime() + DASHBOARD_LINK_MS);
  const button = dashboardButton(ctx.t("report-dashboard"), { personId: ctx.speaker.id, channel: ctx.channel }, org.id, publicLinks(ctx.deps.config), expiresAt);
  if (button) keyboard.row().add(button);
}
