import { RENDER_VERSION, renderCommentBody } from "../../render/comment-markdown.ts";
import type { Phase } from "../pipeline.ts";

/** Transform: render the source to sanitized HTML and record the links found for later phases. */
export const renderBody: Phase = {
  name: "render-body",
  run(ctx) {
    const { html, links } = renderCommentBody(ctx.bodySource);
    return {
      bodyHtml: html,
      metadata: { links: links.map((l) => l.href), linkCount: links.length, renderVersion: RENDER_VERSION },
    };
  },
};
