// Committees: the weekly digest of a subtree, /report, and the month's escalations.
import type { Feature } from "../feature.js";
import { report } from "./bot.js";
import { runDigestTick } from "./planner.js";

export const digestFeature: Feature = {
  name: "digest",
  composer: report,
  menu: ["report"],
  tick: async (db, now, logger) => ({ ...(await runDigestTick(db, now, logger)) }),
};
