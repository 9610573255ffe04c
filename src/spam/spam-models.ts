// Each site's spam model, kept in memory so a post does not read it from the database. The model
// lives in the database (every instance scores alike); an instance trusts its copy for
// SPAM_MODEL_RECHECK_MS, then reads the model's version (one indexed row) and reloads only when it
// moved. A decision taken on this instance drops the site's copy at once (decide-comment.ts), so the
// next post here is scored by the retrained model; other instances follow within the recheck delay.
import type { Logger } from "pino";
import type { Db } from "../store/client.ts";
import { readSpamModel, readSpamModelVersion } from "../store/spam-model.ts";
import type { SpamModelData } from "./naive-bayes.ts";

export type SpamModels = {
  forSite(siteId: string): Promise<SpamModelData>;
  /** Next use re-checks the version (after this instance trained the site's model). */
  forget(siteId: string): void;
};

type Entry = { model: SpamModelData; checkedAt: number; pending?: Promise<SpamModelData> };

export function createSpamModels(options: { db: Db; recheckMs: number; log: Logger }): SpamModels {
  const entries = new Map<string, Entry>();
  // Bumped by forget(): a reload that started before a decision committed must not count as fresh.
  const generation = new Map<string, number>();
  const now = () => performance.now();

  async function refresh(siteId: string, entry: Entry | undefined): Promise<SpamModelData> {
    const started = generation.get(siteId) ?? 0;
    const version = await readSpamModelVersion(options.db, siteId);
    const model = entry && entry.model.version === version ? entry.model : await readSpamModel(options.db, siteId);
    const fresh = (generation.get(siteId) ?? 0) === started;
    entries.set(siteId, { model, checkedAt: fresh ? now() : -Infinity });
    if (entry && model !== entry.model) options.log.debug({ siteId, version }, "spam model reloaded");
    return model;
  }

  return {
    forSite(siteId) {
      const entry = entries.get(siteId);
      if (entry && now() - entry.checkedAt < options.recheckMs) return Promise.resolve(entry.model);
      if (entry?.pending) return entry.pending;
      const pending = refresh(siteId, entry).finally(() => {
        const current = entries.get(siteId);
        if (current?.pending === pending) delete current.pending;
      });
      entries.set(siteId, { ...(entry ?? { model: EMPTY, checkedAt: -Infinity }), checkedAt: -Infinity, pending });
      return pending;
    },
    forget(siteId) {
      generation.set(siteId, (generation.get(siteId) ?? 0) + 1);
      const entry = entries.get(siteId);
      if (entry) entries.set(siteId, { model: entry.model, checkedAt: -Infinity });
    },
  };
}

const EMPTY: SpamModelData = { version: -1, spamDocs: 0, hamDocs: 0, tokens: new Map() };
