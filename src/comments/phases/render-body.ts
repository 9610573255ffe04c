import { RENDER_VERSION } from "../../render/comment-markdown.ts";
import { renderCommentText } from "../render-comment-text.ts";
import type { Phase } from "../pipeline.ts";

/** Transform: render the source to sanitized HTML and record the links found for later phases. */
export const renderBody: Phase = {
  name: "render-body",
  run(ctx) {
    const { html, links } = renderCommentText(ctx.bodySource);
    return {
      bodyHtml: html,
      metadata: { links: links.map((l) => l.href), linkCount: links.length, renderVersion: RENDER_VERSION },
    };
  },
};
