// count.js: comment counts for a list page, without the widget.
// <script src="https://<parley>/count.js" data-parley-site="<siteId>" async></script>
import { fillCounts } from "./counts.ts";
import { SITE_ID } from "./options.ts";
import { scriptBase, whenReady } from "./script-tag.ts";

const script = document.currentScript as HTMLScriptElement | null;
const base = scriptBase(script);
const site = script?.dataset.parleySite ?? "";
if (base && SITE_ID.test(site)) whenReady(() => void fillCounts(base, site));
else console.warn("Parley: count.js needs data-parley-site with your site id.");
