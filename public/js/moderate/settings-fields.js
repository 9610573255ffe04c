// One settings field: a label, the right input for the value's kind, a hint, an error line, and for
// article overrides an "Override" box. Known settings get words and limits; unknown ones still get
// a field chosen from their value's type, so a new setting never disappears from the form.
import { el } from "./dom.js";

export const INVALID = Symbol("invalid");

/** The settings src/config/site-settings.ts defines, in the order and groups shown. */
export const FIELDS = [
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
  {
    group: "Links and sources",
    key: "linkCheckMaxPerComment",
    label: "Links checked per comment",
    kind: "number",
    min: 0,
    max: 200,
    help: "The first ones, in reading order; the rest show “not checked”.",
  },
  {
    group: "Links and sources",
    key: "linkCheckMaxPerPosterPerHour",
    label: "Links checked per poster per hour",
    kind: "number",
    min: 0,
    max: 10000,
    help: "By signed-in account, else by network address; beyond it, links show “not checked”. 0 = no limit.",
  },
];

function inferKind(value) {
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return "number";
  if (typeof value === "string") return "text";
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return "list";
  return "json";
}

const humanize = (key) => {
  const words = key
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[-_]+/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function fieldFor(key, value, { idPrefix, overridable = false, overridden = false, siteValue } = {}) {
  const spec = FIELDS.find((f) => f.key === key) ?? {
    group: "Other",
    key,
    label: humanize(key),
    kind: inferKind(siteValue ?? value),
  };
  const id = `${idPrefix}-${key}`;
  const input = inputFor(spec, id);
  const error = el("span", { class: "field-error", id: `${id}-error`, hidden: true });
  const hint = spec.help ? el("span", { class: "field-hint", id: `${id}-hint`, text: spec.help }) : null;
  input.setAttribute("aria-describedby", [hint && `${id}-hint`, `${id}-error`].filter(Boolean).join(" "));
  const label = el("label", { for: id, text: spec.label });
  const overrideBox = overridable
    ? el("input", { type: "checkbox", id: `${id}-override`, class: "override-box" })
    : null;
  const wrap = el("div", { class: `form-field field-${spec.kind}`, dataset: { setting: key } });
  if (spec.kind === "boolean") wrap.append(el("span", { class: "check-line" }, input, label));
  else wrap.append(label, input);
  wrap.append(hint ?? "", error);
  if (overrideBox) {
    wrap.prepend(
      el("span", { class: "override-line" }, overrideBox, el("label", { for: overrideBox.id, text: "Override" })),
    );
    overrideBox.checked = overridden;
    const sync = () => {
      input.disabled = !overrideBox.checked;
      wrap.classList.toggle("is-inherited", !overrideBox.checked);
      if (!overrideBox.checked) write(siteValue);
    };
    overrideBox.addEventListener("change", sync);
    sync();
  }
  write(value);

  function write(v) {
    if (spec.kind === "boolean") input.checked = !!v;
    else if (spec.kind === "list") input.value = (v ?? []).join("\n");
    else if (spec.kind === "json") input.value = JSON.stringify(v ?? null, null, 2);
    else input.value = v === null || v === undefined ? "" : String(v);
  }

  function setError(message) {
    error.textContent = message;
    error.hidden = !message;
    wrap.classList.toggle("has-error", !!message);
    if (message) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }

  function read() {
    const raw = typeof input.value === "string" ? input.value.trim() : "";
    switch (spec.kind) {
      case "boolean":
        return input.checked;
      case "list":
        return raw
          .split("\n")
          .map((s) => s.trim())
          .filter(Boolean);
      case "select":
      case "text":
        return raw;
      case "json":
        try {
          return JSON.parse(raw);
        } catch {
          setError("This is not valid JSON.");
          return INVALID;
        }
      default: {
        if (raw === "" && spec.kind === "optional-number") return null;
        const n = Number(raw);
        if (raw === "" || !Number.isFinite(n)) {
          setError("Enter a number.");
          return INVALID;
        }
        return n;
      }
    }
  }

  return {
    key,
    group: spec.group,
    node: wrap,
    read,
    write,
    setError,
    focus: () => input.focus(),
    isOverridden: () => !overrideBox || overrideBox.checked,
  };
}

function inputFor(spec, id) {
  switch (spec.kind) {
    case "boolean":
      return el("input", { type: "checkbox", id, name: spec.key });
    case "select":
      return el(
        "select",
        { id, name: spec.key },
        spec.options.map(([value, text]) => el("option", { value, text })),
      );
    case "list":
      return el("textarea", { id, name: spec.key, rows: "4", placeholder: "One per line" });
    case "json":
      return el("textarea", { id, name: spec.key, rows: "4", class: "mono" });
    case "text":
      return el("input", { type: "text", id, name: spec.key });
    default:
      return el("input", {
        type: "number",
        id,
        name: spec.key,
        inputmode: "numeric",
        min: spec.min,
        max: spec.max,
        step: spec.step ?? "1",
        placeholder: spec.kind === "optional-number" ? "Off" : undefined,
      });
  }
}
