// Upper-committee members who follow a cell: /assign, /following.
import type { Feature } from "../feature.js";
import { follow, followConversations } from "./bot.js";

export const followFeature: Feature = {
  name: "follow",
  conversations: followConversations,
  composer: follow,
  menu: ["assign", "following"],
};
