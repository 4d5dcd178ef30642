// Local rules as settings, inherited down the organisation tree: a province may set
// quiet hours for everyone below it, a cell may change its own reminders. Each
// organisation stores a JSON object of the keys it overrides. A bad value anywhere is
// skipped key by key, so one typo upstream cannot stop reminders for a whole province.
import { z } from "zod";
import { idsOnPath } from "./tree.js";
import { parseHm } from "./zoned.js";

export interface OrgSettings {
  /** Minutes before the start at which reminders go out; the smallest also reaches those who answered. */
  reminderOffsetsMinutes: number[];
  /** Local times "HH:MM"; start inclusive, end exclusive; may cross midnight; start = end means none. */
  quietHours: { start: string; end: string };
  /** Days before the usual date at which the bot asks the secretary to schedule. */
  proposalLeadDays: number;
  /** Local time "HH:MM" on the evening before a meeting for the secretary's summary. */
  summaryTime: string;
  /**
   * The attendance rate must be above this share of expected members (0-1): "trên 85%"
   * (Hướng dẫn 12-HD/BTCTW), so exactly the target does not meet it; everyone present
   * always does (domain/attendance.ts, meetsTarget).
   */
  attendanceTarget: number;
  /** Minimum length of a meeting (Hướng dẫn 42-HD/BTCTW: 90 minutes). */
  minMinutes: number;
  /** Minimum length when the thematic and the regular meeting are held together (120). */
  combinedMinMinutes: number;
  /** Chat carries notices, not documents, unless a cell allows uploads. */
  allowFileUploads: boolean;
  /** How often a group's attendance tally message is edited. */
  groupTallyEverySeconds: number;
  /** The year's thematic orientation set by an upper committee: topics cells choose from. */
  thematicTopics: string[];
  /**
   * Whether a regular meeting held on the 1st of a month may count for the month before
   * (a local allowance for cells that meet on the evening of the 1st). Off by default:
   * the Charter asks for a meeting in every month.
   */
  allowFirstOfNextMonth: boolean;
  /** The meeting score sheet (a local scheme; the common split is 15/20/45/20 of 100). */
  scoringChecklist: ScoringItem[];
  /** Grade thresholds as percentages of the sheet's maximum (Tốt ≥ 90, Khá ≥ 70, Trung bình ≥ 50). */
  gradeThresholds: GradeThresholds;
  /** The weekday committees get their weekly digest, ISO numbering: 1 = Monday … 7 = Sunday. */
  digestWeekday: number;
  /** Local time "HH:MM" of the weekly digest. */
  digestTime: string;
  /** Day of the month from which a cell with no meeting scheduled for the month nudges its secretary. */
  escalationDay: number;
  /**
   * Days before a probationary member's twelve months end (domain/probation.ts) at which
   * the cell's secretary and deputies are reminded to consider the move to official.
   */
  probationReminderDays: number;
  /** Days before a task's due day on which its assignees who have not finished are reminded. */
  taskReminderDays: number;
}

export interface ScoringItem {
  /** Stable identifier used in forms and stored scores. */
  key: string;
  /** What the secretary sees. */
  label: string;
  /** The most this item can give; a positive whole number. */
  points: number;
  /** Set when the product computes the item from the record instead of asking for it. */
  computed?: "attendance";
}

export interface GradeThresholds {
  good: number;
  fair: number;
  average: number;
}

export const DEFAULT_SETTINGS: OrgSettings = deepFreeze({
  reminderOffsetsMinutes: [4320, 1440, 120],
  quietHours: { start: "21:30", end: "06:30" },
  proposalLeadDays: 10,
  summaryTime: "18:00",
  attendanceTarget: 0.85,
  minMinutes: 90,
  combinedMinMinutes: 120,
  allowFileUploads: false,
  groupTallyEverySeconds: 5,
  thematicTopics: [],
  allowFirstOfNextMonth: false,
  scoringChecklist: [
    { key: "preparation", label: "Chuẩn bị", points: 15 },
    { key: "attendance", label: "Tham dự", points: 20, computed: "attendance" },
    { key: "conduct", label: "Tiến hành", points: 45 },
    { key: "closing", label: "Kết thúc", points: 20 },
  ],
  gradeThresholds: { good: 90, fair: 70, average: 50 },
  digestWeekday: 1,
  digestTime: "07:30",
  escalationDay: 20,
  probationReminderDays: 30,
  taskReminderDays: 2,
});

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === "object" && child !== null) deepFreeze(child);
  }
  return Object.freeze(value);
}

/** A time of day as parseHm reads it, stored as "HH:MM" ("7h" → "07:00"). */
const timeOfDay = z
  .string()
  .transform((text, ctx) => {
    const hm = parseHm(text);
    if (!hm) {
      ctx.addIssue({ code: "custom", message: "not a time of day" });
      return z.NEVER;
    }
    return `${String(hm.hour).padStart(2, "0")}:${String(hm.minute).padStart(2, "0")}`;
  });

const SIXTY_DAYS_IN_MINUTES = 60 * 24 * 60;

// Keys end up in stored scores and in button data (Telegram allows 64 bytes), so they
// are short identifiers rather than free text.
const scoringItem = z.object({
  key: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, "key: a letter, then up to 31 letters, digits, _ or -"),
  label: z.string().trim().min(1).max(100),
  points: z.number().int().min(1).max(1000),
  computed: z.literal("attendance").optional(),
});

const scoringChecklist = z
  .array(scoringItem)
  .min(1)
  .max(20)
  .superRefine((items, ctx) => {
    const keys = items.map((item) => item.key);
    if (new Set(keys).size !== keys.length) ctx.addIssue({ code: "custom", message: "keys must be unique" });
    if (items.filter((item) => item.computed !== undefined).length > 1) {
      ctx.addIssue({ code: "custom", message: "at most one computed item" });
    }
  })
  // An absent `computed` is left out rather than stored as undefined.
  .transform((items) => items.map(({ computed, ...rest }) => (computed === undefined ? rest : { ...rest, computed })));

const percentage = z.number().min(0).max(100);

// Equal thresholds are allowed (a cell without a "Khá" grade sets fair = good); crossed ones are not.
const gradeThresholds = z
  .object({ good: percentage, fair: percentage, average: percentage })
  .refine((t) => t.good >= t.fair && t.fair >= t.average, { message: "need good ≥ fair ≥ average" });

// One schema per key, so an invalid key is dropped without losing its valid neighbours.
const FIELDS: { [K in keyof OrgSettings]: z.ZodType<OrgSettings[K], unknown> } = {
  // Offsets are kept largest first and without repeats: each gives a reminder key "r<offset>".
  reminderOffsetsMinutes: z
    .array(z.number().int().min(1).max(SIXTY_DAYS_IN_MINUTES))
    .max(10)
    .transform((offsets) => [...new Set(offsets)].sort((a, b) => b - a)),
  quietHours: z.object({ start: timeOfDay, end: timeOfDay }),
  // 0 would never propose: the meeting must still be ahead when the window opens.
  proposalLeadDays: z.number().int().min(1).max(60),
  summaryTime: timeOfDay,
  attendanceTarget: z.number().min(0).max(1),
  minMinutes: z.number().int().min(0).max(600),
  combinedMinMinutes: z.number().int().min(0).max(600),
  allowFileUploads: z.boolean(),
  groupTallyEverySeconds: z.number().int().min(1).max(3600),
  thematicTopics: z.array(z.string().trim().min(1).max(300)).max(50),
  allowFirstOfNextMonth: z.boolean(),
  scoringChecklist,
  gradeThresholds,
  digestWeekday: z.number().int().min(1).max(7),
  digestTime: timeOfDay,
  // 28 at most: every month has that day.
  escalationDay: z.number().int().min(1).max(28),
  // Up to half the probation ahead (the planner reads members admitted that long ago).
  probationReminderDays: z.number().int().min(0).max(180),
  // 0 reminds on the due day itself; a month ahead at most.
  taskReminderDays: z.number().int().min(0).max(30),
};

const KEYS = Object.keys(FIELDS) as (keyof OrgSettings)[];

function copyOf(settings: OrgSettings): OrgSettings {
  return {
    ...settings,
    reminderOffsetsMinutes: [...settings.reminderOffsetsMinutes],
    quietHours: { ...settings.quietHours },
    thematicTopics: [...settings.thematicTopics],
    scoringChecklist: settings.scoringChecklist.map((item) => ({ ...item })),
    gradeThresholds: { ...settings.gradeThresholds },
  };
}

export const SETTING_KEYS: readonly (keyof OrgSettings)[] = Object.keys(FIELDS) as (keyof OrgSettings)[];

/** Checks one value for one key, as an operator sets it: the stored form, or why not. */
export function checkSetting(key: string, raw: unknown): { ok: true; value: unknown } | { ok: false; error: string } {
  if (!(SETTING_KEYS as readonly string[]).includes(key)) return { ok: false, error: `unknown setting (known: ${SETTING_KEYS.join(", ")})` };
  const result = FIELDS[key as keyof OrgSettings].safeParse(raw);
  return result.success ? { ok: true, value: result.data } : { ok: false, error: result.error.issues.map((i) => i.message).join("; ") };
}

function apply<K extends keyof OrgSettings>(target: OrgSettings, key: K, raw: unknown): void {
  const result = FIELDS[key].safeParse(raw);
  if (result.success) target[key] = result.data;
}

/**
 * The effective settings of an organisation. `chain` holds the stored JSON `settings`
 * of its ancestors root first, then its own; later entries win key by key. Text that is
 * not a JSON object, unknown keys and invalid values are ignored: this never throws.
 * The result is a fresh object the caller may change.
 */
export function resolveSettings(chain: string[]): OrgSettings {
  const settings = copyOf(DEFAULT_SETTINGS);
  for (const text of chain) {
    if (typeof text !== "string") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      continue;
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) continue;
    const partial = parsed as Record<string, unknown>;
    for (const key of KEYS) {
      if (Object.hasOwn(partial, key)) apply(settings, key, partial[key]);
    }
  }
  return settings;
}

/**
 * The settings in force at each path ("/1/4/9/") of a tree whose stored JSON is `stored`
 * (by organisation id; missing ones store nothing). Paths whose chains hold the same
 * settings share one object, which planners use as a memo key; each path is resolved once.
 */
export function settingsAlongPaths(stored: Map<number, string>): (path: string) => OrgSettings {
  const byChain = new Map<string, OrgSettings>();
  const byPath = new Map<string, OrgSettings>();
  return (path) => {
    let settings = byPath.get(path);
    if (settings) return settings;
    const chain = idsOnPath(path).map((id) => stored.get(id) ?? "{}");
    const key = chain.join("\u0000");
    settings = byChain.get(key);
    if (!settings) byChain.set(key, (settings = resolveSettings(chain)));
    byPath.set(path, settings);
    return settings;
  };
}
