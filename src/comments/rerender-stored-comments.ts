// Start-up migration of stored comment HTML: a comment rendered by an older renderer (its
// metadata.renderVersion is below RENDER_VERSION) is rendered again from its source, its stamp raised.
// Runs before the server listens, so no page or cache ever mixes the two renderers. Idempotent: a
// second start finds nothing to do. What the pipeline recorded at post time stays: metadata.links and
// metadata.citations (its sources are the comment's CommentLink rows, checked then), even where the
// current extraction (render/comment-citations.ts) would read the source differently.
import type { Deps } from "../deps.ts";
import { RENDER_VERSION } from "../render/comment-markdown.ts";
import { renderCommentText } from "./render-comment-text.ts";
import { readStaleRenders, writeRerenders } from "../store/stale-renders.ts";

const BATCH = 200;

export async function rerenderStoredComments(deps: Pick<Deps, "db" | "dbProvider">): Promise<number> {
  let afterId = "";
  let count = 0;
  for (;;) {
    const rows = await readStaleRenders(deps.db, deps.dbProvider, RENDER_VERSION, afterId, BATCH);
    await writeRerenders(
      deps.db,
      rows.map((row) => ({
        row,
        bodyHtml: renderCommentText(row.bodySource).html,
        metadata: {
          ...(row.metadata && typeof row.metadata === "object" ? row.metadata : {}),
          renderVersion: RENDER_VERSION,
        },
      })),
    );
    count += rows.length;
    if (rows.length < BATCH) return count;
    afterId = rows[rows.length - 1]!.id;
  }
}
