// What comes in while a secretary keeps the roster in chat (/members): the action
// buttons under a cell's list, the receiving cell's answer to a transfer, and the typed
// inputs of the guided conversation. Callback data is a hint, never proof: the handler
// checks on the server that the tapper manages the cell (or receives the transfer).
import { z } from "zod";
import { callbackCodec, flag, id, oneOf } from "../../bot/callback-data.js";
import { cleanText } from "../../domain/names.js";

/**
 * What a secretary may do from the list: add, probationary → official, exempt, end an
 * exemption, attach someone from elsewhere (sinh hoạt tạm thời), transfer out, and the
 * departures only a committee above may record (death, removal, expulsion).
 */
export const MEMBER_ACTIONS = ["add", "off", "ex", "unex", "att", "out", "dep"] as const;
export type MemberAction = (typeof MEMBER_ACTIONS)[number];

/** mbr:<action>:<cellId>: a button under a cell's list. */
export const memberActionButton = callbackCodec("mbr", { action: oneOf(MEMBER_ACTIONS), orgId: id });

/** mtr:<a|d>:<requestId>: the receiving cell accepts or declines a transfer. */
export const transferButton = callbackCodec("mtr", { accept: flag("a", "d"), requestId: id });

/** Prefixes of the conversation's own choices (askChoice): mbq:<question>:<value>. */
export const QUESTION_PREFIX = "mbq";

/** A person's full name as a secretary types it. */
export const memberNameSchema = z
  .string()
  .transform(cleanText)
  .pipe(z.string().min(2).max(100));

/** A reason or note kept with a change (an exemption's reason). */
export const changeNoteSchema = z
  .string()
  .transform(cleanText)
  .pipe(z.string().min(1).max(300));

/** An organisation's code as typed: the import's shape (letters, digits, _ . -). */
export const orgCodeSchema = z
  .string()
  .trim()
  .pipe(z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/));
