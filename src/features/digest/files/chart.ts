// The digest's chart: for each organisation below the committee, the share of its cells
// that met as required last month and this month (held, or scheduled), as a PNG.
//
// Why @napi-rs/canvas (Skia) with the DejaVu fonts from npm:
// - it installs from the npm registry alone: the Skia binary comes as a prebuilt
//   optional dependency (@napi-rs/canvas-linux-x64-gnu and friends), no install script,
//   no download from another server, no system library beyond libc;
// - it shapes text with HarfBuzz, so Vietnamese diacritics sit right even when a name
//   arrives decomposed (NFD: a letter followed by combining marks); pureimage 0.4 (pure
//   JS, opentype.js 0.4) misplaced those marks when tried, and drew text ~20× slower;
// - the font is registered from the dejavu-fonts-ttf package, never looked up on the
//   system: an operator's server may have no fonts at all.
// The version is pinned exactly (1.0.11): the registry these machines reach lacks the
// macOS, Windows, musl and 32-bit ARM binaries of 1.0.13 and later, and a lockfile without
// them fails `npm ci`. Move the pin only to a release whose eleven binaries all resolve.
// The library is imported on first use, so a machine without a prebuilt binary for its
// platform loses the chart only, not the bot: digestChartPng then rejects, and the
// caller can send the digest's text without it.
import { createRequire } from "node:module";
import type { Translate } from "../../../bot/i18n.js";
import type { Digest } from "../../../domain/digest.js";
import { monthLabel } from "../../../domain/zoned.js";

type Canvas = typeof import("@napi-rs/canvas");
type Context2D = import("@napi-rs/canvas").SKRSContext2D;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartBar {
  month: "last" | "this";
  percent: number;
  rect: Rect;
}

export interface ChartGroup {
  name: string;
  /** The middle of the group, on the x axis. */
  centerX: number;
  width: number;
  bars: [ChartBar, ChartBar];
}

export interface ChartLayout {
  width: number;
  height: number;
  /** The 0–100% area: y is the 100% line, y + height the 0% line. */
  plot: Rect;
  groups: ChartGroup[];
  /** Names under the bars: up to two lines across the group, or one line at 45°. */
  labels: "wrapped" | "rotated";
  /** The largest width a name may take before it is cut with "…". */
  labelMaxWidth: number;
  /** Values over the bars: across, or upright when the bars are narrow. */
  values: "across" | "upright";
}

/** One colour per month: a soft grey-blue for last month, a deeper blue for this one. */
export const CHART_COLOURS = { last: "#9fb6cd", this: "#2f6f9f" } as const;

const MAX_WIDTH = 1600;
const MIN_WIDTH = 640;
const MARGIN_RIGHT = 24;
const MARGIN_LEFT = 72;
/** Room on the left for the first name drawn at 45°. */
const MARGIN_LEFT_ROTATED = 150;
const IDEAL_GROUP_WIDTH = 120;
/** Narrower groups get their names at 45°. */
const MIN_WRAPPED_GROUP_WIDTH = 90;
const HEADER_HEIGHT = 84;
/** Above the 100% line, for the value over a full bar. */
const VALUE_SPACE = 36;
const PLOT_HEIGHT = 300;
const WRAPPED_LABEL_SPACE = 52;
const ROTATED_LABEL_MAX = 190;
const ROTATED_LABEL_SPACE = Math.ceil(ROTATED_LABEL_MAX * Math.SQRT1_2) + 28;
const MAX_BAR_WIDTH = 56;
const BAR_GAP = 3;
/** A value like "100%" fits across a bar at least this wide. */
const MIN_ACROSS_BAR_WIDTH = 30;

const FONT_FAMILY = "ChiboDejaVuSansCondensed";
const COLOURS = { background: "#ffffff", title: "#1f2933", text: "#3e4c59", muted: "#7b8794", grid: "#e4e7eb", axis: "#9aa5b1" };

/** The groups the chart draws: one per child, or the committee's totals when it has one child or none. */
export function chartGroups(digest: Digest): { name: string; last: number; this: number }[] {
  if (digest.children.length > 1) {
    return digest.children.map((c) => ({ name: c.org.name, last: c.compliantLastMonthPercent, this: c.compliantThisMonthPercent }));
  }
  const { lastMonth, thisMonth } = digest.totals;
  const thisPercent = thisMonth.cells === 0 ? 0 : Math.round((100 * (thisMonth.held + thisMonth.scheduled)) / thisMonth.cells);
  return [{ name: digest.committee.name, last: lastMonth.heldPercent, this: thisPercent }];
}

/** Where everything goes, in whole pixels. Pure, so the picture's geometry can be tested. */
export function chartLayout(digest: Digest): ChartLayout {
  const groups = chartGroups(digest);
  const n = groups.length;
  const wrappedWidth = clamp(MARGIN_LEFT + MARGIN_RIGHT + n * IDEAL_GROUP_WIDTH, MIN_WIDTH, MAX_WIDTH);
  const rotated = Math.floor((wrappedWidth - MARGIN_LEFT - MARGIN_RIGHT) / n) < MIN_WRAPPED_GROUP_WIDTH;
  const left = rotated ? MARGIN_LEFT_ROTATED : MARGIN_LEFT;
  const width = rotated ? MAX_WIDTH : wrappedWidth;
  const groupWidth = Math.floor((width - left - MARGIN_RIGHT) / n);
  const plot = { x: left, y: HEADER_HEIGHT + VALUE_SPACE, width: groupWidth * n, height: PLOT_HEIGHT };
  const barWidth = Math.min(MAX_BAR_WIDTH, Math.floor((groupWidth * 0.8 - BAR_GAP) / 2));
  const baseline = plot.y + plot.height;

  const bar = (month: ChartBar["month"], percent: number, x: number): ChartBar => {
    const height = Math.round((plot.height * clamp(percent, 0, 100)) / 100);
    return { month, percent, rect: { x, y: baseline - height, width: barWidth, height } };
  };

  return {
    width,
    height: plot.y + plot.height + (rotated ? ROTATED_LABEL_SPACE : WRAPPED_LABEL_SPACE),
    plot,
    groups: groups.map((g, i) => {
      const groupX = plot.x + i * groupWidth;
      const firstBarX = groupX + Math.round((groupWidth - (2 * barWidth + BAR_GAP)) / 2);
      return {
        name: g.name,
        centerX: groupX + Math.round(groupWidth / 2),
        width: groupWidth,
        bars: [bar("last", g.last, firstBarX), bar("this", g.this, firstBarX + barWidth + BAR_GAP)],
      };
    }),
    labels: rotated ? "rotated" : "wrapped",
    labelMaxWidth: rotated ? ROTATED_LABEL_MAX : groupWidth - 8,
    values: barWidth >= MIN_ACROSS_BAR_WIDTH ? "across" : "upright",
  };
}

export async function digestChartPng(t: Translate, locale: string, digest: Digest): Promise<Buffer> {
  const canvasLib = await loadCanvas();
  const layout = chartLayout(digest);
  const canvas = canvasLib.createCanvas(layout.width, layout.height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = COLOURS.background;
  ctx.fillRect(0, 0, layout.width, layout.height);

  drawHeader(ctx, t, locale, digest, layout);
  drawGrid(ctx, t, locale, layout);
  for (const group of layout.groups) {
    for (const bar of group.bars) drawBar(ctx, bar, layout);
    drawName(ctx, group, layout);
  }
  return canvas.encode("png");
}

// ---- drawing ---------------------------------------------------------------------------

function drawHeader(ctx: Context2D, t: Translate, locale: string, digest: Digest, layout: ChartLayout): void {
  ctx.textBaseline = "alphabetic";
  ctx.textAlign = "left";
  ctx.fillStyle = COLOURS.title;
  const title = t(locale, "digest-chart-title", { org: digest.committee.name }).normalize("NFC");
  // A long committee name first makes the title smaller, then is cut.
  for (const size of [20, 18, 16]) {
    ctx.font = font(size, true);
    if (ctx.measureText(title).width <= layout.width - 48) break;
  }
  ctx.fillText(fit(ctx, title, layout.width - 48), 24, 34);

  ctx.font = font(14);
  let x = 24;
  const entries = [
    { colour: CHART_COLOURS.last, text: t(locale, "digest-chart-legend-last", { month: monthLabel(digest.lastMonth) }) },
    { colour: CHART_COLOURS.this, text: t(locale, "digest-chart-legend-this", { month: monthLabel(digest.thisMonth) }) },
  ];
  for (const entry of entries) {
    ctx.fillStyle = entry.colour;
    ctx.fillRect(x, 52, 14, 14);
    ctx.fillStyle = COLOURS.text;
    const text = fit(ctx, entry.text, Math.max(80, (layout.width - 48) / 2 - 40));
    ctx.fillText(text, x + 20, 64);
    x += 20 + ctx.measureText(text).width + 28;
  }
}

function drawGrid(ctx: Context2D, t: Translate, locale: string, layout: ChartLayout): void {
  const { plot } = layout;
  ctx.font = font(12);
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (let percent = 0; percent <= 100; percent += 20) {
    const y = plot.y + plot.height - (plot.height * percent) / 100;
    ctx.fillStyle = percent === 0 ? COLOURS.axis : COLOURS.grid;
    ctx.fillRect(plot.x, y, plot.width, 1);
    ctx.fillStyle = COLOURS.muted;
    ctx.fillText(`${percent}%`, plot.x - 8, y);
  }
  // The axis title, upright, just left of the percentages.
  ctx.save();
  ctx.translate(plot.x - 56, plot.y + plot.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = "center";
  ctx.fillText(fit(ctx, t(locale, "digest-chart-axis"), plot.height), 0, 0);
  ctx.restore();
}

function drawBar(ctx: Context2D, bar: ChartBar, layout: ChartLayout): void {
  const { rect } = bar;
  ctx.fillStyle = CHART_COLOURS[bar.month];
  if (rect.height > 0) ctx.fillRect(rect.x, rect.y, rect.width, rect.height);
  ctx.fillStyle = COLOURS.text;
  const value = `${bar.percent}%`;
  if (layout.values === "across") {
    ctx.font = font(12, true);
    ctx.textAlign = "center";
    ctx.textBaseline = "bottom";
    ctx.fillText(value, rect.x + rect.width / 2, rect.y - 4);
  } else {
    ctx.font = font(11);
    ctx.save();
    ctx.translate(rect.x + rect.width / 2, rect.y - 4);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = "left";
    ctx.textBaseline = "middle";
    ctx.fillText(value, 0, 0);
    ctx.restore();
  }
}

function drawName(ctx: Context2D, group: ChartGroup, layout: ChartLayout): void {
  const baseline = layout.plot.y + layout.plot.height;
  ctx.fillStyle = COLOURS.text;
  ctx.font = font(13);
  if (layout.labels === "wrapped") {
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    wrapTwoLines(ctx, group.name, layout.labelMaxWidth).forEach((line, i) => ctx.fillText(line, group.centerX, baseline + 8 + i * 17));
    return;
  }
  // At 45°, ending under the group's middle, reading down to the left.
  ctx.save();
  ctx.translate(group.centerX, baseline + 10);
  ctx.rotate(-Math.PI / 4);
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  ctx.fillText(fit(ctx, group.name, layout.labelMaxWidth), 0, 0);
  ctx.restore();
}

// ---- text ------------------------------------------------------------------------------

const graphemes = new Intl.Segmenter("vi", { granularity: "grapheme" });

/** The text, cut at a letter (never inside one: a mark stays with its letter) and ended with "…" when too wide. */
export function truncateToWidth(text: string, maxWidth: number, measure: (text: string) => number): string {
  const clean = text.normalize("NFC").trim();
  if (measure(clean) <= maxWidth) return clean;
  const parts = Array.from(graphemes.segment(clean), (s) => s.segment);
  // The longest prefix that fits with the ellipsis, by bisection.
  let low = 0;
  let high = parts.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure(parts.slice(0, mid).join("").trimEnd() + "…") <= maxWidth) low = mid;
    else high = mid - 1;
  }
  return parts.slice(0, low).join("").trimEnd() + "…";
}

const fit = (ctx: Context2D, text: string, maxWidth: number) => truncateToWidth(text, maxWidth, (s) => ctx.measureText(s).width);

/** Up to two lines, broken between words; the second is cut with "…" when the name is longer. */
function wrapTwoLines(ctx: Context2D, text: string, maxWidth: number): string[] {
  const words = text.normalize("NFC").trim().split(/\s+/);
  let first = words[0];
  let i = 1;
  while (i < words.length && ctx.measureText(`${first} ${words[i]}`).width <= maxWidth) first += ` ${words[i++]}`;
  const rest = words.slice(i).join(" ");
  return rest ? [fit(ctx, first, maxWidth), fit(ctx, rest, maxWidth)] : [fit(ctx, first, maxWidth)];
}

const font = (size: number, bold = false) => `${bold ? "bold " : ""}${size}px ${FONT_FAMILY}`;

// ---- the library and the font, once per process ------------------------------------------

let loaded: Promise<Canvas> | undefined;

function loadCanvas(): Promise<Canvas> {
  loaded ??= (async () => {
    const canvasLib = await import("@napi-rs/canvas");
    const require = createRequire(import.meta.url);
    for (const file of ["DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"]) {
      canvasLib.GlobalFonts.registerFromPath(require.resolve(`dejavu-fonts-ttf/ttf/${file}`), FONT_FAMILY);
    }
    if (!canvasLib.GlobalFonts.has(FONT_FAMILY)) throw new Error("digest chart: the DejaVu font could not be registered");
    return canvasLib;
  })();
  loaded.catch(() => (loaded = undefined));
  return loaded;
}

const clamp = (n: number, min: number, max: number) => Math.max(min, Math.min(max, n));
