// The digest's chart: its geometry as a table, then the PNG itself decoded and looked at
// where the bars should be, as a reader would.
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { translate } from "../../src/bot/i18n.js";
import type { Digest, MonthCounts } from "../../src/domain/digest.js";
import { CHART_COLOURS, chartLayout, digestChartPng, truncateToWidth } from "../../src/features/digest/files/chart.js";

const counts = (cells: number, held: number, scheduled: number): MonthCounts => ({
  cells,
  held,
  scheduled,
  notScheduled: cells - held - scheduled,
  heldPercent: cells === 0 ? 0 : Math.round((100 * held) / cells),
});

const NAMES = ["Đảng bộ xã Phú Hòa", "Chi bộ Ấp Bình Thạnh Đông", "Đảng bộ thị trấn Củ Chi", "Chi bộ Khu phố 3"];

function digestWith(children: { last: number; now: number }[], totals = { thisMonth: counts(8, 2, 4), lastMonth: counts(8, 6, 0) }): Digest {
  return {
    committee: { id: 1, code: "HCC", name: "Đảng bộ huyện Củ Chi" },
    at: "2026-11-23T03:00:00.000Z",
    thisMonth: "2026-11",
    lastMonth: "2026-10",
    quarter: "2026-Q4",
    totals,
    children: children.map((c, i) => ({
      org: { id: 100 + i, code: `C${i}`, name: `${NAMES[i % NAMES.length]} ${i}` },
      thisMonth: counts(4, 2, 1),
      lastMonth: counts(4, 2, 0),
      compliantLastMonthPercent: c.last,
      compliantThisMonthPercent: c.now,
    })),
    missedLastMonth: [],
    notScheduledThisMonth: [],
    noThematicThisQuarter: [],
    lowAttendance: [],
    shortMeetings: [],
    overdueRecords: [],
    flagged: [],
    noLinkedSecretary: [],
    unreachable: [],
    nextWeek: [],
  };
}

const manyChildren = (n: number) => digestWith(Array.from({ length: n }, (_, i) => ({ last: (i * 7) % 101, now: (i * 13) % 101 })));

async function decode(png: Buffer) {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  const pixel = (x: number, y: number) => {
    const i = (Math.floor(y) * image.width + Math.floor(x)) * 4;
    return `#${[data[i], data[i + 1], data[i + 2]].map((v) => v.toString(16).padStart(2, "0")).join("")}`;
  };
  return { width: image.width, height: image.height, pixel };
}

describe("chartLayout", () => {
  it.each([
    // children, groups drawn, image width, names
    [0, 1, 640, "wrapped"],
    [1, 1, 640, "wrapped"],
    [2, 2, 640, "wrapped"],
    [5, 5, 696, "wrapped"],
    [10, 10, 1296, "wrapped"],
    [12, 12, 1536, "wrapped"],
    [16, 16, 1600, "wrapped"],
    [17, 17, 1600, "rotated"],
    [40, 40, 1600, "rotated"],
  ] as const)("with %i children draws %i group(s) in %i px, names %s", (children, groups, width, labels) => {
    const layout = chartLayout(manyChildren(children));
    expect(layout.groups).toHaveLength(groups);
    expect(layout.width).toBe(width);
    expect(layout.labels).toBe(labels);
    // Every bar lies inside the plot and the image.
    for (const bar of layout.groups.flatMap((g) => g.bars)) {
      expect(bar.rect.x).toBeGreaterThanOrEqual(layout.plot.x);
      expect(bar.rect.x + bar.rect.width).toBeLessThanOrEqual(layout.plot.x + layout.plot.width);
      expect(bar.rect.width).toBeGreaterThanOrEqual(8);
    }
    expect(layout.plot.x + layout.plot.width).toBeLessThanOrEqual(layout.width);
  });

  it.each([
    // percent, bar height as a share of the plot's height
    [0, 0],
    [50, 0.5],
    [100, 1],
    [33, 0.33],
  ])("a bar at %i%% is %f of the plot high, standing on the 0%% line", (percent, share) => {
    const layout = chartLayout(digestWith([{ last: percent, now: percent }, { last: 0, now: 0 }]));
    const baseline = layout.plot.y + layout.plot.height;
    for (const bar of layout.groups[0].bars) {
      expect(bar.rect.height).toBe(Math.round(layout.plot.height * share));
      expect(bar.rect.y + bar.rect.height).toBe(baseline);
    }
  });

  it("keeps the children's order and puts last month left of this month", () => {
    const layout = chartLayout(digestWith([{ last: 10, now: 90 }, { last: 40, now: 20 }, { last: 70, now: 70 }]));
    expect(layout.groups.map((g) => g.bars.map((b) => [b.month, b.percent]))).toEqual([
      [["last", 10], ["this", 90]],
      [["last", 40], ["this", 20]],
      [["last", 70], ["this", 70]],
    ]);
    expect(layout.groups.map((g) => g.name)).toEqual(["Đảng bộ xã Phú Hòa 0", "Chi bộ Ấp Bình Thạnh Đông 1", "Đảng bộ thị trấn Củ Chi 2"]);
    for (const g of layout.groups) expect(g.bars[0].rect.x + g.bars[0].rect.width).toBeLessThan(g.bars[1].rect.x);
    const centers = layout.groups.map((g) => g.centerX);
    expect([...centers].sort((a, b) => a - b)).toEqual(centers);
  });

  it.each([
    // children, totals: last month held of cells, this month held + scheduled of cells, expected percents
    ["no child", [], counts(8, 6, 0), counts(8, 2, 4), 75, 75],
    ["one child", [{ last: 10, now: 20 }], counts(4, 1, 0), counts(4, 1, 0), 25, 25],
    ["no cells at all", [], counts(0, 0, 0), counts(0, 0, 0), 0, 0],
  ])("with %s, shows the committee's totals as one group", (_, children, lastMonth, thisMonth, last, now) => {
    const layout = chartLayout(digestWith(children, { lastMonth, thisMonth }));
    expect(layout.groups).toHaveLength(1);
    expect(layout.groups[0].name).toBe("Đảng bộ huyện Củ Chi");
    expect(layout.groups[0].bars.map((b) => b.percent)).toEqual([last, now]);
  });
});

describe("truncateToWidth", () => {
  // One unit per character, so the expected cut is easy to read.
  const measure = (s: string) => [...s].length;
  it.each([
    ["Chi bộ Khu phố 3", 40, "Chi bộ Khu phố 3"],
    ["Chi bộ Ấp Bình Thạnh Đông", 12, "Chi bộ Ấp B…"],
    // Decomposed input (a letter, then its marks) is composed first and never cut inside a letter.
    ["Chi bộ Ấp Bình Thạnh Đông".normalize("NFD"), 10, "Chi bộ Ấp…"],
    ["Đảng bộ xã Phú Hòa", 8, "Đảng bộ…"],
  ])("«%s» in %i units reads «%s»", (text, width, expected) => {
    const cut = truncateToWidth(text, width, measure);
    expect(cut).toBe(expected);
    expect(measure(cut)).toBeLessThanOrEqual(width);
  });
});

describe("digestChartPng", () => {
  it("draws each bar where the layout says, in its month's colour, and nothing of it above", async () => {
    const digest = digestWith([{ last: 0, now: 50 }, { last: 50, now: 100 }, { last: 100, now: 0 }]);
    const layout = chartLayout(digest);
    const png = await digestChartPng(translate, "vi", digest);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    const image = await decode(png);
    expect([image.width, image.height]).toEqual([layout.width, layout.height]);
    const baseline = layout.plot.y + layout.plot.height;
    for (const bar of layout.groups.flatMap((g) => g.bars)) {
      const { x, y, width, height } = bar.rect;
      const colour = CHART_COLOURS[bar.month];
      const middle = x + width / 2;
      if (height > 0) {
        expect(image.pixel(middle, y + height / 2), `${bar.month} ${bar.percent}% middle`).toBe(colour);
        expect(image.pixel(x + 1, y + 1), `${bar.month} ${bar.percent}% top`).toBe(colour);
        expect(image.pixel(x + width - 2, baseline - 2), `${bar.month} ${bar.percent}% foot`).toBe(colour);
      }
      // Just above the bar, and at the height of a full bar: not this bar any more.
      expect(image.pixel(middle, y - 2), `${bar.month} ${bar.percent}% above`).not.toBe(colour);
      if (bar.percent < 100) expect(image.pixel(x + 1, layout.plot.y + 2), `${bar.month} ${bar.percent}% at 100%`).not.toBe(colour);
    }
  });

  it("grows wider with more children, up to 1600 px, and keeps 40 bars pairs apart", async () => {
    const widths: number[] = [];
    for (const n of [2, 8, 12, 40]) {
      const image = await decode(await digestChartPng(translate, "en", manyChildren(n)));
      widths.push(image.width);
    }
    expect(widths).toEqual([...widths].sort((a, b) => a - b));
    expect(new Set(widths).size).toBe(widths.length);
    expect(widths.at(-1)).toBe(1600);

    // With 40 children each group still shows two distinct bars.
    const layout = chartLayout(manyChildren(40));
    const image = await decode(await digestChartPng(translate, "vi", manyChildren(40)));
    for (const group of layout.groups) {
      for (const bar of group.bars) {
        if (bar.rect.height > 2) expect(image.pixel(bar.rect.x + bar.rect.width / 2, bar.rect.y + bar.rect.height - 1)).toBe(CHART_COLOURS[bar.month]);
      }
    }
  });
});
