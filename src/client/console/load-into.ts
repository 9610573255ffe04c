// The admin views load what they show the same way: a "loading" line in their body, replaced by the
// error in words when it cannot be read (the view then shows nothing else).
import { h } from "../dom.ts";
import { get, messageOf } from "./api.ts";
import type { SiteView } from "./api-types.ts";
import { say, t } from "./lang.ts";

/** What `load` answers, or null once `root` shows why it could not be loaded (`failed`: words with {message}). */
export async function loadInto<T>(
  root: HTMLElement,
  loading: string,
  failed: string,
  load: () => Promise<T>,
): Promise<T | null> {
  root.replaceChildren(h("p", { class: "queue-status", role: "status", text: loading }));
  try {
    return await load();
  } catch (error) {
    root.replaceChildren(
      h("p", { class: "queue-status is-error", role: "alert", text: say(failed, { message: messageOf(error) }) }),
    );
    return null;
  }
}

/** The sites (the Sites and Import / Export views start from them). */
export const loadSitesInto = (root: HTMLElement, loading: string): Promise<SiteView[] | null> =>
  loadInto(
    root,
    loading,
    t.admin.couldNotLoadSites,
    async () => (await get<{ sites: SiteView[] }>("/api/admin/sites")).sites,
  );
