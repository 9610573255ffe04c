// Times as a moderator reads them: "5 minutes ago" at a glance, the exact date and time in the title.
import { h } from "../dom.ts";

const DATE_TIME = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });
const RELATIVE = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 30],
  ["month", 12],
  ["year", Infinity],
];

export const formatDateTime = (iso: string): string => DATE_TIME.format(new Date(iso));

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

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
