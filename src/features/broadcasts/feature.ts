// Notices, documents and the year's thematic orientation sent down a subtree.
import type { Feature } from "../feature.js";
import { broadcastConversations, broadcasts } from "./bot.js";

export const broadcastsFeature: Feature = {
  name: "broadcasts",
  conversations: broadcastConversations,
  composer: broadcasts,
  menu: ["broadcast"],
};
