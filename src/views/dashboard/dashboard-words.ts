// The dashboard's words in the moderator's language: the console's catalog (its `dashboard` part, and
// the shell's navigation), with numbers, percentages and days by Intl in the catalog's locale and
// counts through the catalogs' plural helper (Intl.PluralRules).
import { CONSOLE_CATALOGS } from "../../client/i18n/console/catalogs.ts";
import type { Lang } from "../../client/i18n/languages.ts";
import { fill, plural, pluralForm, type PluralForms } from "../../client/i18n/messages.ts";

// Made on first use, one per locale: a formatter maps ICU's locale data into the process, which a
// server whose moderators never open the dashboard need not hold (README "Production start").
const formats = new Map<string, { number: Intl.NumberFormat; percent: Intl.NumberFormat; day: Intl.DateTimeFormat }>();
function formatsFor(locale: string) {
  let f = formats.get(locale);
  if (!f)
    formats.set(
      locale,
      (f = {
        number: new Intl.NumberFormat(locale),
        percent: new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }),
        day: new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" }),
      }),
    );
  return f;
}

export type DashboardWords = ReturnType<typeof dashboardWords>;

export function dashboardWords(lang: Lang) {
  const t = CONSOLE_CATALOGS[lang];
  const w = t.dashboard;
  const f = formatsFor(t.locale);
  const num = (v: number) => f.number.format(v);
  /** `{n}` replaced by the formatted count, in the form the language's plural rules pick. */
  const count = (forms: PluralForms, n: number) => plural(t, forms, n);

  /** "45 s", "12 min", "3 h 20 min", "2 d 4 h" (units from the catalog). */
  function duration(seconds: number): string {
    const u = (form: string, n: number) => fill(form, { n: num(n) });
    const s = Math.round(seconds);
    if (s < 60) return u(w.duration.s, s);
    const min = Math.round(s / 60);
    if (min < 60) return u(w.duration.min, min);
    const h = Math.floor(min / 60);
    if (h < 48) return min % 60 ? `${u(w.duration.h, h)} ${u(w.duration.min, min % 60)}` : u(w.duration.h, h);
    const d = Math.floor(h / 24);
    return h % 24 ? `${u(w.duration.d, d)} ${u(w.duration.h, h % 24)}` : u(w.duration.d, d);
  }

  return {
    t,
    w,
    num,
    count,
    /** The plural form unfilled, for a sentence whose count is set in markup (fillHtml). */
    form: (forms: PluralForms, n: number) => pluralForm(t, forms, n),
    pct: (part: number, whole: number) => (whole ? f.percent.format(part / whole) : "–"),
    /** "Dec 7" / "7. Dez." / "7 déc." for "2026-12-07". */
    day: (key: string) => f.day.format(new Date(`${key}T00:00:00Z`)),
    /** A flag code in words; an unknown code as its words ("some-rule" → "Some rule"). */
    holdReason(code: string): string {
      const known = w.holdReasons[code];
      if (known) return known;
      const words = code.replace(/[-_]+/g, " ");
      return words.charAt(0).toUpperCase() + words.slice(1);
    },
    duration,
    /** The unit a chart of durations up to `maxSeconds` reads best in. */
    durationUnit(maxSeconds: number): { name: string; short: string; seconds: number } {
      if (maxSeconds < 2 * 60) return { ...w.units.seconds, seconds: 1 };
      if (maxSeconds < 2 * 3600) return { ...w.units.minutes, seconds: 60 };
      if (maxSeconds < 3 * 86400) return { ...w.units.hours, seconds: 3600 };
      return { ...w.units.days, seconds: 86400 };
    },
  };
}
