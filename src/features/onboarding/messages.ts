// Telling the secretary about a join request, and the requester about the decision:
// through the outbox, so a refused or failed send is retried, nothing leaves in the
// night, and a request is announced once however often its handler runs.
import { InlineKeyboard } from "grammy";
import type { Db } from "../../db/client.js";
import { formatPhone } from "../../domain/phone.js";
import { translate } from "../../bot/i18n.js";
import { enqueue, type OutboxItem } from "../../delivery/outbox.js";
import { sendableFrom } from "../../org/settings.js";
import { approversOf, findJoinRequest } from "./data.js";
import { joinRequestButton } from "./schema.js";

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
  if (request.candidate) keyboard.text(t("request-approve"), joinRequestButton.encode({ approve: true, requestId: request.id }));
  return keyboard.text(t("request-reject"), joinRequestButton.encode({ approve: false, requestId: request.id }));
}

/** The secretaries (or, above an empty cell, the committee) hear of a pending request. */
export async function queueRequestToApprovers(db: Db, requestId: number, now: Date): Promise<void> {
  const request = await findJoinRequest(db, requestId);
  if (!request) return;
  const notBefore = await sendableFrom(db, request.org, now);
  const items = (await approversOf(db, request.orgId)).map((approver): OutboxItem => {
    const t = (key: string, vars?: Record<string, string | number>) => translate(approver.locale ?? "vi", key, vars);
    return {
      key: `join-request:${request.id}:${approver.id}`,
      chatId: approver.telegramChatId!,
      personId: approver.id,
      orgId: request.orgId,
      kind: "join_request",
      payload: { text: describeRequest(t, request), replyMarkup: requestKeyboard(t, request) },
      notBefore,
    };
  });
  await enqueue(db, items, now);
}

/** The requester hears the decision (approved or not) on the chat they asked from. */
export async function queueDecisionToRequester(
  db: Db,
  request: { id: number; orgId: number; org: { path: string; timezone: string } },
  to: { requesterChatId: string; requesterLocale: string | null },
  key: "join-approved" | "join-rejected",
  vars: Record<string, string>,
  now: Date,
): Promise<void> {
  await enqueue(db, [
    {
      key: `join-decision:${request.id}`,
      chatId: to.requesterChatId,
      orgId: request.orgId,
      kind: "join_decision",
      payload: { text: translate(to.requesterLocale ?? "vi", key, vars) },
      notBefore: await sendableFrom(db, request.org, now),
    },
  ], now);
}
