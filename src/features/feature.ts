// What a feature offers the rest of chibo, in one object. The bot (bot/create-bot.ts),
// the scheduler tick (jobs/tick.ts), the HTTP server (server/http.ts) and the command
// menu are built from the list in features/index.ts, the CLI's dispatch (cli.ts) from
// the list in features/commands.ts, never from a feature's internals: adding a feature
// is a folder and a line in each list.
import type { IncomingHttpHeaders } from "node:http";
import type { Composer, Middleware } from "grammy";
import type { BotContext } from "../bot/context.js";
import type { CliContext } from "../cli/io.js";
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";

/** What a route gives back; the server writes it. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export interface HttpRoute {
  /** Paths starting with this are offered to `serve`. */
  prefix: string;
  /**
   * The answer, or undefined when the path is not one of its (a bad signature, an unknown
   * id): 404. `botTokens` are the deployment's Telegram bots' (a Mini App's launch data
   * is signed with one of them).
   */
  serve(
    path: string,
    deps: { db: Db; secret: string; now: () => Date; botTokens?: string[] },
    request: { query: URLSearchParams; headers: IncomingHttpHeaders },
  ): Promise<HttpAnswer | undefined>;
}

/** What a tick knows of the deployment besides the database: links to chibo's HTTP server, when people can reach it (config publicLinks). */
export interface TickContext {
  links?: { base: string; secret: string };
}

export type CliCommand = (cli: CliContext, args: string[]) => Promise<number>;

export interface Feature {
  /** The feature's folder: features/<name>/. */
  name: string;
  /**
   * Taps that never start a conversation, handled before conversation state is loaded:
   * the busiest updates (a member answering a notice) skip that read.
   */
  taps?: Composer<BotContext>;
  /** Its guided conversations (createConversation middleware), registered in this order. */
  conversations?: () => Middleware<BotContext>[];
  /** Its commands, buttons and messages, in the list's order. */
  composer?: Composer<BotContext>;
  /** Last in line, after every feature's composer: what nothing else understood. */
  fallback?: Composer<BotContext>;
  /** Commands in Telegram's menu, in order; each is described by the locale key cmd-<command>. */
  menu?: string[];
  /** What it does each scheduler tick; the counts it returns go into the tick's log event. */
  tick?: (db: Db, now: Date, logger: Logger, context?: TickContext) => Promise<Record<string, number>>;
  /** HTTP GET routes it serves (signed links, feeds). */
  routes?: HttpRoute[];
}

/**
 * A feature's CLI commands, by name, each loaded when it runs: they live in
 * features/<name>/commands.ts (listed in features/commands.ts), not in the Feature
 * object, whose chat handlers would load grammY, the charts and the documents into
 * every `chibo import`.
 */
export type LazyCommands = Record<string, () => Promise<CliCommand>>;
