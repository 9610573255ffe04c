// Dates and counts for readers, by Intl in the catalog's language. Times are in UTC on every path
// (the server cannot know the reader's zone, and a comment must read the same with JavaScript off,
// after a live update and in the widget).
import { fill, type Messages } from "../i18n/messages.ts";

const formats = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

function formatsFor(locale: string) {
  let f = formats.get(locale);
  if (!f) {
    f = {
      date: new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }),
      time: new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", timeZone: "UTC" }),
    };
    formats.set(locale, f);
  }
  return f;
}

/** "October 11, 2017" / "11. Oktober 2017" / "11 octobre 2017". */
export function formatDate(m: Messages, d: Date): string {
  return formatsFor(m.locale).date.format(d);
}

/** WordPress style: "October 11, 2017 at 3:00 pm" (UTC); "11. Oktober 2017 um 15:00"; "11 octobre 2017 à 15:00". */
export function formatDateTime(m: Messages, d: Date): string {
  const f = formatsFor(m.locale);
  return fill(m.dateAt, { date: f.date.format(d), time: f.time.format(d).toLowerCase() });
}
