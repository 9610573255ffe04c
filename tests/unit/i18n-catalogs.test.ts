// The page catalogs (src/client/i18n/): every key in every language with the same placeholders,
// plural forms by Intl.PluralRules, dates by Intl, and the server's English messages shown in the
// page's language.
import { describe, expect, it } from "vitest";
import { PAGE_CATALOGS, type PageCatalog } from "../../src/client/i18n/page-catalogs.ts";
import { plural } from "../../src/client/i18n/messages.ts";
import { translateApiError, translateMessage } from "../../src/client/i18n/translate-message.ts";
import { formatDate, formatDateTime } from "../../src/client/views/format.ts";
import { responsesHeading, responsesLabel } from "../../src/client/views/thread-heading.ts";
import { AppError, isAppError, type ErrorCode } from "../../src/domain/errors.ts";
import { ZCreateComment } from "../../src/http/schemas.ts";
import { validate } from "../../src/http/validate.ts";

const { en, de, fr } = PAGE_CATALOGS;
const NBSP = "\u00a0";

/** "a.b.c" → string for every leaf of a catalog. */
function leaves(value: unknown, path = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === "string") return out.set(path, value);
  for (const [k, v] of Object.entries(value as object))
    for (const [p, s] of leaves(v, path ? `${path}.${k}` : k)) out.set(p, s);
  return out;
}
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();

describe("page catalogs", () => {
  const english = leaves(en);
  for (const lang of ["de", "fr"] as const) {
    it(`${lang} has every English key, no other, none empty, with the same placeholders`, () => {
      const other = leaves(PAGE_CATALOGS[lang]);
      // A plural form "one" may leave {n} out ("One Response"); every other key must match exactly.
      const keys = (m: Map<string, string>) => [...m.keys()].filter((k) => !/\.(one|zero|two|few|many)$/.test(k));
      expect(keys(other).sort()).toEqual(keys(english).sort());
      for (const [key, text] of other) {
        expect(text.trim(), key).not.toBe("");
        if (key === "lang" || key === "locale") continue;
        const source = english.get(key);
        if (source !== undefined && !/\.(one|zero)$/.test(key))
          expect(placeholders(text), key).toEqual(placeholders(source));
      }
    });
  }

  it("writes the thread heading's plural forms in each language", () => {
    expect(responsesHeading(en, 1, "Spies")).toBe("One Response to Spies");
    expect(responsesHeading(en, 2, "Spies")).toBe("2 Responses to Spies");
    expect(responsesHeading(de, 1, "Spione")).toBe("Eine Antwort auf „Spione“");
    expect(responsesHeading(de, 2, "Spione")).toBe("2 Antworten auf „Spione“");
    expect(responsesHeading(fr, 1, "Espions")).toBe(`Une réponse à «${NBSP}Espions${NBSP}»`);
    expect(responsesHeading(fr, 2, "Espions")).toBe(`2 réponses à «${NBSP}Espions${NBSP}»`);
    expect(responsesLabel(de, 0)).toBe("Noch keine Antworten");
    // Numbers by Intl in the page's language.
    expect(responsesLabel(en, 1234)).toBe("1,234 Responses");
    expect(responsesLabel(de, 1234)).toBe("1.234 Antworten");
    expect(responsesLabel(fr, 1234)).toBe("1\u202f234 réponses");
  });

  it("counts the pages' other plurals by Intl.PluralRules (French counts 0 and 1 alike)", () => {
    expect(plural(en, en.newElsewhere, 1)).toBe("1 new comment on another page");
    expect(plural(de, de.newElsewhere, 3)).toBe("3 neue Kommentare auf anderen Seiten");
    expect(plural(fr, fr.versions, 1)).toBe("1 version");
    expect(plural(fr, fr.changedCount, 0)).toMatch(/^0 commentaire modifié\./);
    expect(plural(fr, fr.changedCount, 2)).toMatch(/^2 commentaires modifiés\./);
  });

  it("dates by Intl, in UTC", () => {
    const d = new Date("2017-10-11T15:00:00Z");
    expect(formatDate(en, d)).toBe("October 11, 2017");
    expect(formatDateTime(en, d)).toBe("October 11, 2017 at 3:00 pm");
    expect(formatDate(de, d)).toBe("11. Oktober 2017");
    expect(formatDateTime(de, d)).toBe("11. Oktober 2017 um 15:00");
    expect(formatDate(fr, d)).toBe("11 octobre 2017");
    expect(formatDateTime(fr, d)).toBe("11 octobre 2017 à 15:00");
  });
});

describe("the server's English messages in the page's language", () => {
  const t = (m: PageCatalog, s: string) => translateMessage(m, s);

  it("translates fixed and filled-in messages; leaves English and unknown messages alone", () => {
    expect(t(de, "Please enter a valid email address.")).toBe("Bitte gib eine gültige E-Mail-Adresse ein.");
    expect(t(fr, "Please write at least 12 characters.")).toBe("Veuillez écrire au moins 12 caractères.");
    expect(t(de, "You are posting too quickly. Please wait 15 seconds.")).toBe(
      "Du schreibst zu schnell. Bitte warte 15 Sekunden.",
    );
    expect(t(de, "[B] has no source")).toBe("[B] hat keine Quelle");
    expect(t(en, "Please enter your name.")).toBe("Please enter your name.");
    expect(t(fr, "A message nobody wrote a translation for.")).toBe("A message nobody wrote a translation for.");
    expect(
      translateApiError(fr, {
        code: "VALIDATION",
        message: "Please enter your name.",
        fields: { authorName: "Please enter your name.", body: "Please write a comment." },
      }),
    ).toEqual({
      code: "VALIDATION",
      message: "Veuillez saisir votre nom.",
      fields: { authorName: "Veuillez saisir votre nom.", body: "Veuillez écrire un commentaire." },
    });
  });

  it("translates the comment form's field errors as validate() words them (validation-messages.ts included)", () => {
    const fieldsOf = (input: Record<string, unknown>) => {
      try {
        validate(ZCreateComment, input);
      } catch (err) {
        if (isAppError(err)) return err.details?.fields as Record<string, string>;
        throw err;
      }
      throw new Error("valid");
    };
    const fields = fieldsOf({ body: "", authorName: " ", authorEmail: `${"a".repeat(250)}@example.org` });
    expect(fields).toEqual({
      body: "Please write a comment.",
      authorName: "Please enter your name.",
      authorEmail: "Must be 254 characters or fewer.",
    });
    expect(Object.values(fields).map((f) => t(de, f))).toEqual([
      "Bitte schreib einen Kommentar.",
      "Bitte gib deinen Namen ein.",
      "Höchstens 254 Zeichen.",
    ]);
    expect(t(fr, fieldsOf({ body: "x", authorName: "Zoé" }).authorEmail!)).toBe("Obligatoire.");
  });

  it("knows every error a reader can get by its code, as the server words it", () => {
    const readerCodes: ErrorCode[] = [
      "VALIDATION",
      "NOT_FOUND",
      "THREAD_NOT_FOUND",
      "COMMENT_NOT_FOUND",
      "THREAD_CLOSED",
      "BANNED",
      "RATE_LIMITED",
      "DUPLICATE_COMMENT",
      "ALREADY_REPORTED",
      "BAD_EDIT_TOKEN",
      "EDIT_WINDOW_CLOSED",
      "NOT_EDITABLE",
      "HAS_REPLIES",
      "PROVIDER_NOT_CONFIGURED",
      "PROVIDER_UNAVAILABLE",
      "SIGN_IN_FAILED",
      "SIGN_IN_EXPIRED",
      "RETURN_NOT_ALLOWED",
      "SIGN_IN_REQUIRED",
      "INVALID_LINK",
      "LINK_USED",
      "LINK_EXPIRED",
      "PROOF_MISSING",
      "PROOF_INVALID",
      "PROOF_EXPIRED",
      "PROOF_REUSED",
      "PROOF_WRONG_SITE",
      "FORM_TOO_FAST",
      "FORM_CHECK_FAILED",
      "INTERNAL",
    ];
    for (const code of readerCodes) {
      const { message } = new AppError(code);
      expect(t(de, message), code).not.toBe(message);
      expect(t(fr, message), code).not.toBe(message);
    }
  });
});
