// Callback data of the /assign buttons: small ids only. They are hints, never proof: the
// handler checks that the tapper oversees the cell and that the colleague is one they
// may assign, on the server, at every tap.
import { z } from "zod";

const id = z.number().int().positive().max(2_000_000_000);

/** a: the colleague's button in the list; r: confirm ending a follow; k: keep it. */
export type FollowAction = "a" | "r" | "k";

/** fw:<a|r|k>:<cellId>:<personId> */
export const followActionSchema = z
  .string()
  .max(64)
  .regex(/^fw:[ark]:\d{1,10}:\d{1,10}$/)
  .transform((data) => {
    const [, action, cellId, personId] = data.split(":");
    return { action, cellId: Number(cellId), personId: Number(personId) };
  })
  .pipe(z.object({ action: z.enum(["a", "r", "k"]), cellId: id, personId: id }));

export const followAction = (action: FollowAction, cellId: number, personId: number) => `fw:${action}:${cellId}:${personId}`;

/** An organisation code as typed: letters, digits, _ . - (the import's rule). */
export const orgCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,40}$/);
