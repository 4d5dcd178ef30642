// `chibo start` on Zalo: checks ZALO_BOT_TOKEN, builds the Zalo channel (the same bot,
// src/zalo/channel.ts) and takes its updates by long polling or, with
// ZALO_WEBHOOK_SECRET, by webhook on the HTTP server.
import type { Api } from "grammy";
import type { BotDeps } from "../bot/context.js";
import {
  checkZaloToken,
  createZaloChannel,
  startZaloUpdates,
  type ZaloChannel,
  type ZaloUpdates,
  type ZaloWebhook,
} from "../zalo/channel.js";
import type { ZaloBotInfo } from "../zalo/api.js";
import type { FileLinks } from "../zalo/outgoing.js";
import { publicLinks, zaloWebhookConfig, type Config } from "../config.js";
import type { CliContext } from "./io.js";

/** The Zalo bot's details, or undefined after telling the operator what is wrong. */
export async function checkZalo(cli: CliContext, token: string): Promise<ZaloBotInfo | undefined> {
  const { config } = cli;
  const check = await checkZaloToken(token, config.ZALO_API_ROOT);
  if (check.ok) return check.info;
  const key = check.problem === "rejected" ? "zalo-cli-token-rejected" : "zalo-cli-unreachable";
  cli.io.err(cli.say(key, { detail: check.detail, root: config.ZALO_API_ROOT }));
  return undefined;
}

/** Files go to Zalo as links to the HTTP server: it must run and be reachable. */
export function fileLinks(config: Config): FileLinks | undefined {
  const links = publicLinks(config);
  return links && { publicUrl: links.base, secret: links.secret };
}

export interface PreparedZalo {
  channel: ZaloChannel;
  /** For the HTTP server, when Zalo posts updates to it (at `url`). */
  webhook?: ZaloWebhook & { url: string };
}

export function prepareZalo(cli: CliContext, deps: BotDeps, zalo: { token: string; info: ZaloBotInfo }, telegram: () => Api | undefined): PreparedZalo {
  const { config } = cli;
  const files = fileLinks(config);
  if (!files) cli.io.err(cli.say("zalo-cli-no-files"));
  const channel = createZaloChannel({
    token: zalo.token,
    apiRoot: config.ZALO_API_ROOT,
    info: zalo.info,
    deps,
    concurrency: config.BOT_CONCURRENCY,
    files,
    telegram,
  });
  const settings = zaloWebhookConfig(config);
  const webhook = settings ? { ...settings, receiver: channel.receiver } : undefined;
  return { channel, webhook };
}

/** Starts Zalo's updates once the HTTP server listens (the webhook's URL must answer). */
export async function startZalo(cli: CliContext, prepared: PreparedZalo, logger: BotDeps["logger"]): Promise<ZaloUpdates> {
  const name = prepared.channel.created.bot.botInfo.username;
  if (prepared.webhook) {
    const { url } = prepared.webhook;
    const updates = await startZaloUpdates(prepared.channel, { kind: "webhook", url, secret: prepared.webhook.secret }, logger);
    cli.io.out(cli.say("zalo-cli-started-webhook", { name, url }));
    return updates;
  }
  const updates = await startZaloUpdates(prepared.channel, { kind: "polling" }, logger);
  cli.io.out(cli.say("zalo-cli-started-polling", { name }));
  return updates;
}
