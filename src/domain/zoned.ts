// Wall-clock arithmetic in an organisation's time zone (an IANA name such as
// "Asia/Ho_Chi_Minh"). Nothing here may use the machine's own zone: the server can run
// anywhere, the cell meets at 19:30 *its* time. Offsets come from Intl.DateTimeFormat,
// so daylight-saving rules are whatever the runtime's ICU data says.

export interface LocalDateTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const DAY_MS = 24 * 60 * 60_000;

// Building a formatter is far slower than using one; zones are few.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for an unknown zone: better at the first use than a wrong hour.
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Milliseconds of a UTC calendar time; unlike Date.UTC, years 0-99 are not moved to 19xx. */
function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

interface WallClock extends LocalDateTime {
  second: number;
}

// en-US with h23 prints "12/5/2026, 19:30:00": month, day, year, hour, minute, second.
// Reading the six numbers from format() is three times faster than formatToParts(), and
// planning runs for every upcoming meeting on every tick. Separators are not relied on.
const SIX_NUMBERS = /^(\d+)\D+(\d+)\D+(\d+)\D+(\d+)\D+(\d+)\D+(\d+)$/;

// The same few instants are read over and over (a province's meetings share a start, its
// tasks a few due days; every due day is turned into its deadline): the wall clocks read
// are kept, a bounded number per zone. Never changed once made.
const WALL_CLOCKS_KEPT = 10_000;
const wallClocks = new Map<string, Map<number, WallClock>>();

function wallClock(ms: number, timeZone: string): WallClock {
  let known = wallClocks.get(timeZone);
  if (!known) wallClocks.set(timeZone, (known = new Map()));
  let wall = known.get(ms);
  if (!wall) {
    if (known.size >= WALL_CLOCKS_KEPT) known.clear();
    wall = readWallClock(ms, timeZone);
    known.set(ms, wall);
  }
  return wall;
}

function readWallClock(ms: number, timeZone: string): WallClock {
  const formatter = formatterFor(timeZone);
  const match = SIX_NUMBERS.exec(formatter.format(ms));
  let fields: number[];
  if (match) {
    fields = match.slice(1).map(Number);
  } else {
    const parts = formatter.formatToParts(ms);
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    fields = [get("month"), get("day"), get("year"), get("hour"), get("minute"), get("second")];
  }
  const [month, day, year, hour, minute, second] = fields;
  // Some ICU versions wrote midnight as 24 even with h23.
  return { year, month, day, hour: hour % 24, minute, second };
}

/** The wall clock at `ms` read as if it were UTC, in milliseconds (whole seconds). */
function wallMs(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return utcMs(w.year, w.month, w.day, w.hour, w.minute, w.second);
}

/** Zone offset (wall minus UTC) in effect at `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  return wallMs(ms, timeZone) - Math.floor(ms / 1000) * 1000;
}

/**
 * Every instant at which the zone's wall clock shows `local`: none in a spring-forward
 * gap, two in a fall-back hour, otherwise one. Earliest first. Out-of-range fields roll
 * over as with Date.UTC (day 0 is the previous month's last day, hour 24 the next day),
 * so callers can write `day - 1` or `day + 1` without calendar arithmetic.
 */
export function toUtcAll(local: LocalDateTime, timeZone: string): Date[] {
  const wall = wallOf(local);
  const instants: number[] = [];
  for (const offset of offsetsAround(wall, timeZone)) {
    const candidate = wall - offset;
    if (wallMs(candidate, timeZone) === wall) instants.push(candidate);
  }
  return instants.sort((a, b) => a - b).map((ms) => new Date(ms));
}

function wallOf(local: LocalDateTime): number {
  return utcMs(local.year, local.month, local.day, local.hour, local.minute);
}

// The instant we look for lies within 14 hours of the wall time read as UTC, so the
// offsets a day either side are the ones that can apply (both, around a change).
function offsetsAround(wall: number, timeZone: string): number[] {
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  return before === after ? [before] : [before, after];
}

/**
 * The instant at which the wall clock in `timeZone` shows `local`. A time skipped by a
 * spring-forward change becomes the moment of the change (the first valid instant after
 * it: 02:30 on the Berlin change day gives 03:00 CEST); a time that occurs twice gives
 * the earlier one. Fields roll over as in toUtcAll.
 */
export function toUtc(local: LocalDateTime, timeZone: string): Date {
  const all = toUtcAll(local, timeZone);
  if (all.length > 0) return all[0];
  // In a gap: the offsets before and after bracket the change; find it by bisection.
  const wall = wallOf(local);
  const candidates = offsetsAround(wall, timeZone).map((offset) => wall - offset);
  let low = Math.min(...candidates);
  let high = Math.max(...candidates);
  if (low === high) return new Date(low);
  const before = offsetAt(low, timeZone);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(middle, timeZone) === before) low = middle;
    else high = middle;
  }
  return new Date(high);
}

/** The wall clock in `timeZone` at `instant`, with the weekday (0 = Sunday … 6 = Saturday). */
export function toLocal(instant: Date, timeZone: string): LocalDateTime & { weekday: number } {
  const w = wallClock(instant.getTime(), timeZone);
  const weekday = new Date(utcMs(w.year, w.month, w.day)).getUTCDay();
  return { year: w.year, month: w.month, day: w.day, hour: w.hour, minute: w.minute, weekday };
}

const pad = (value: number, width: number) => String(value).padStart(width, "0");

/** The local month of an instant: "2026-11". */
export function monthKey(instant: Date, timeZone: string): string {
  const { year, month } = toLocal(instant, timeZone);
  return `${pad(year, 4)}-${pad(month, 2)}`;
}

/** The local quarter of an instant: "2026-Q4". */
export function quarterKey(instant: Date, timeZone: string): string {
  const { year, month } = toLocal(instant, timeZone);
  return `${pad(year, 4)}-Q${Math.ceil(month / 3)}`;
}

/** A month key as people write it: "2026-11" → "11/2026" (keys stay ISO in data and logs). */
export function monthLabel(month: string): string {
  const match = MONTH_KEY.exec(month);
  return match ? `${Number(match[2])}/${match[1]}` : month;
}

/**
 * A month as a person types it, "11/2026" (or "2026-11", as the data has it), to its
 * key "2026-11"; undefined for anything else, a 13th month included.
 */
export function parseMonth(text: string): string | undefined {
  const match = /^(?:(\d{1,2})\/(\d{4})|(\d{4})-(\d{2}))$/.exec(text.trim());
  if (!match) return undefined;
  const month = Number(match[1] ?? match[4]);
  const year = match[2] ?? match[3]!;
  return month >= 1 && month <= 12 ? `${year}-${String(month).padStart(2, "0")}` : undefined;
}

/** A quarter key's parts for a sentence: "2026-Q4" → { q: 4, year: "2026" }. */
export function quarterParts(quarter: string): { q: number; year: string } {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  return match ? { q: Number(match[2]), year: match[1]! } : { q: 0, year: quarter };
}

/** The first instant of a local month ("2026-11") in `timeZone`. */
export function monthStart(month: string, timeZone: string): Date {
  const [year, m] = month.split("-").map(Number);
  return toUtc({ year, month: m, day: 1, hour: 0, minute: 0 }, timeZone);
}

/** 28-31; month is 1-12. */
export function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 0)).getUTCDate();
}

const MONTH_KEY = /^(\d{4})-(\d{2})$/;

/** "2026-11" plus n months (n may be negative). Throws RangeError on a malformed key. */
export function addMonths(month: string, n: number): string {
  const match = MONTH_KEY.exec(month);
  const m = match ? Number(match[2]) : 0;
  if (!match || m < 1 || m > 12 || !Number.isInteger(n)) {
    throw new RangeError(`addMonths: bad month ${JSON.stringify(month)} or count ${n}`);
  }
  const index = Number(match[1]) * 12 + (m - 1) + n;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1, 2)}`;
}

// "19:30", "19h30", "19H30", "19h", "7:30", "19.30". A bare "19" is refused: people
// also type a day or a duration on their own, and "7" could mean 07:00 or 19:00.
const HM = /^(\d{1,2})(?:[:.hH](\d{2})|[hH])$/;

/** Parses a time of day as people type it; undefined for anything else (24:00 included). */
export function parseHm(text: string): { hour: number; minute: number } | undefined {
  const match = HM.exec(text.trim());
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}

/** Minutes since local midnight (0-1439) of an instant; seconds are dropped. */
export function minutesOfDay(instant: Date, timeZone: string): number {
  const { hour, minute } = toLocal(instant, timeZone);
  return hour * 60 + minute;
}
