// Every feature, in the order its conversations, composers and tick jobs run.
import type { Feature } from "./feature.js";
import { onboardingFeature } from "./onboarding/feature.js";
import { meetingsFeature } from "./meetings/feature.js";
import { recordsFeature } from "./records/feature.js";
import { resolutionsFeature } from "./resolutions/feature.js";
import { digestFeature } from "./digest/feature.js";
import { followFeature } from "./follow/feature.js";
import { helpFeature } from "./help/feature.js";
import { settingsFeature } from "./settings/feature.js";
import { rosterFeature } from "./roster/feature.js";
import { broadcastsFeature } from "./broadcasts/feature.js";
import { privacyFeature } from "./privacy/feature.js";

export const FEATURES: readonly Feature[] = [
  onboardingFeature,
  meetingsFeature,
  recordsFeature,
  resolutionsFeature,
  digestFeature,
  followFeature,
  helpFeature,
  settingsFeature,
  rosterFeature,
  broadcastsFeature,
  privacyFeature,
];
