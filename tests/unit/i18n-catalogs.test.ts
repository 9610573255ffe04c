// The page catalogs (src/client/i18n/): every key in every language with the same placeholders,
// plural forms by Intl.PluralRules, dates by Intl, and the server's refusals in every language by
// their stable code and reason (every code and reason thrown in src/ has words in every catalog).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PAGE_CATALOGS } from "../../src/client/i18n/page-catalogs.ts";
import { plural } from "../../src/client/i18n/messages.ts";
import { ERROR_CATALOGS, errorText } from "../../src/client/i18n/error-text.ts";
import { LANGS } from "../../src/client/i18n/languages.ts";
import { ErrorReasons, reasonText, type ErrorReason, type ReasonWords } from "../../src/domain/error-reasons.ts";
import { readerFieldErrors } from "../../src/http/reader-messages.ts";
import { formatDate, formatDateTime } from "../../src/client/views/format.ts";
import { responsesHeading, responsesLabel } from "../../src/client/views/thread-heading.ts";
import { AppError, ErrorCodes, isAppError, type ErrorCode } from "../../src/domain/errors.ts";
import { ZCreateComment } from "../../src/http/schemas.ts";
import { validate } from "../../src/http/validate.ts";
import { leaves, placeholders } from "../support/catalog-leaves.ts";

const { en, de, fr } = PAGE_CATALOGS;
const NBSP = "\u00a0";

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

  it("leaves no English words in the browser code: what a reader or moderator reads comes from a catalog", () => {
    // Where a literal would bypass the catalogs: an element's text, label, placeholder or tooltip, a
    // status line, an announcement. (The words themselves live in src/client/i18n/.)
    const literal =
      /(?:\b(?:text|placeholder|title|alt)|"aria-label"): *["`][A-Z]|textContent = ["`][A-Z]|\b(?:say|alert|confirm)\(["`][A-Z]|^\s*["`][A-Z*][^"`]* [^"`]*["`],?$/;
    const browser = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const file = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === "i18n" ? [] : browser(file);
        return file.endsWith(".ts") ? [file] : [];
      });
    const root = path.resolve(import.meta.dirname, "../../src");
    const files = [...browser(path.join(root, "widget")), ...browser(path.join(root, "client"))];
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((f) =>
      fs
        .readFileSync(f, "utf8")
        .split("\n")
        .flatMap((line, i) => (literal.test(line) ? [`${path.relative(root, f)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
    expect(literal.test('status.textContent = "Sending…";') && literal.test('h("button", { text: "Send" })')).toBe(
      true,
    );
    expect(literal.test('      "*emphasis*, **strong**",')).toBe(true);
  });

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

describe("refusals in the request's language, by error code and reason", () => {
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const file = path.join(dir, e.name);
      return e.isDirectory() ? sources(file) : file.endsWith(".ts") ? [file] : [];
    });
  const src = sources(path.resolve(import.meta.dirname, "../../src"))
    .filter((f) => !f.includes(`${path.sep}generated${path.sep}`))
    .map((f) => fs.readFileSync(f, "utf8"))
    .join("\n");
  // Every code and reason a service, a handler or a schema can send a reader or a moderator.
  const thrownCodes = new Set([...src.matchAll(/new AppError\(\s*"([A-Z_]+)"/g)].map((x) => x[1]!));
  // The argument list of every `new AppError(…)` and `fieldError(…)` call, for the reasons it names.
  const calls = [...src.matchAll(/new AppError\(|fieldError\(/g)].map((x) => {
    let depth = 0;
    for (let k = x.index; k < src.length; k++) {
      if (src[k] === "(") depth++;
      else if (src[k] === ")" && --depth === 0) return src.slice(x.index, k);
    }
    return "";
  });
  const thrownReasons = new Set(
    calls.flatMap((call) => [
      ...[...call.matchAll(/reason: ([^,}]+)/g)].flatMap((x) => [...x[1]!.matchAll(/"(\w+)"/g)].map((y) => y[1]!)),
      ...(/^fieldError\("\w+", "(\w+)"/.exec(call)?.slice(1) ?? []),
    ]),
  );

  it("finds the throw sites it checks (the scan works)", () => {
    expect(thrownCodes.has("THREAD_CLOSED") && thrownCodes.has("RATE_LIMITED")).toBe(true);
    expect(thrownReasons.has("postingTooQuickly") && thrownReasons.has("tooManyLinksMinute")).toBe(true);
  });

  it("has words for every code and reason thrown in src/, in every language, with the same placeholders", () => {
    for (const code of thrownCodes) expect(Object.keys(ErrorCodes), code).toContain(code);
    for (const reason of thrownReasons) expect(Object.keys(ErrorReasons), reason).toContain(reason);
    for (const lang of LANGS) {
      const words = ERROR_CATALOGS[lang];
      for (const code of Object.keys(ErrorCodes) as ErrorCode[]) {
        expect(words.errors[code]?.trim(), `${lang} ${code}`).toBeTruthy();
        if (lang !== "en") expect(words.errors[code], `${lang} ${code}`).not.toBe(ErrorCodes[code].message);
      }
      for (const reason of Object.keys(ErrorReasons) as ErrorReason[]) {
        // A plural reason has plural forms in every language, each naming what the English names.
        const english: ReasonWords = ErrorReasons[reason];
        const source = typeof english === "string" ? english : english.other;
        const forms = (w: ReasonWords) => (typeof w === "string" ? [w] : Object.values(w));
        expect(typeof words.reasons[reason], `${lang} ${reason}`).toBe(typeof english);
        for (const text of forms(words.reasons[reason])) {
          expect(text?.trim(), `${lang} ${reason}`).toBeTruthy();
          expect(placeholders(text ?? ""), `${lang} ${reason}`).toEqual(placeholders(source));
        }
        if (lang !== "en") expect(words.reasons[reason], `${lang} ${reason}`).not.toEqual(english);
      }
    }
  });

  it("has no refusal in its own English: a message of its own names a reason (bar the few no reader sees)", () => {
    // Developers' and sockets' messages: a missing bundle, a misbehaving socket client.
    const unworded = new Set([
      "/${file} is not built yet: run npm run build:widget.",
      "Too many joins; wait a minute.",
      "A connection may follow at most ${MAX_THREADS_PER_SOCKET} threads.",
      "Send { threadId, editTokens? }.",
    ]);
    const english = calls
      .filter((call) => call.startsWith("new AppError(") && !/\breason: /.test(call))
      .flatMap((call) => [...(/\bmessage:\s*(["`])(.*?)\1/s.exec(call)?.slice(2) ?? [])]);
    expect(english.length, "the scan finds the exceptions").toBeGreaterThanOrEqual(unworded.size);
    expect(english.filter((m) => !unworded.has(m))).toEqual([]);
  });

  it("waits one second or several in each language's plural form", () => {
    const wait = (lang: (typeof LANGS)[number], reason: "postingTooQuickly" | "networkTooQuickly", seconds: number) =>
      errorText(lang, { code: "RATE_LIMITED", message: "", reason, params: { seconds } });
    expect(wait("en", "postingTooQuickly", 1)).toBe("You are posting too quickly. Please wait 1 second.");
    expect(wait("en", "postingTooQuickly", 2)).toBe("You are posting too quickly. Please wait 2 seconds.");
    expect(wait("de", "postingTooQuickly", 1)).toBe("Du schreibst zu schnell. Bitte warte 1 Sekunde.");
    expect(wait("de", "postingTooQuickly", 2)).toBe("Du schreibst zu schnell. Bitte warte 2 Sekunden.");
    expect(wait("fr", "postingTooQuickly", 1)).toBe("Vous publiez trop vite. Veuillez patienter 1 seconde.");
    expect(wait("fr", "postingTooQuickly", 2)).toBe("Vous publiez trop vite. Veuillez patienter 2 secondes.");
    expect(wait("en", "networkTooQuickly", 1)).toMatch(/Please wait 1 second\.$/);
    expect(wait("en", "networkTooQuickly", 2)).toMatch(/Please wait 2 seconds\.$/);
    expect(wait("de", "networkTooQuickly", 1)).toMatch(/Bitte warte 1 Sekunde\.$/);
    expect(wait("de", "networkTooQuickly", 2)).toMatch(/Bitte warte 2 Sekunden\.$/);
    expect(wait("fr", "networkTooQuickly", 1)).toMatch(/Veuillez patienter 1 seconde\.$/);
    expect(wait("fr", "networkTooQuickly", 2)).toMatch(/Veuillez patienter 2 secondes\.$/);
    // The server's English message, as the AppError carries it.
    expect(reasonText("postingTooQuickly", { seconds: 1 })).toBe("You are posting too quickly. Please wait 1 second.");
  });

  it("words an error by its reason, else by its code, else leaves the server's English", () => {
    const flood = new AppError("RATE_LIMITED", { reason: "postingTooQuickly", params: { seconds: 15 } });
    expect(flood.message).toBe("You are posting too quickly. Please wait 15 seconds.");
    expect(errorText("de", flood)).toBe("Du schreibst zu schnell. Bitte warte 15 Sekunden.");
    expect(errorText("fr", new AppError("THREAD_CLOSED"))).toBe("Les commentaires sont fermés sur cette discussion.");
    const quota = new AppError("RATE_LIMITED", { reason: "quotaThreads", params: { minutes: 60 } });
    expect(quota.message).toBe("Too many new discussions from your network; try again in 60 minutes.");
    expect(errorText("de", quota)).toBe(
      "Zu viele neue Diskussionen aus deinem Netzwerk; versuch es in 60 Minuten noch einmal.",
    );
    expect(errorText("en", new AppError("THREAD_CLOSED"))).toBe("Comments are closed on this thread.");
    const unworded = new AppError("NOT_FOUND", { message: "A message no catalog knows." });
    expect(errorText("de", unworded)).toBe("A message no catalog knows.");
    const mail = new AppError("NOT_FOUND", { reason: "noSuchMail" });
    expect(mail.message).toBe("No such mail.");
    expect(errorText("fr", mail)).toBe("Cet e-mail n’existe pas.");
    const refused = new AppError("SIGN_IN_FAILED", { reason: "signInDenied", params: { provider: "GitHub" } });
    expect(refused.message).toBe(
      "Sign-in with GitHub was refused: you did not allow Parley to see who you are. Nothing was saved; please try again.",
    );
    expect(errorText("de", refused)).toMatch(/^Die Anmeldung mit GitHub wurde abgelehnt: Du hast Parley nicht erlaubt/);
    expect(errorText("de", { code: "SOMETHING_NEW", message: "A code from a newer server." })).toBe(
      "A code from a newer server.",
    );
  });

  it("gives the comment form's field errors their reasons as validate() finds them (validation-messages.ts included)", () => {
    const refusal = (input: Record<string, unknown>) => {
      try {
        validate(ZCreateComment, input);
      } catch (err) {
        if (isAppError(err)) return err;
        throw err;
      }
      throw new Error("valid");
    };
    const err = refusal({ body: "", authorName: " ", authorEmail: `${"a".repeat(250)}@example.org` });
    expect(err.details?.fields).toEqual({
      body: "Please write a comment.",
      authorName: "Please enter your name.",
      authorEmail: "Must be 254 characters or fewer.",
    });
    expect(err.reason).toBe("writeComment");
    expect(readerFieldErrors(de, err)).toEqual({
      body: "Bitte schreib einen Kommentar.",
      authorName: "Bitte gib deinen Namen ein.",
      authorEmail: "Höchstens 254 Zeichen.",
    });
    expect(readerFieldErrors(fr, refusal({ body: "x", authorName: "Zoé" })).authorEmail).toBe("Obligatoire.");
  });
});
