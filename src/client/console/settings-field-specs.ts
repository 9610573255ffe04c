// The settings src/config/site-settings.ts defines, in the order and groups the settings form shows
// them, worded for a site admin rather than as the JSON keys. A setting not listed still gets a field
// (settings-fields.ts picks one from its value's type), so a new setting never disappears from the form.
export type FieldKind = "select" | "number" | "optional-number" | "list" | "boolean" | "text" | "json";

export type FieldSpec = {
  group: string;
  key: string;
  label: string;
  kind: FieldKind;
  options?: [value: string, text: string][];
  min?: number;
  max?: number;
  step?: number;
  help?: string;
};

export const FIELDS: FieldSpec[] = [
  {
    group: "Moderation",
    key: "mode",
    label: "Moderation mode",
    kind: "select",
    options: [
      ["pre-moderate-first-time", "Hold first-time commenters"],
      ["pre-moderate-all", "Hold every comment"],
      ["post-moderate", "Publish at once"],
    ],
  },
  {
    group: "Moderation",
    key: "firstTimeApprovedThreshold",
    label: "Approved comments before an author is trusted",
    kind: "number",
    min: 1,
    max: 100,
    help: "In “hold first-time commenters” mode; the author is matched by email and name.",
  },
  {
    group: "Moderation",
    key: "maxLinks",
    label: "Hold comments with this many links",
    kind: "number",
    min: 0,
    max: 100,
    help: "Or more. 0 = off; WordPress uses 2.",
  },
  {
    group: "Moderation",
    key: "reportThreshold",
    label: "Reader reports that hold a comment",
    kind: "number",
    min: 1,
    max: 1000,
  },
  {
    group: "Words",
    key: "bannedWords",
    label: "Banned words (rejected)",
    kind: "list",
    help: "One per line; whole words, any case; word* matches words starting with it.",
  },
  {
    group: "Words",
    key: "suspectWords",
    label: "Suspect words (held)",
    kind: "list",
    help: "One per line, matched like banned words.",
  },
  { group: "Refusals", key: "minLength", label: "Shortest comment (characters)", kind: "number", min: 1, max: 1000 },
  { group: "Refusals", key: "maxLength", label: "Longest comment (characters)", kind: "number", min: 10, max: 100000 },
  {
    group: "Refusals",
    key: "floodSeconds",
    label: "Seconds between one email’s comments",
    kind: "number",
    min: 0,
    max: 3600,
    help: "0 = off; WordPress uses 15.",
  },
  {
    group: "Refusals",
    key: "floodPerAddress",
    label: "Comments from one network in that time",
    kind: "number",
    min: 1,
    max: 100,
    help: "Readers sharing an office or phone network, under different emails.",
  },
  {
    group: "Refusals",
    key: "duplicateWindowMinutes",
    label: "Refuse a repeated comment within (minutes)",
    kind: "number",
    min: 0,
    help: "0 = off; 1440 = a day.",
  },
  {
    group: "Threads",
    key: "autoCloseAfterDays",
    label: "Close comments after (days)",
    kind: "number",
    min: 0,
    max: 36500,
    help: "Counted from the article’s date. 0 = never.",
  },
  {
    group: "Threads",
    key: "editWindowMinutes",
    label: "Minutes an author may edit or delete",
    kind: "number",
    min: 0,
    max: 1440,
    help: "Until someone replies. 0 = never.",
  },
  {
    group: "Threads",
    key: "commentsPerPage",
    label: "Top-level comments per page",
    kind: "number",
    min: 1,
    max: 500,
    help: "Each with all its replies. Older pages are linked from the newest; WordPress uses 50.",
  },
  {
    group: "Threads",
    key: "showPingbacks",
    label: "Show pingbacks and trackbacks",
    kind: "boolean",
    help: "Imported from WordPress. Hidden, they are kept (and not counted in the responses) until shown again.",
  },
  {
    group: "Threads",
    key: "language",
    label: "Language of the comment pages",
    kind: "select",
    options: [
      ["auto", "The reader’s browser language (English, German or French)"],
      ["en", "English"],
      ["de", "German (Deutsch)"],
      ["fr", "French (Français)"],
    ],
    help: "The article pages, sign-in and “Your data” pages. The widget follows the page it is embedded in.",
  },
  // src/citations/citation-settings.ts: worded for a site admin, not as the JSON keys.
  {
    group: "Links and sources",
    key: "linkAllowDomains",
    label: "Only allow links to these domains",
    kind: "list",
    help: "One per line, subdomains included. Empty = any domain. Other links are held.",
  },
  {
    group: "Links and sources",
    key: "linkDenyDomains",
    label: "Hold links to these domains",
    kind: "list",
    help: "One per line, subdomains included; also when a link redirects there.",
  },
  {
    group: "Links and sources",
    key: "linkAllowedSchemes",
    label: "Allowed link schemes",
    kind: "list",
    help: "One per line (http, https, …). Links with any other scheme are held.",
  },
  {
    group: "Links and sources",
    key: "holdUrlShorteners",
    label: "Hold links through URL shorteners (bit.ly, t.co, …)",
    kind: "boolean",
  },
  {
    group: "Links and sources",
    key: "holdPunycodeHosts",
    label: "Hold links to internationalised (punycode) domains",
    kind: "boolean",
  },
  {
    group: "Links and sources",
    key: "holdMixedScriptHosts",
    label: "Hold lookalike domains that mix alphabets",
    kind: "boolean",
  },
  {
    group: "Links and sources",
    key: "holdUnresolvedCitations",
    label: "Hold a comment citing [X] with no source listed",
    kind: "boolean",
  },
  {
    group: "Links and sources",
    key: "holdBrokenLinks",
    label: "Hold a comment whose links are broken",
    kind: "boolean",
  },
  {
    group: "Links and sources",
    key: "holdUntilLinksChecked",
    label: "Hold every comment with links until they are checked",
    kind: "boolean",
  },
  {
    group: "Links and sources",
    key: "linkCheckBlocking",
    label: "Check links before answering the poster",
    kind: "boolean",
  },
  {
    group: "Links and sources",
    key: "linkCheckBlockingMs",
    label: "Longest wait for that check (milliseconds)",
    kind: "number",
    min: 200,
    max: 10000,
    help: "Only when links are checked before answering.",
  },
];
