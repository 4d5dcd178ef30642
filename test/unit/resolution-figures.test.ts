// The committees' figures of the cells' resolutions (domain/resolution-figures.ts): which
// tasks count in the digest's window, how they are counted per direct child, and the
// cells that met without a conclusion.
import { describe, expect, it } from "vitest";
import { resolutionFigures, resolutionWindow, taskCounts, type CellTask, type SubtreeResolutions } from "../../src/domain/resolution-figures.js";
import type { TaskStatus } from "../../src/domain/tasks.js";

const ZONE = "Asia/Ho_Chi_Minh";
const vn = (local: string) => new Date(`${local}:00+07:00`);
const WINDOW = { from: vn("2026-10-01T00:00"), until: vn("2026-12-01T00:00") };

// Province 1 → communes 2 and 3; cells 4, 5 under 2, cell 6 under 3; cell 9 elsewhere.
const org = (id: number, path: string, kind: string) => ({ id, path, kind, code: `O${id}`, name: `Org ${id}` });
const PROVINCE = org(1, "/1/", "province");
const ORGS = [PROVINCE, org(2, "/1/2/", "commune"), org(3, "/1/3/", "commune"), org(4, "/1/2/4/", "cell"), org(5, "/1/2/5/", "cell"), org(6, "/1/3/6/", "cell"), org(9, "/8/9/", "cell")];

let taskId = 0;
const task = (cellId: number, status: TaskStatus, held = "2026-10-10T19:30"): CellTask => ({ taskId: ++taskId, cellId, heldAt: vn(held), status });
const facts = (tasks: CellTask[], unconcluded: [number, string][] = []): SubtreeResolutions => ({
  ...WINDOW,
  tasks,
  unconcluded: unconcluded.map(([cellId, held], i) => ({ meetingId: 100 + i, cellId, heldAt: vn(held) })),
});

describe("resolutionWindow", () => {
  it("is the digest's: from the first of last month to the first of next month, local", () => {
    expect(resolutionWindow(vn("2026-11-23T07:30"), ZONE)).toEqual(WINDOW);
    expect(resolutionWindow(vn("2027-01-01T00:10"), ZONE)).toEqual({ from: vn("2026-12-01T00:00"), until: vn("2027-02-01T00:00") });
  });
});

describe("taskCounts", () => {
  it.each([
    ["done, held in the window", "done", "2026-10-10T19:30", true],
    ["done late, held in the window", "done_late", "2026-11-30T23:59", true],
    ["done, held before the window", "done", "2026-09-30T23:59", false],
    ["done late, held before the window", "done_late", "2026-06-10T19:30", false],
    ["overdue, held long before", "overdue", "2026-01-10T19:30", true],
    ["open, held before the window", "open", "2026-09-10T19:30", true],
  ] as const)("%s: %s", (_what, status, held, counted) => {
    expect(taskCounts({ status, heldAt: vn(held) }, WINDOW)).toBe(counted);
  });
});

describe("resolutionFigures", () => {
  it("counts per direct child, on time / late (done late or overdue) / open, and cells without a conclusion once each", () => {
    const figures = resolutionFigures(
      PROVINCE,
      ORGS,
      facts(
        [task(4, "done"), task(4, "done_late"), task(5, "overdue"), task(5, "open"), task(6, "overdue", "2026-03-01T19:30"), task(4, "done", "2026-09-01T19:30")],
        [
          [5, "2026-10-05T19:30"],
          [5, "2026-11-05T19:30"],
          [6, "2026-11-02T19:30"],
        ],
      ),
    );
    expect(figures.totals).toEqual({ onTime: 1, late: 3, open: 1, noConclusionCells: 2 });
    expect(figures.children).toEqual([
      { org: { id: 2, code: "O2", name: "Org 2" }, counts: { onTime: 1, late: 2, open: 1, noConclusionCells: 1 } },
      { org: { id: 3, code: "O3", name: "Org 3" }, counts: { onTime: 0, late: 1, open: 0, noConclusionCells: 1 } },
    ]);
    expect(figures.noConclusion.map((m) => [m.code, m.date])).toEqual([
      ["O5", vn("2026-10-05T19:30").toISOString()],
      ["O6", vn("2026-11-02T19:30").toISOString()],
      ["O5", vn("2026-11-05T19:30").toISOString()],
    ]);
    expect([figures.from, figures.until]).toEqual([WINDOW.from.toISOString(), WINDOW.until.toISOString()]);
  });

  it("ignores what belongs to no cell of the subtree", () => {
    const figures = resolutionFigures(ORGS[1]!, ORGS, facts([task(4, "done"), task(6, "done"), task(9, "open")], [[9, "2026-11-01T19:30"]]));
    expect(figures.totals).toEqual({ onTime: 1, late: 0, open: 0, noConclusionCells: 0 });
    expect(figures.children.map((c) => c.org.id)).toEqual([4, 5]);
    expect(figures.noConclusion).toEqual([]);
  });

  it("has no children for a cell, only its totals", () => {
    const figures = resolutionFigures(ORGS[3]!, ORGS, facts([task(4, "open")], [[4, "2026-11-01T19:30"]]));
    expect(figures.children).toEqual([]);
    expect(figures.totals).toEqual({ onTime: 0, late: 0, open: 1, noConclusionCells: 1 });
  });
});
