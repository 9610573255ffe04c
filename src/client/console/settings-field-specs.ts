// The settings src/config/site-settings.ts defines, in the order and groups the settings form shows
// them, with the input each needs. Their words (label, hint, choices) are in the console's catalog
// (t.admin.fields, by key). A setting not listed still gets a field (settings-fields.ts picks one from
// its value's type), so a new setting never disappears from the form.
export type FieldKind = "select" | "number" | "optional-number" | "list" | "boolean" | "text" | "json";
export type FieldGroup = "moderation" | "words" | "refusals" | "threads" | "links" | "other";

export type FieldSpec = {
  group: FieldGroup;
  key: string;
  kind: FieldKind;
  /** The values of a select, in order (their words: the catalog's field options). */
  options?: string[];
  min?: number;
  max?: number;
  step?: number;
};

export const FIELDS: FieldSpec[] = [
  {
    group: "moderation",
    key: "mode",
    kind: "select",
    options: ["pre-moderate-first-time", "pre-moderate-all", "post-moderate"],
  },
  { group: "moderation", key: "firstTimeApprovedThreshold", kind: "number", min: 1, max: 100 },
  { group: "moderation", key: "maxLinks", kind: "number", min: 0, max: 100 },
  { group: "moderation", key: "reportThreshold", kind: "number", min: 1, max: 1000 },
  { group: "moderation", key: "spamMinDecisions", kind: "number", min: 0, max: 100000 },
  { group: "moderation", key: "spamHoldScore", kind: "number", min: 0, max: 1, step: 0.01 },
  { group: "moderation", key: "spamRejectScore", kind: "number", min: 0, max: 1, step: 0.01 },
  { group: "words", key: "bannedWords", kind: "list" },
  { group: "words", key: "suspectWords", kind: "list" },
  { group: "refusals", key: "minLength", kind: "number", min: 1, max: 1000 },
  { group: "refusals", key: "maxLength", kind: "number", min: 10, max: 100000 },
  { group: "refusals", key: "floodSeconds", kind: "number", min: 0, max: 3600 },
  { group: "refusals", key: "floodPerAddress", kind: "number", min: 1, max: 100 },
  { group: "refusals", key: "duplicateWindowMinutes", kind: "number", min: 0 },
  { group: "refusals", key: "proofOfWork", kind: "boolean" },
  { group: "refusals", key: "proofOfWorkDifficulty", kind: "number", min: 1000, max: 10000000 },
  { group: "threads", key: "autoCloseAfterDays", kind: "number", min: 0, max: 36500 },
  { group: "threads", key: "editWindowMinutes", kind: "number", min: 0, max: 1440 },
  { group: "threads", key: "commentsPerPage", kind: "number", min: 1, max: 500 },
  { group: "threads", key: "showPingbacks", kind: "boolean" },
  { group: "threads", key: "language", kind: "select", options: ["auto", "en", "de", "fr"] },
  { group: "links", key: "linkAllowDomains", kind: "list" },
  { group: "links", key: "linkDenyDomains", kind: "list" },
  { group: "links", key: "linkAllowedSchemes", kind: "list" },
  { group: "links", key: "holdUrlShorteners", kind: "boolean" },
  { group: "links", key: "holdPunycodeHosts", kind: "boolean" },
  { group: "links", key: "holdMixedScriptHosts", kind: "boolean" },
  { group: "links", key: "holdUnresolvedCitations", kind: "boolean" },
  { group: "links", key: "holdBrokenLinks", kind: "boolean" },
  { group: "links", key: "holdUntilLinksChecked", kind: "boolean" },
  { group: "links", key: "linkCheckBlocking", kind: "boolean" },
  { group: "links", key: "linkCheckBlockingMs", kind: "number", min: 200, max: 10000 },
  { group: "links", key: "linkCheckMaxPerComment", kind: "number", min: 0, max: 200 },
  { group: "links", key: "linkCheckMaxPerPosterPerHour", kind: "number", min: 0, max: 10000 },
  { group: "links", key: "linkChecksMayHoldImported", kind: "boolean" },
  // Who may comment (src/identity/): no other group fits them. The values are COMMENTING_MODES, written
  // out so the console's bundle does not take in the settings' schema (a unit test keeps them equal).
  { group: "other", key: "commenting", kind: "select", options: ["anonymous", "signed-in-only", "anonymous-held"] },
  { group: "other", key: "signInProviders", kind: "list" },
];
