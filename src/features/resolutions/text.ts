// How a task reads, in the reader's language: its due day, who holds it, its status. Pure.
import type { Translate } from "../../bot/i18n.js";
import { formatDueDay } from "../../org/meeting-text.js";
import type { TaskView } from "../../org/resolutions.js";

export function assigneesText(t: Translate, locale: string, task: Pick<TaskView, "wholeCell" | "assignees">): string {
  if (task.wholeCell) return t(locale, "task-whole-cell");
  return task.assignees.map((a) => a.fullName).join(", ");
}

/** "1. Viết báo cáo — Trần An, hạn 20/12/2026: Đang làm" */
export function taskLine(t: Translate, locale: string, task: TaskView, timeZone: string, index: number): string {
  return t(locale, "task-line", {
    n: index + 1,
    text: task.text,
    who: assigneesText(t, locale, task),
    due: formatDueDay(task.dueOn, timeZone),
    status: t(locale, `task-status-${task.status}`),
  });
}
