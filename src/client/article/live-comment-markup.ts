// The markup of a comment the page's script shows (posted, or arriving live): the shared view with
// the options the server uses for the same comment, so both read alike (tests/unit/comment-view.test.ts).
import type { SafeHtml } from "../../render/html.ts";
import type { Messages } from "../i18n/messages.ts";
import { commentHtml } from "../views/comment-html.ts";
import type { PageComment } from "./page-comment.ts";

export function liveCommentMarkup(
  c: PageComment,
  o: { m: Messages; awaiting: boolean; canReply: boolean; pagePath: string },
): SafeHtml {
  return commentHtml(c, {
    m: o.m,
    replyHref: o.canReply ? `${o.pagePath}?replytocom=${c.id}#respond` : null,
    awaiting: o.awaiting,
    ownAttrs: false,
  });
}
