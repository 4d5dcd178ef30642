// What the Zalo bridge remembers, in the database so a restart or a second process
// carries on: which Zalo chat a bridged id stands for, the numbered options a reply may
// answer, the texts of recent messages (an edit that appends shows only what is new),
// messages already received, and files shared as links.
import type { Db } from "../db/client.js";
import { bridgedZaloId } from "../bot/channels.js";
import type { Choice } from "./choices.js";

export interface PendingChoices {
  /** The Telegram-shaped id of the message that showed the options. */
  messageId: number;
  /** That message's text without the list (what a handler reads as callbackQuery.message.text). */
  text: string;
  kind: "inline" | "reply";
  choices: Choice[];
}

export interface ChatState {
  /** The options of the bot's latest message that had any. */
  pending?: PendingChoices;
  /** The bot's latest message (the pending options are current when they are its own). */
  lastBotMessageId?: number;
  /** Recent messages' texts, newest last. */
  recent: { id: number; text: string }[];
}

export interface ZaloChatRef {
  rowId: number;
  /** What the bot's features see as chat.id and from.id. */
  bridgedId: number;
  zaloChatId: string;
}

const RECENT = 20;
const KEEP_INBOUND_MS = 86_400_000;
const PRUNE_EVERY = 500;

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}

export class ZaloStore {
  /** Bridged id ↔ Zalo chat id never changes once made: cached for the process. */
  private readonly zaloIds = new Map<number, string>();
  /** One read-modify-write of a chat's state at a time in this process. */
  private readonly chains = new Map<number, Promise<unknown>>();
  private sincePrune = 0;

  constructor(readonly db: Db) {}

  /** The chat's row (made on first contact), with the sender's display name kept fresh. */
  async chatOf(zaloChatId: string, displayName: string, now: Date): Promise<ZaloChatRef> {
    const row = await this.db.zaloChat.upsert({
      where: { zaloChatId },
      create: { zaloChatId, displayName, createdAt: now },
      update: {},
      select: { id: true, displayName: true },
    });
    if (displayName && row.displayName !== displayName) {
      await this.db.zaloChat.update({ where: { id: row.id }, data: { displayName } });
    }
    this.zaloIds.set(row.id, zaloChatId);
    return { rowId: row.id, bridgedId: bridgedZaloId(row.id), zaloChatId };
  }

  async zaloChatIdOf(rowId: number): Promise<string | undefined> {
    const cached = this.zaloIds.get(rowId);
    if (cached) return cached;
    const row = await this.db.zaloChat.findUnique({ where: { id: rowId }, select: { zaloChatId: true } });
    if (row) this.zaloIds.set(rowId, row.zaloChatId);
    return row?.zaloChatId;
  }

  async state(rowId: number): Promise<ChatState> {
    const row = await this.db.zaloChat.findUnique({ where: { id: rowId }, select: { state: true } });
    return parseState(row?.state ?? null);
  }

  /**
   * Hands out the chat's next message id and updates its state, atomically for this
   * process (the sender and the bot may write to one chat at once).
   */
  async nextMessage(rowId: number, change: (state: ChatState, messageId: number) => ChatState): Promise<number> {
    return this.serial(rowId, async () => {
      const row = await this.db.zaloChat.update({
        where: { id: rowId },
        data: { lastMessageId: { increment: 1 } },
        select: { lastMessageId: true, state: true },
      });
      const next = change(parseState(row.state), row.lastMessageId);
      await this.db.zaloChat.update({ where: { id: rowId }, data: { state: JSON.stringify(trim(next)) } });
      return row.lastMessageId;
    });
  }

  /** Changes the state without a new message (options answered, edited away). */
  async update(rowId: number, change: (state: ChatState) => ChatState): Promise<void> {
    await this.serial(rowId, async () => {
      const current = await this.state(rowId);
      await this.db.zaloChat.update({ where: { id: rowId }, data: { state: JSON.stringify(trim(change(current))) } });
    });
  }

  /** Whether a guided conversation waits for this chat's next message. */
  async conversationActive(bridgedId: number, now: Date): Promise<boolean> {
    const row = await this.db.conversationState.findUnique({ where: { key: String(bridgedId) }, select: { expiresAt: true } });
    return row !== null && row.expiresAt.getTime() > now.getTime();
  }

  /**
   * Records a received message by Zalo's id. Returns the Telegram-shaped update_id, or
   * undefined when that message was received before (a redelivery).
   */
  async receive(messageId: string, now: Date): Promise<number | undefined> {
    try {
      const row = await this.db.zaloInbound.create({ data: { messageId, receivedAt: now }, select: { id: true } });
      if (++this.sincePrune >= PRUNE_EVERY) {
        this.sincePrune = 0;
        await this.db.zaloInbound.deleteMany({ where: { receivedAt: { lt: new Date(now.getTime() - KEEP_INBOUND_MS) } } });
      }
      return row.id;
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  /** Keeps a file for a link; expired files are deleted on the way. */
  async shareFile(file: { filename: string; contentType: string; content: Uint8Array; expiresAt: Date }, now: Date): Promise<number> {
    await this.db.sharedFile.deleteMany({ where: { expiresAt: { lte: now } } });
    const row = await this.db.sharedFile.create({
      data: { filename: file.filename, contentType: file.contentType, content: Buffer.from(file.content), expiresAt: file.expiresAt, createdAt: now },
      select: { id: true },
    });
    return row.id;
  }

  private serial<T>(rowId: number, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(rowId) ?? Promise.resolve();
    const run = previous.then(work, work);
    // The chain only orders the next run on this row: the caller awaits `run` and sees its error.
    const settled = run.catch(() => undefined);
    this.chains.set(rowId, settled);
    void settled.then(() => {
      if (this.chains.get(rowId) === settled) this.chains.delete(rowId);
    });
    return run;
  }
}

function parseState(text: string | null): ChatState {
  if (!text) return { recent: [] };
  try {
    const parsed = JSON.parse(text) as Partial<ChatState>;
    return { pending: parsed.pending, lastBotMessageId: parsed.lastBotMessageId, recent: Array.isArray(parsed.recent) ? parsed.recent : [] };
  } catch {
    return { recent: [] };
  }
}

function trim(state: ChatState): ChatState {
  return { ...state, recent: state.recent.slice(-RECENT) };
}

/** A shared file, if it exists and has not expired. */
export async function sharedFile(db: Db, id: number, now: Date) {
  const file = await db.sharedFile.findUnique({ where: { id } });
  return file && file.expiresAt.getTime() > now.getTime() ? file : undefined;
}
