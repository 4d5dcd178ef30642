// Messages about tasks, queued through the outbox with keys that say what and for whom:
// a task told, moved or withdrawn, a reminder before its due day, an overdue task for
// the secretary. A key is never sent twice; a moved due day makes new keys.
import { InlineKeyboard } from "grammy";
import { translate as t } from "../../bot/i18n.js";
import type { OutboxItem } from "../../delivery/outbox.js";
import { formatDueDay, formatKind } from "../../org/meeting-text.js";
import { taskButton } from "./schema.js";

export interface TaskSubject {
  id: number;
  orgId: number;
  text: string;
  dueOn: Date;
  orgName: string;
  timeZone: string;
  meeting: { kind: string; forMonth: string };
}

export interface Reader {
  personId: number;
  chatId: string | null;
  locale: string;
}

/** The day in the key: a due day moved makes new reminder and overdue keys. */
export const dueKey = (dueOn: Date) => dueOn.toISOString().slice(0, 10);

export function taskKeyboard(locale: string, taskId: number) {
  return new InlineKeyboard()
    .text(t(locale, "task-button-done"), taskButton.encode({ action: "d", taskId }))
    .text(t(locale, "task-button-note"), taskButton.encode({ action: "n", taskId }));
}

const vars = (locale: string, task: TaskSubject) => ({
  text: task.text,
  org: task.orgName,
  due: formatDueDay(task.dueOn, task.timeZone),
  meeting: formatKind(t, locale, task.meeting.kind, task.meeting.forMonth),
});

type Kind = "assigned" | "moved" | "reminder" | "withdrawn";

const KEYS: Record<Kind, (task: TaskSubject, personId: number) => string> = {
  assigned: (task, personId) => `task:${task.id}:assigned:${personId}`,
  moved: (task, personId) => `task:${task.id}:moved:${dueKey(task.dueOn)}:${personId}`,
  reminder: (task, personId) => `task:${task.id}:remind:${dueKey(task.dueOn)}:${personId}`,
  withdrawn: (task, personId) => `task:${task.id}:withdrawn:${personId}`,
};

/** One message per reachable assignee; withdrawn has no buttons, the others offer "done" and "note". */
export function taskItems(kind: Kind, task: TaskSubject, readers: Reader[], timing: { notBefore: Date; expiresAt?: Date }): OutboxItem[] {
  return readers
    .filter((r) => r.chatId !== null)
    .map((r) => ({
      key: KEYS[kind](task, r.personId),
      chatId: r.chatId!,
      personId: r.personId,
      orgId: task.orgId,
      kind: `task_${kind}`,
      payload: {
        text: t(r.locale, `task-${kind}`, vars(r.locale, task)),
        replyMarkup: kind === "withdrawn" ? undefined : taskKeyboard(r.locale, task.id),
      },
      ...timing,
    }));
}

/** The secretary and deputies hear once that a task passed its due day unfinished. */
export function overdueItems(task: TaskSubject, waitingOn: string[], leaders: Reader[], notBefore: Date): OutboxItem[] {
  return leaders
    .filter((r) => r.chatId !== null)
    .map((r) => ({
      key: `task:${task.id}:overdue:${dueKey(task.dueOn)}:${r.personId}`,
      chatId: r.chatId!,
      personId: r.personId,
      orgId: task.orgId,
      kind: "task_overdue",
      payload: { text: t(r.locale, "task-overdue", { ...vars(r.locale, task), waiting: waitingOn.join(", ") || "—" }) },
      notBefore,
    }));
}
