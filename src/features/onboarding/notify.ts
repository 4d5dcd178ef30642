// Telling the secretary about a join request, and the requester about the decision.
// Best effort: a failed send is logged and never undoes the request itself.
import { InlineKeyboard, type Api } from "grammy";
import type { Db } from "../../db/client.js";
import type { Logger } from "../../logger.js";
import { formatPhone } from "../../domain/phone.js";
import type { Translate } from "../../bot/i18n.js";
import { approversOf, findJoinRequest } from "./data.js";
import { requestCallback } from "./schema.js";

type JoinRequestView = NonNullable<Awaited<ReturnType<typeof findJoinRequest>>>;

export function describeRequest(t: (key: string, vars?: Record<string, string | number>) => string, request: JoinRequestView) {
  const lines = [
    t("request-new", { org: request.org.name, telegram: request.telegramName }),
    t(`request-reason-${request.reason}`, { typed: request.typedText ?? "", phone: request.phone ? formatPhone(request.phone) : "" }),
    request.candidate ? t("request-candidate", { name: request.candidate.fullName }) : t("request-no-candidate"),
  ];
  return lines.join("\n");
}

export function requestKeyboard(t: (key: string) => string, request: JoinRequestView) {
  const keyboard = new InlineKeyboard();
  if (request.candidate) keyboard.text(t("request-approve"), requestCallback("approve", request.id));
  return keyboard.text(t("request-reject"), requestCallback("reject", request.id));
}

export async function notifyApprovers(api: Api, db: Db, translate: Translate, logger: Logger, requestId: number) {
  const request = await findJoinRequest(db, requestId);
  if (!request) return;
  for (const approver of await approversOf(db, request.orgId)) {
    const locale = approver.locale ?? "vi";
    const t = (key: string, vars?: Record<string, string | number>) => translate(locale, key, vars);
    try {
      await api.sendMessage(approver.telegramChatId!, describeRequest(t, request), {
        reply_markup: requestKeyboard(t, request),
      });
    } catch (error) {
      logger.warn({ err: error, requestId, approverId: approver.id }, "could not notify approver");
    }
  }
}

export async function notifyRequester(
  api: Api,
  translate: Translate,
  logger: Logger,
  chatId: string,
  locale: string | null,
  key: string,
  vars: Record<string, string>,
) {
  try {
    await api.sendMessage(chatId, translate(locale ?? "vi", key, vars));
  } catch (error) {
    logger.warn({ err: error, chatId }, "could not notify requester");
  }
}
