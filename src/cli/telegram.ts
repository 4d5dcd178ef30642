// Checking a token against the Bot API and explaining failures in plain words.
import { Api, GrammyError, HttpError } from "grammy";
import type { UserFromGetMe } from "grammy/types";

export type TokenCheck =
  | { ok: true; me: UserFromGetMe }
  | { ok: false; problem: "rejected" | "unreachable" | "other"; detail: string };

export async function checkToken(token: string, apiRoot: string): Promise<TokenCheck> {
  try {
    const me = await new Api(token, { apiRoot, timeoutSeconds: 15 }).getMe();
    return { ok: true, me };
  } catch (error) {
    if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
      return { ok: false, problem: "rejected", detail: `${error.error_code} ${error.description}` };
    }
    if (error instanceof HttpError) return { ok: false, problem: "unreachable", detail: String(error.error) };
    return { ok: false, problem: "other", detail: error instanceof Error ? error.message : String(error) };
  }
}

/** The locale key that explains each way a token check can fail. */
export const tokenProblemKey = { rejected: "cli-token-rejected", unreachable: "cli-api-unreachable", other: "cli-token-other" } as const;
