// Times and numbers as a moderator reads them, by Intl in the console's language: "5 minutes ago" at a
// glance, the exact date and time in the title.
import { h } from "../dom.ts";
import { t } from "./lang.ts";

const DATE_TIME = new Intl.DateTimeFormat(t.locale, { dateStyle: "medium", timeStyle: "short" });
const RELATIVE = new Intl.RelativeTimeFormat(t.locale, { numeric: "auto" });
const NUMBER = new Intl.NumberFormat(t.locale);
const PERCENT = new Intl.NumberFormat(t.locale, { style: "percent", maximumFractionDigits: 0 });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 30],
  ["month", 12],
  ["year", Infinity],
];

export const formatDateTime = (iso: string): string => DATE_TIME.format(new Date(iso));
export const formatNumber = (n: number): string => NUMBER.format(n);
/** 0.5 → "50%" / "50 %", as the language writes it. */
export const formatPercent = (share: number): string => PERCENT.format(share);

/** "5 minutes ago", "yesterday". */
export function formatRelative(iso: string, now = Date.now()): string {
  let value = (new Date(iso).getTime() - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return RELATIVE.format(Math.round(value), unit);
    value /= size;
  }
  return formatDateTime(iso);
}

export function timeElement(iso: string): HTMLTimeElement {
  return h("time", { datetime: iso, title: formatDateTime(iso), text: formatRelative(iso) });
}
