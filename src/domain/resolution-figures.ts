// What committees see of their cells' resolutions (issue 17): per direct child of a
// committee, the tasks done on time, late (done late, or overdue and still not done) and
// open (not yet due), and the cells whose held meeting recorded no conclusion. Pure: the
// caller loads the subtree's facts once (org/resolutions.ts, subtreeResolutions); the
// weekly digest, /report and `chibo resolutions` all count them here, so they agree.
import { tallyTasks, type TaskStatus, type TaskTally } from "./tasks.js";
import { idsOnPath, isWithin } from "./tree.js";
import { addMonths, monthKey, monthStart } from "./zoned.js";

/** A task as a committee counts it: its cell, when its meeting was held, its status now. */
export interface CellTask {
  taskId: number;
  cellId: number;
  heldAt: Date;
  status: TaskStatus;
}

/** A held meeting (record submitted, not "not held", not cancelled) with no conclusion recorded. */
export interface UnconcludedMeeting {
  meetingId: number;
  cellId: number;
  heldAt: Date;
}

/** The subtree's facts for a window: the tasks that count in it and the meetings held in it without a conclusion. */
export interface SubtreeResolutions {
  from: Date;
  until: Date;
  tasks: CellTask[];
  unconcluded: UnconcludedMeeting[];
}

/**
 * The digest's period: from the first of last month to the first of next month, local
 * (domain/digest.ts reads low attendance and short meetings over the same months).
 */
export function resolutionWindow(now: Date, timeZone: string): { from: Date; until: Date } {
  const thisMonth = monthKey(now, timeZone);
  return { from: monthStart(addMonths(thisMonth, -1), timeZone), until: monthStart(addMonths(thisMonth, 1), timeZone) };
}

/**
 * Whether a committee counts the task in this window: its meeting was held in the window
 * (what the cells decided lately and how it went), or it is still not done (open or
 * overdue), whenever it was decided: an overdue task from months ago is exactly what a
 * committee has to chase. A task done before the window is old news.
 */
export function taskCounts(task: { heldAt: Date; status: TaskStatus }, window: { from: Date; until: Date }): boolean {
  if (task.status === "open" || task.status === "overdue") return true;
  const at = task.heldAt.getTime();
  return at >= window.from.getTime() && at < window.until.getTime();
}

export interface ResolutionCounts extends TaskTally {
  /** Cells with at least one held meeting in the window that recorded no conclusion. */
  noConclusionCells: number;
}

export interface OrgRef {
  id: number;
  code: string;
  name: string;
}

export interface ResolutionFigures {
  /** The window, ISO: meetings held from `from` until `until` (exclusive). */
  from: string;
  until: string;
  totals: ResolutionCounts;
  /** One per direct child that is a cell or has cells below it, by code. */
  children: { org: OrgRef; counts: ResolutionCounts }[];
  /** Each held meeting without a conclusion, by date then code. */
  noConclusion: { meetingId: number; cellId: number; code: string; name: string; date: string }[];
}

interface TreeNode extends OrgRef {
  path: string;
  kind: string;
}

/**
 * The figures of `committee` from its subtree (`orgs`, the committee itself may be among
 * them) and the loaded facts. Facts of anything that is not a cell of the subtree are
 * ignored, as the digest ignores them.
 */
export function resolutionFigures(committee: TreeNode, orgs: TreeNode[], facts: SubtreeResolutions): ResolutionFigures {
  const { byId, childOf } = cellsByChild(committee, orgs);
  const unconcluded = facts.unconcluded.filter((m) => childOf.has(m.cellId));
  // One pass over each list: a province has thousands of cells and tasks.
  const statuses = new Map<number, TaskStatus[]>();
  const all: TaskStatus[] = [];
  for (const task of facts.tasks) {
    const childId = childOf.get(task.cellId);
    if (childId === undefined || !taskCounts(task, facts)) continue;
    all.push(task.status);
    getOrSet(statuses, childId, () => []).push(task.status);
  }
  const silent = new Map<number, Set<number>>();
  for (const m of unconcluded) getOrSet(silent, childOf.get(m.cellId)!, () => new Set()).add(m.cellId);
  const children = [...new Set(childOf.values())]
    .filter((id) => id !== NO_CHILD)
    .map((id) => byId.get(id)!)
    .sort((a, b) => compare(a.code, b.code) || a.id - b.id)
    .map((org) => ({ org: ref(org), counts: { ...tallyTasks(statuses.get(org.id) ?? []), noConclusionCells: silent.get(org.id)?.size ?? 0 } }));
  const noConclusion = unconcluded
    .map((m) => ({ meetingId: m.meetingId, ...cellRef(byId.get(m.cellId)!), date: m.heldAt.toISOString() }))
    .sort((a, b) => compare(a.date, b.date) || compare(a.code, b.code) || a.meetingId - b.meetingId);
  const totals = { ...tallyTasks(all), noConclusionCells: new Set(unconcluded.map((m) => m.cellId)).size };
  return { from: facts.from.toISOString(), until: facts.until.toISOString(), totals, children, noConclusion };
}

/** A cell of the committee itself (the committee is the cell, or its child is missing from `orgs`): in the totals only. */
const NO_CHILD = -1;

/** The subtree's organisations by id, and each cell's direct child of the committee. */
function cellsByChild(committee: TreeNode, orgs: TreeNode[]) {
  const byId = new Map<number, TreeNode>();
  for (const org of [committee, ...orgs]) if (isWithin(org.path, committee.path)) byId.set(org.id, org);
  const depth = idsOnPath(committee.path).length;
  const childOf = new Map<number, number>();
  for (const org of byId.values()) {
    if (org.kind !== "cell") continue;
    const childId = idsOnPath(org.path)[depth];
    childOf.set(org.id, childId !== undefined && byId.has(childId) ? childId : NO_CHILD);
  }
  return { byId, childOf };
}

/** Whether there is anything to say: a task counted or a meeting without a conclusion. */
export function anyResolutionFigure(c: ResolutionCounts): boolean {
  return c.onTime + c.late + c.open + c.noConclusionCells > 0;
}

function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

const ref = (org: OrgRef): OrgRef => ({ id: org.id, code: org.code, name: org.name });
const cellRef = (org: OrgRef) => ({ cellId: org.id, code: org.code, name: org.name });

// Codes are identifiers, so a plain comparison keeps the order stable across locales.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
