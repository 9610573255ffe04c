// A thread as the rules see it: its settings resolved (defaults ← site ← article), and whether it is
// closed (by a moderator, or by age). The one place "closed" is decided.
import type { SiteSettings } from "../config/site-settings.ts";

export type GovernedThread = {
  id: string;
  siteId: string;
  closed: boolean;
  articleId: string | null;
  articleSlug: string | null;
  /** Article publication, else thread creation: auto-close counts from here. */
  startedAt: Date;
  settings: SiteSettings;
};

/** Is the thread closed, by hand or by age (autoCloseAfterDays, 0 = never)? */
export function isThreadClosed(
  thread: { closed: boolean; startedAt: Date },
  autoCloseAfterDays: number,
  now: Date,
): boolean {
  if (thread.closed) return true;
  return autoCloseAfterDays > 0 && now.getTime() >= thread.startedAt.getTime() + autoCloseAfterDays * 86_400_000;
}

/** Closed as readers must see it now, under the settings that govern the thread. */
export function closedNow(thread: GovernedThread, now: Date): boolean {
  return isThreadClosed(thread, thread.settings.autoCloseAfterDays, now);
}

/** A thread's published counts: every published comment, and the pingbacks and trackbacks among them. */
export type PublishedCounts = { publishedCount: number; pingbackCount: number };

/** The count readers see ("N Responses"): pingbacks and trackbacks only when the site shows them. */
export function shownCount(counts: PublishedCounts, showPingbacks: boolean): number {
  return showPingbacks ? counts.publishedCount : counts.publishedCount - counts.pingbackCount;
}

/** Is this comment kind shown under the settings? (WordPress pingbacks and trackbacks may be hidden.) */
export function isKindShown(kind: string, showPingbacks: boolean): boolean {
  return showPingbacks || kind === "comment";
}
