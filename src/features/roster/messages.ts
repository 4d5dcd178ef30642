// A transfer between cells, to the people concerned: the receiving cell's secretary and
// deputies are asked (Accept/Decline), the requester hears the decision. Through the
// outbox, so a failed send is retried, nothing leaves in the night, and each message is
// queued once however often its handler runs.
import { InlineKeyboard } from "grammy";
import type { Db } from "../../db/client.js";
import { translate } from "../../bot/i18n.js";
import { enqueue, type OutboxItem } from "../../delivery/outbox.js";
import { formatPhone } from "../../domain/phone.js";
import { formatLocalDay, localToday } from "../../domain/past-date.js";
import { leadersOf } from "../../org/people.js";
import { sendableFrom } from "../../org/settings.js";
import { findTransfer, requesterOf, type TransferView } from "./member-data.js";
import { transferButton } from "./member-schema.js";

type T = (key: string, vars?: Record<string, string | number>) => string;

export function describeTransfer(t: T, request: TransferView): string {
  return t("member-transfer-request", {
    name: request.person.fullName,
    phone: formatPhone(request.person.phone),
    from: request.fromOrg.name,
    to: request.toOrg.name,
    on: formatLocalDay(localToday(request.effectiveOn, request.toOrg.timezone)),
  });
}

export function transferKeyboard(t: T, request: { id: number }): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("member-transfer-accept"), transferButton.encode({ accept: true, requestId: request.id }))
    .text(t("member-transfer-decline"), transferButton.encode({ accept: false, requestId: request.id }));
}

/** The receiving cell's linked secretary and deputies are asked; returns how many. */
export async function queueTransferRequest(db: Db, requestId: number, now: Date): Promise<number> {
  const request = await findTransfer(db, requestId);
  if (!request) return 0;
  const leaders = await leadersOf(db, request.toOrgId);
  const notBefore = await sendableFrom(db, request.toOrg, now);
  const items = leaders.map((leader): OutboxItem => {
    const t: T = (key, vars) => translate(leader.locale, key, vars);
    return {
      key: `transfer-request:${request.id}:${leader.personId}`,
      chatId: leader.chatId,
      personId: leader.personId,
      orgId: request.toOrgId,
      kind: "transfer_request",
      payload: { text: describeTransfer(t, request), replyMarkup: transferKeyboard(t, request) },
      notBefore,
    };
  });
  await enqueue(db, items, now);
  return leaders.length;
}

/** The requester hears whether the receiving cell accepted. */
export async function queueTransferDecision(db: Db, requestId: number, now: Date): Promise<void> {
  const request = await findTransfer(db, requestId);
  if (!request || (request.state !== "accepted" && request.state !== "declined")) return;
  const requester = await requesterOf(db, request.requestedBy);
  if (!requester?.telegramChatId) return;
  const key = request.state === "accepted" ? "member-transfer-accepted-note" : "member-transfer-declined-note";
  await enqueue(
    db,
    [
      {
        key: `transfer-decision:${request.id}`,
        chatId: requester.telegramChatId,
        personId: requester.id,
        orgId: request.fromOrgId,
        kind: "transfer_decision",
        payload: { text: translate(requester.locale ?? "vi", key, { name: request.person.fullName, to: request.toOrg.name }) },
        notBefore: await sendableFrom(db, request.fromOrg, now),
      },
    ],
    now,
  );
}
