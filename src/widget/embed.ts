// embed.js: the comment widget for any site.
//   <script src="https://<parley>/embed.js" data-parley-site="<siteId>" async></script>
// optional data-parley-thread (page id; default: the canonical URL), data-parley-title,
// data-parley-theme (auto | light | dark), data-parley-sort (oldest | newest), data-parley-lang
// (en | de | fr; default: the host page's <html lang>). The widget mounts into
// <div id="parley-thread"> when the page has one, else right after the script tag.
// Single-page apps: Parley.init({ site, thread, title, el }) on each route, Parley.destroy() on leave.
import { fillCounts } from "./counts.ts";
import { checkOptions, SITE_ID, type RawOptions } from "./options.ts";
import { scriptBase, whenReady } from "./script-tag.ts";
import { Widget } from "./widget.ts";

type InitOptions = RawOptions & { el?: Element | string | null };
type ParleyApi = {
  version: string;
  init(options: InitOptions): Widget | null;
  destroy(el?: Element | string): void;
  refreshCounts(): void;
};

declare global {
  interface Window {
    Parley?: ParleyApi;
  }
}

const script = document.currentScript as HTMLScriptElement | null;

if (!window.Parley) {
  const base = scriptBase(script);
  const widgets = new Map<Element, Widget>();
  let countsSite: string | null = null;

  const resolve = (el: Element | string | null | undefined): Element | null =>
    typeof el === "string"
      ? document.querySelector(el)
      : el instanceof Element
        ? el
        : document.getElementById("parley-thread");

  const api: ParleyApi = {
    version: "1",
    init(options) {
      if (!base) return fail("Parley: load embed.js with a <script src> tag.");
      const checked = checkOptions(options, document);
      if ("error" in checked) return fail(`Parley: ${checked.error}`);
      const target = resolve(options.el);
      if (!target) return fail('Parley: no element to mount into (pass el, or add <div id="parley-thread">).');
      api.destroy(target);
      const host = document.createElement("div");
      host.className = "parley-embed";
      target.append(host);
      const widget = new Widget(host, checked, base);
      widgets.set(target, widget);
      return widget;
    },
    destroy(el) {
      for (const [target, widget] of widgets) {
        if (el !== undefined && target !== resolve(el)) continue;
        widget.destroy();
        widget.host.remove();
        widgets.delete(target);
      }
    },
    refreshCounts() {
      if (base && countsSite) void fillCounts(base, countsSite);
    },
  };
  window.Parley = api;

  const data = script?.dataset ?? {};
  if (data.parleySite) {
    countsSite = SITE_ID.test(data.parleySite) ? data.parleySite : null;
    whenReady(() => {
      // Mount next to the tag unless the page marked a place (or the tag sits in <head>).
      let el: Element | null = document.getElementById("parley-thread");
      if (!el && script?.parentElement && script.parentElement !== document.head) {
        el = document.createElement("div");
        script.after(el);
      }
      api.init({
        site: data.parleySite,
        thread: data.parleyThread,
        title: data.parleyTitle,
        theme: data.parleyTheme,
        sort: data.parleySort,
        lang: data.parleyLang,
        el,
      });
      api.refreshCounts();
    });
  }
}

function fail(message: string): null {
  console.error(message);
  return null;
}
