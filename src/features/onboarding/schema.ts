// Callback data and inputs of the joining flow. Callback data is a hint, never proof:
// the handler checks the tapper's rights on the server.
import { z } from "zod";
import { INVITE_CODE_PATTERN } from "../../domain/invite.js";

export const startPayloadSchema = z.string().regex(INVITE_CODE_PATTERN);

export const requestDecisionSchema = z
  .string()
  .max(64)
  .regex(/^jr:([ar]):(\d{1,9})$/)
  .transform((data) => {
    const [, action, id] = data.split(":");
    return { decision: action === "a" ? ("approve" as const) : ("reject" as const), requestId: Number(id) };
  });

export const requestCallback = (decision: "approve" | "reject", requestId: number) =>
  `jr:${decision === "approve" ? "a" : "r"}:${requestId}`;

export const typedNameSchema = z.string().min(2).max(100);
