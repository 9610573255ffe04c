// Light or dark, following the host page. With theme "auto" the widget reads the text colour the
// host gives the element it is mounted in: light text means a dark page, whatever the operating
// system prefers (a light-only site stays light for a reader in dark mode). It re-checks when the
// reader's preference changes or the page switches theme (a class or attribute on <html>/<body>).
import type { Theme } from "./options.ts";

export function followTheme(host: HTMLElement, preference: Theme): () => void {
  const apply = () => host.setAttribute("data-theme", preference === "auto" ? detect(host) : preference);
  apply();
  if (preference !== "auto") return () => {};
  const media = matchMedia("(prefers-color-scheme: dark)");
  media.addEventListener("change", apply);
  // An async script can mount before the host's stylesheet applies: look again once the page has loaded.
  if (document.readyState !== "complete") addEventListener("load", apply, { once: true });
  const observer = new MutationObserver(apply);
  for (const el of [document.documentElement, document.body]) {
    if (el)
      observer.observe(el, {
        attributes: true,
        attributeFilter: ["class", "style", "data-theme", "data-color-scheme", "data-bs-theme"],
      });
  }
  return () => {
    media.removeEventListener("change", apply);
    removeEventListener("load", apply);
    observer.disconnect();
  };
}

function detect(host: HTMLElement): "light" | "dark" {
  const rgb = /rgba?\((\d+(?:\.\d+)?)[,\s]+(\d+(?:\.\d+)?)[,\s]+(\d+(?:\.\d+)?)/.exec(
    getComputedStyle(host.parentElement ?? document.body).color,
  );
  if (!rgb) return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  const [r, g, b] = rgb.slice(1).map(Number) as [number, number, number];
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 > 0.5 ? "dark" : "light";
}
