// Joining: invites, /start, the join conversation, join requests and /requests.
import type { Feature } from "../feature.js";
import { onboarding, onboardingConversations } from "./bot.js";

export const onboardingFeature: Feature = {
  name: "onboarding",
  conversations: onboardingConversations,
  composer: onboarding,
  menu: ["start", "requests"],
};
