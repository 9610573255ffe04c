// What the <script> tag that loaded us says: Parley's base URL (where embed.js came from, so a
// Parley served under a path works) and its data-parley-* attributes.

export function scriptBase(script: HTMLScriptElement | null): string | null {
  if (!script?.src) return null;
  try {
    const url = new URL(script.src);
    url.search = "";
    url.hash = "";
    return url.href.replace(/\/[^/]*$/, "");
  } catch {
    return null;
  }
}

export function whenReady(run: () => void): void {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run, { once: true });
  else run();
}
