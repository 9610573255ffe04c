// Mail transports: a moderator's own alert setting (console), and later the readers' confirmation and
// unsubscribe pages. Thin: each turns the request into plain values and calls a use case.
import type { Request, Response } from "express";
import { z } from "zod";
import type { Deps } from "../deps.ts";
import { ALERT_MODES, readAlertMode, writeAlertMode, type AlertMode } from "../store/moderator-alerts.ts";
import { validate } from "./validate.ts";

const ZAlertMode = z.object({ alertMode: z.enum(ALERT_MODES as [AlertMode, ...AlertMode[]]) });

export function mailHandlers(deps: Deps) {
  return {
    async myAlerts(req: Request, res: Response) {
      res.json({ alertMode: await readAlertMode(deps.db, req.moderator!.id) });
    },

    async setMyAlerts(req: Request, res: Response) {
      const { alertMode } = validate(ZAlertMode, req.body ?? {});
      await writeAlertMode(deps.db, req.moderator!.id, alertMode, deps.clock.now());
      res.json({ alertMode });
    },
  };
}
