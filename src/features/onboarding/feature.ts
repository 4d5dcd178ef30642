// Joining: invites, /start, the join conversation, join requests and /requests.
import type { Feature } from "../feature.js";
import { onboarding, onboardingConversations } from "./bot.js";
import { inviteCommand } from "./cli.js";

export const onboardingFeature: Feature = {
  name: "onboarding",
  conversations: onboardingConversations,
  composer: onboarding,
  menu: ["start", "requests"],
  cli: { invite: inviteCommand },
};
