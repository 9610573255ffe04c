// Thin transports for live-update catch-up: GET …/events?since=<seq>.
import type { Request, Response } from "express";
import type { Deps } from "../deps.ts";
import { listModeratorEvents, listThreadEvents } from "../realtime/list-realtime-events.ts";
import { ZEventsQuery, ZThreadParams } from "./schemas.ts";
import { validate } from "./validate.ts";

export function realtimeHandlers(deps: Deps) {
  return {
    async threadEvents(req: Request, res: Response) {
      const { threadId } = validate(ZThreadParams, req.params);
      const { since } = validate(ZEventsQuery, req.query);
      res.set("Cache-Control", "no-store").json(await listThreadEvents(deps, threadId, since));
    },

    async moderatorEvents(req: Request, res: Response) {
      const { since } = validate(ZEventsQuery, req.query);
      res.set("Cache-Control", "no-store").json(await listModeratorEvents(deps, since));
    },
  };
}
