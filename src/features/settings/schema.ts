// Callback data of /settings' buttons. Hints, never proof: a tap changes only the
// tapper's own person and their own exempt memberships, whatever ids it carries.
import { callbackCodec, flag, id, oneOf } from "../../bot/callback-data.js";
import { LOCALES } from "../../bot/i18n.js";
import { CHANNELS, type Channel } from "../../bot/channels.js";

/** lang:<locale>: the language the person reads the bot in. */
export const languageButton = callbackCodec("lang", { locale: oneOf(LOCALES) });

/** optin:<orgId>:<1|0>: an exempt member wants (1) or no longer wants (0) the cell's meeting notices. */
export const noticeOptInButton = callbackCodec("optin", { orgId: id, optIn: flag("1", "0") });

/** notify:<telegram|zalo>: the messenger notices go to, for a person linked on both. */
export const noticeChannelButton = callbackCodec("notify", { channel: oneOf(CHANNELS as readonly [Channel, ...Channel[]]) });
