// Says what just happened: to screen-reader users through the page's aria-live region, and on screen
// in a toast that fades after a few seconds.
import { h } from "../dom.ts";

const announcer = () => document.getElementById("announcer");
let toastTimer: ReturnType<typeof setTimeout> | undefined;

export function announce(message: string): void {
  const region = announcer();
  if (!region) return;
  region.textContent = "";
  // A fresh text node so repeated identical messages are still read out.
  requestAnimationFrame(() => {
    region.textContent = message;
  });
  showToast(message);
}

/** Takes the toast (and what the live region last said) away at once: a save that was just refused must
 *  not sit beside an earlier "saved". */
export function dismissToast(): void {
  clearTimeout(toastTimer);
  document.getElementById("toast")?.classList.remove("is-shown");
  const region = announcer();
  if (region) region.textContent = "";
}

function showToast(message: string): void {
  let toast = document.getElementById("toast");
  if (!toast) {
    toast = h("p", { id: "toast", class: "toast", "aria-hidden": "true" });
    document.body.append(toast);
  }
  const shown = toast;
  shown.textContent = message;
  shown.classList.add("is-shown");
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => shown.classList.remove("is-shown"), 3500);
}
