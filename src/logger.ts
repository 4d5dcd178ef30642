// One pino logger for the process; secrets never go into it.
import pino from "pino";

export type Logger = pino.Logger;

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ["token", "*.token", "config.BOT_TOKEN", "BOT_TOKEN"], censor: "[secret]" },
    },
    destination ?? pino.destination(2),
  );
}
