// Callback data and inputs of the joining flow. Callback data is a hint, never proof:
// the handler checks the tapper's rights on the server.
import { z } from "zod";
import { INVITE_CODE_PATTERN } from "../../domain/invite.js";
import { callbackCodec, flag, id } from "../../bot/callback-data.js";

export const startPayloadSchema = z.string().regex(INVITE_CODE_PATTERN);

/** jr:<a|r>:<requestId>: the secretary approves or rejects a join request. */
export const joinRequestButton = callbackCodec("jr", { approve: flag("a", "r"), requestId: id });

export const typedNameSchema = z.string().min(2).max(100);
