// Small DOM helpers. User data only ever becomes text (textContent / attributes), never markup.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k === "hidden") node.hidden = true;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  return append(node, ...children);
}

/** node.append() that skips null / undefined / false, so optional parts can be written inline. */
export function append(node, ...children) {
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) node.append(c);
  return node;
}

const announcer = () => document.getElementById("announcer");

/** Says what just happened to screen-reader users (the aria-live region) and keeps it on screen briefly. */
export function announce(message) {
  const region = announcer();
  if (!region) return;
  region.textContent = "";
  // A fresh text node so repeated identical messages are still read out.
  requestAnimationFrame(() => {
    region.textContent = message;
  });
  showToast(message);
}

let toastTimer;

/** Takes the toast (and what the live region last said) away at once: a save that was just refused must
 *  not sit beside an earlier "saved". */
export function dismissToast() {
  clearTimeout(toastTimer);
  document.getElementById("toast")?.classList.remove("is-shown");
  const region = announcer();
  if (region) region.textContent = "";
}

function showToast(message) {
  let toast = document.getElementById("toast");
  if (!toast) {
    toast = el("p", { id: "toast", class: "toast", "aria-hidden": "true" });
    document.body.append(toast);
  }
  toast.textContent = message;
  toast.classList.add("is-shown");
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => toast.classList.remove("is-shown"), 3500);
}

const DATE_TIME = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });
const RELATIVE = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const STEPS = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 30],
  ["month", 12],
  ["year", Infinity],
];

export const formatDateTime = (iso) => DATE_TIME.format(new Date(iso));

/** "5 minutes ago", "yesterday": what a moderator wants at a glance; the exact time goes in the title. */
export function formatRelative(iso, now = Date.now()) {
  let value = (new Date(iso).getTime() - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return RELATIVE.format(Math.round(value), unit);
    value /= size;
  }
  return formatDateTime(iso);
}

export function timeElement(iso) {
  return el("time", { datetime: iso, title: formatDateTime(iso), text: formatRelative(iso) });
}

export const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Only web links become clickable: a stored URL is data, and "javascript:" must never be an href. */
export function safeHref(url) {
  try {
    const u = new URL(url, location.href);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : undefined;
  } catch {
    return undefined;
  }
}
