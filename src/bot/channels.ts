// Which messenger an id belongs to. The bot's features speak Telegram's shapes only;
// Zalo chats and users reach them through bridged ids (src/zalo/): 2^52 plus the row id
// of the Zalo chat. Telegram's user and chat ids have at most 52 significant bits, so a
// bridged id never collides with a Telegram one and still fits a JavaScript number.

export type Channel = "telegram" | "zalo";
export const CHANNELS: readonly Channel[] = ["telegram", "zalo"];

export const ZALO_ID_BASE = 2 ** 52;

/** The bridged id of a Zalo chat row; the Zalo bot itself is ZALO_ID_BASE. */
export function bridgedZaloId(rowId: number): number {
  return ZALO_ID_BASE + rowId;
}

/** The ZaloChat row id behind a bridged id, or undefined for a Telegram id. */
export function zaloRowId(id: number | string): number | undefined {
  const value = typeof id === "number" ? id : Number(id);
  return Number.isSafeInteger(value) && value > ZALO_ID_BASE ? value - ZALO_ID_BASE : undefined;
}

export function channelOf(id: number | string): Channel {
  const value = typeof id === "number" ? id : Number(id);
  return Number.isSafeInteger(value) && value >= ZALO_ID_BASE ? "zalo" : "telegram";
}

/** The Person column that holds an account id of this channel. */
export function accountColumn(channel: Channel): "telegramUserId" | "zaloUserId" {
  return channel === "zalo" ? "zaloUserId" : "telegramUserId";
}
