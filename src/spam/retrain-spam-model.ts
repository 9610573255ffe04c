// Use case (npm run spam:retrain): rebuild a site's spam model from its moderation history, for a
// cold start (a site that had decisions before the model existed) or after changing the features.
// Replays every moderator decision in order with the same rule as live training (lessonOf), keeps
// each comment's latest lesson, and learns those comments afresh in batches.
import type { Deps } from "../deps.ts";
import { inTransaction } from "../store/client.ts";
import { clearSpamModel, readModeratorDecisions } from "../store/spam-model.ts";
import { learnFromDecision, lessonOf } from "./learn-from-decision.ts";

export async function retrainSpamModel(
  deps: Pick<Deps, "db" | "clock">,
  siteId: string,
): Promise<{ spam: number; ham: number }> {
  const latest = new Map<string, "spam" | "ham">();
  for (const a of await readModeratorDecisions(deps.db, siteId)) {
    const lesson = lessonOf({
      from: a.fromStatus,
      to: a.toStatus,
      action: a.action,
      moderatorId: "history",
      reason: a.reason,
    });
    if (lesson === "forget") latest.delete(a.commentId);
    else if (lesson) latest.set(a.commentId, lesson);
  }
  const now = deps.clock.now();
  await inTransaction(deps.db, (tx) => clearSpamModel(tx, siteId, now));
  const lessons = [...latest];
  // Small transactions, so the live site's decisions are never kept waiting long for the model's row.
  for (let i = 0; i < lessons.length; i += 10) {
    await inTransaction(
      deps.db,
      async (tx) => {
        for (const [commentId, lesson] of lessons.slice(i, i + 10))
          await learnFromDecision(tx, { commentId, lesson, now });
      },
      { timeout: 60_000 },
    );
  }
  const spam = lessons.filter(([, l]) => l === "spam").length;
  return { spam, ham: lessons.length - spam };
}
