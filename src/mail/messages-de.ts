// A reader's mails in German (the keys of messages.ts; moderators' mail stays English).
import type { ReaderMailMessages } from "./messages.ts";

const one = (n: number) => new Intl.PluralRules("de").select(n) === "one";

export const mailMessagesDe: ReaderMailMessages = {
  yourDataSubject: "Deine Kommentare und Daten bei Parley",
  yourDataIntro:
    "Du wolltest sehen, was Parley zu dieser E-Mail-Adresse speichert. Der Link unten zeigt es dir, du kannst es " +
    "herunterladen und deine Kommentare anonymisieren oder löschen. Er gilt 24 Stunden.",
  yourDataAction: "Meine Daten ansehen",
  yourDataNotYou: "Wenn du das nicht warst, ignoriere diese Mail: Ohne den Link ändert sich nichts.",
  signInSubject: "Dein Anmeldelink für Parley",
  signInIntro: (name: string) => `Hallo ${name}, mit dem Knopf unten meldest du dich an und kannst kommentieren.`,
  signInAction: "Anmelden",
  signInAfter: (minutes: number) => `Der Link funktioniert einmal, ${minutes} Minuten lang.`,
  signInNotYou: "Wenn du das nicht warst, ignoriere diese Mail: Ohne den Link kann sich niemand anmelden.",
  footerWhy: (site: string) => `Du bekommst diese Mail wegen deiner Aktivität auf ${site}.`,
  footerStopThis: "Diese Mails abbestellen",
  footerStopAll: (site: string) => `Alle Mails von ${site} abbestellen`,

  confirmSubject: (site: string) => `Bestätige deine E-Mail-Adresse für ${site}`,
  confirmIntro: (site: string, title: string) =>
    `Jemand (hoffentlich du) hat ${site} gebeten, Benachrichtigungen zu „${title}“ an diese Adresse zu schicken.`,
  confirmAction: "Meine Adresse bestätigen",
  confirmAfter: "Bis du bestätigst, schicken wir nichts weiter an diese Adresse. Der Link gilt 7 Tage.",
  confirmNotYou: "Nicht du? Ignoriere diese Mail oder bestelle alle Mails an diese Adresse ab:",

  replySubject: (author: string, title: string) => `${author} hat auf deinen Kommentar zu „${title}“ geantwortet`,
  replyIntro: (author: string) => `${author} hat auf deinen Kommentar geantwortet:`,
  replyYouWrote: "Du hattest geschrieben:",
  replyAction: "Antwort lesen",

  approvedSubject: (title: string) => `Dein Kommentar zu „${title}“ ist veröffentlicht`,
  approvedIntro: "Dein Kommentar hat auf die Moderation gewartet und ist jetzt veröffentlicht: Alle können ihn lesen.",
  approvedAction: "Deinen Kommentar ansehen",

  digestSubject: (n: number, title: string) =>
    one(n) ? `1 neuer Kommentar zu „${title}“` : `${n} neue Kommentare zu „${title}“`,
  digestIntro: (n: number) =>
    one(n)
      ? "In einer Diskussion, der du folgst, wurde 1 neuer Kommentar veröffentlicht:"
      : `In einer Diskussion, der du folgst, wurden ${n} neue Kommentare veröffentlicht:`,
  digestMore: (n: number) => `…und ${n} weitere.`,
  digestAction: "Diskussion lesen",
  commentBy: (author: string) => `${author} schrieb:`,
};
