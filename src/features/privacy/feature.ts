// A person's data on request: `chibo person export|forget`.
import type { Feature } from "../feature.js";

export const privacyFeature: Feature = {
  name: "privacy",
};
