// The dashboard: a Telegram Mini App (and a signed link elsewhere) showing a committee
// its subtree at a glance, served on chibo's HTTP server (route.ts). /report's button
// that opens it is the digest feature's (features/digest/bot.ts).
import type { Feature } from "../feature.js";
import { serveDashboard } from "./route.js";

export const dashboardFeature: Feature = {
  name: "dashboard",
  routes: [{ prefix: "/app", serve: serveDashboard }],
};
