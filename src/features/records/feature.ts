// After the meeting: the attendance list, rule checks, score, minutes, /me, dues, the
// register export, and the removal-rule flags.
import type { Feature } from "../feature.js";
import { recordConversations, records } from "./bot.js";
import { runRecordsTick } from "./planner.js";
import { minutesDataOf } from "./minutes-data.js";
import { buildMinutesDocx } from "./files/minutes.js";
import { verifyMinutesPath } from "../../server/signed-links.js";
import { auditRead } from "../../db/audit.js";
import { translate } from "../../bot/i18n.js";

export const recordsFeature: Feature = {
  name: "records",
  conversations: recordConversations,
  composer: records,
  menu: ["me", "attendance", "export"],
  tick: async (db, now) => {
    const { offers, nudges } = await runRecordsTick(db, now);
    return { recordOffers: offers, recordNudges: nudges };
  },
  routes: [
    {
      // A signed, expiring link to a meeting's draft minutes (cells whose documents stay out of the chat).
      prefix: "/files/minutes/",
      async serve(path, deps) {
        const meetingId = verifyMinutesPath(deps.secret, path, deps.now());
        const data = meetingId === undefined ? undefined : await minutesDataOf(deps.db, meetingId, "vi", deps.now());
        if (!data) return undefined;
        await auditRead(deps.db, "link", "minutes", { meetingId }, deps.now());
        return {
          status: 200,
          headers: {
            "content-type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "content-disposition": `attachment; filename="bien-ban-${meetingId}.docx"`,
            "cache-control": "private, no-store",
          },
          body: await buildMinutesDocx(data, "vi", translate),
        };
      },
    },
  ],
};
