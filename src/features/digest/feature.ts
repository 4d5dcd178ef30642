// Committees: the weekly digest of a subtree, /report, the month's escalations, and the
// dashboard (dashboard/: a Telegram Mini App, or a signed link, on chibo's HTTP server).
import type { Feature } from "../feature.js";
import { report } from "./bot.js";
import { runDigestTick } from "./planner.js";
import { serveDashboard } from "./dashboard/route.js";

export const digestFeature: Feature = {
  name: "digest",
  composer: report,
  menu: ["report"],
  tick: async (db, now, logger, context) => ({ ...(await runDigestTick(db, now, logger, context)) }),
  routes: [{ prefix: "/app", serve: serveDashboard }],
};
