// A person's data on request: `chibo person export|forget`.
import type { Feature } from "../feature.js";
import { personCommand } from "./cli.js";

export const privacyFeature: Feature = {
  name: "privacy",
  cli: { person: personCommand },
};
