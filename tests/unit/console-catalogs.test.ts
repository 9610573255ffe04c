// The console's catalogs (src/client/i18n/console/): every key in every language with the same
// placeholders, and words for every site setting the settings form shows, so no field falls back to
// a label made from its key with no hint.
import { describe, expect, it } from "vitest";
import { CONSOLE_CATALOGS } from "../../src/client/i18n/console/catalogs.ts";
import { LANGS } from "../../src/client/i18n/languages.ts";
import { PAGE_CATALOGS } from "../../src/client/i18n/page-catalogs.ts";
import { FIELDS } from "../../src/client/console/settings-field-specs.ts";
import { COMMENTING_MODES, SETTINGS_KEYS, ZSiteSettings } from "../../src/config/site-settings.ts";
import { leaves, placeholders } from "../support/catalog-leaves.ts";

describe("console catalogs", () => {
  const english = leaves(CONSOLE_CATALOGS.en);
  for (const lang of ["de", "fr"] as const) {
    it(`${lang} has every English key, no other, none empty, with the same placeholders`, () => {
      const other = leaves(CONSOLE_CATALOGS[lang]);
      const keys = (m: Map<string, string>) => [...m.keys()].filter((k) => !/\.(one|zero|two|few|many)$/.test(k));
      expect(keys(other).sort()).toEqual(keys(english).sort());
      for (const [key, text] of other) {
        const source = english.get(key);
        if (source?.trim() !== "") expect(text.trim(), key).not.toBe("");
        if (source !== undefined && !/\.(one|zero)$/.test(key) && key !== "lang" && key !== "locale")
          expect(placeholders(text), key).toEqual(placeholders(source));
      }
    });
  }

  it("names the reader's data page as that page titles itself (and its footer link says)", () => {
    for (const lang of LANGS) {
      const title = PAGE_CATALOGS[lang].yourData;
      const mentions = [...leaves(CONSOLE_CATALOGS[lang]).values()].filter((text) =>
        /(Your|Ihre|Deine|Vos) (data|Daten|données)/i.test(text),
      );
      expect(mentions.length, lang).toBeGreaterThanOrEqual(2);
      for (const text of mentions) expect(text, lang).toContain(title);
    }
  });

  it("has a label for every site setting in every language, and words for every choice", () => {
    const missing = LANGS.flatMap((lang) =>
      SETTINGS_KEYS.flatMap((key) => {
        const words = CONSOLE_CATALOGS[lang].admin.fields[key];
        if (!words?.label) return [`${lang}: ${key} has no label`];
        const spec = FIELDS.find((f) => f.key === key);
        return (spec?.options ?? []).filter((o) => !words.options?.[o]).map((o) => `${lang}: ${key} has no ${o}`);
      }),
    );
    expect(missing).toEqual([]);
  });

  it("gives every site setting its own control, selects offering exactly the allowed values", () => {
    expect(SETTINGS_KEYS.filter((key) => !FIELDS.some((f) => f.key === key))).toEqual([]);
    expect(FIELDS.find((f) => f.key === "commenting")?.options).toEqual([...COMMENTING_MODES]);
    for (const spec of FIELDS.filter((f) => f.kind === "select"))
      expect([...(spec.options ?? [])].sort(), spec.key).toEqual(
        [...ZSiteSettings.shape[spec.key as "language"].unwrap().options].sort(),
      );
  });
});
