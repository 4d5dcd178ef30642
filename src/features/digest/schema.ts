// Callback data of /report's buttons. A hint, never proof: the handler checks on the
// server that the tapper may read the organisation's report.
import { callbackCodec, id, oneOf } from "../../bot/callback-data.js";

/** rp:<v|c|x>:<orgId>: an organisation's report as text (v, edited in place), its chart (c) or its file (x, xlsx). */
export const reportButton = callbackCodec("rp", { view: oneOf(["v", "c", "x"]), orgId: id });
