// The admin views that start from the list of sites (Sites, Import / Export) load it the same way:
// a "loading" line in their body, replaced by the error in words when the list cannot be read.
import { h } from "../dom.ts";
import { get, messageOf } from "./api.ts";
import type { SiteView } from "./api-types.ts";
import { say, t } from "./lang.ts";

/** The sites, or null once `root` shows why they could not be loaded. */
export async function loadSitesInto(root: HTMLElement, loadingText: string): Promise<SiteView[] | null> {
  root.replaceChildren(h("p", { class: "queue-status", role: "status", text: loadingText }));
  try {
    return (await get<{ sites: SiteView[] }>("/api/admin/sites")).sites;
  } catch (error) {
    root.replaceChildren(
      h("p", {
        class: "queue-status is-error",
        role: "alert",
        text: say(t.admin.couldNotLoadSites, { message: messageOf(error) }),
      }),
    );
    return null;
  }
}
