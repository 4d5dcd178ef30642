// Callback data of the /assign buttons: small ids only. They are hints, never proof: the
// handler checks that the tapper oversees the cell and that the colleague is one they
// may assign, on the server, at every tap.
import { z } from "zod";
import { callbackCodec, id, oneOf } from "../../bot/callback-data.js";

/** a: the colleague's button in the list; r: confirm ending a follow; k: keep it. */
export const FOLLOW_ACTIONS = ["a", "r", "k"] as const;
export type FollowAction = (typeof FOLLOW_ACTIONS)[number];

/** fw:<a|r|k>:<cellId>:<personId> */
export const followButton = callbackCodec("fw", { action: oneOf(FOLLOW_ACTIONS), cellId: id, personId: id });

/** An organisation code as typed: letters, digits, _ . - (the import's rule). */
export const orgCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,40}$/);
