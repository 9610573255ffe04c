// Reader transports beyond posting: report a comment, and edit or delete one's own comment with the
// edit token the create answer carried.
import crypto from "node:crypto";
import type { Request, Response } from "express";
import { z } from "zod";
import type { Deps } from "../deps.ts";
import { deleteOwnComment } from "../comments/delete-own-comment.ts";
import { editComment } from "../comments/edit-comment.ts";
import { REPORT_REASONS, reportComment, reporterKeyOf } from "../comments/report-comment.ts";
import { hasVisibleText } from "../domain/names.ts";
import { addressHashOf } from "./client-address.ts";
import { ipHashOf } from "./middleware.ts";
import { ZCommentIdParams } from "./moderation-schemas.ts";
import { validate } from "./validate.ts";
import { readCookie } from "../domain/cookies.ts";

const editToken = z.string().min(16, "This browser cannot edit that comment.").max(128);
const ZEdit = z.object({
  body: z.string().max(100_000).refine(hasVisibleText, "Please write a comment."),
  editToken: editToken.optional(),
});
const ZDelete = z.object({ editToken: editToken.optional() });
const ZReport = z.object({
  reason: z.enum(REPORT_REASONS),
  note: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string().trim().max(500).optional(),
  ),
});

/** A random id for this browser, so readers behind one address can each report (their reports count once). */
const READER_COOKIE = "parley_reader";
const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

/** The reader token the browser sent, if any; a browser without one is given one for next time. A
 * token minted now does not count for this request: a cookieless client would mint one per request. */
function readerToken(req: Request, res: Response): { token: string; sent: boolean } {
  const existing = readCookie(req, READER_COOKIE);
  if (existing && /^[\w-]{16,64}$/.test(existing)) return { token: existing, sent: true };
  const token = crypto.randomBytes(18).toString("base64url");
  res.cookie(READER_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: req.secure,
    maxAge: ONE_YEAR_MS,
    path: "/",
  });
  return { token, sent: false };
}

export function readerActions(deps: Deps) {
  return {
    async report(req: Request, res: Response) {
      const { id } = validate(ZCommentIdParams, req.params);
      const input = validate(ZReport, req.body ?? {});
      const addressHash = addressHashOf(deps, req);
      const { token, sent } = readerToken(req, res);
      const reporterKey = reporterKeyOf(addressHash, token);
      await reportComment(deps, { ...input, commentId: id, reporterKey, addressHash, cookieless: !sent });
      res.status(201).json({ reported: true });
    },

    async edit(req: Request, res: Response) {
      const { id } = validate(ZCommentIdParams, req.params);
      const input = validate(ZEdit, req.body ?? {});
      const { comment } = await editComment(deps, {
        ...input,
        commentId: id,
        ipHash: ipHashOf(deps, req),
        readerAccountId: req.reader?.accountId ?? null,
      });
      res.status(comment.status === "published" ? 200 : 202).json({ comment });
    },

    async remove(req: Request, res: Response) {
      const { id } = validate(ZCommentIdParams, req.params);
      const { editToken } = validate(ZDelete, req.body ?? {});
      const readerAccountId = req.reader?.accountId ?? null;
      res.json({ comment: await deleteOwnComment(deps, { commentId: id, editToken, readerAccountId }) });
    },
  };
}
