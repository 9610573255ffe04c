// One settings field: a label, the right input for the value's kind, a hint, an error line, and for
// article overrides an "Override" box. Known settings get words and limits (settings-field-specs.ts);
// unknown ones still get a field chosen from their value's type.
import { h } from "../dom.ts";
import { t } from "./lang.ts";
import { FIELDS, type FieldKind, type FieldSpec } from "./settings-field-specs.ts";

export const INVALID = Symbol("invalid");
export type FieldValue = unknown;

export type SettingsField = {
  key: string;
  group: string;
  /** The group's heading, in the console's language. */
  groupName: string;
  node: HTMLElement;
  /** The value as entered, or INVALID (and the field shows why). */
  read(): FieldValue;
  write(value: FieldValue): void;
  setError(message: string): void;
  focus(): void;
  isOverridden(): boolean;
};

type FieldOptions = { idPrefix: string; overridable?: boolean; overridden?: boolean; siteValue?: FieldValue };
type Input = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export const specOf = (key: string): FieldSpec | undefined => FIELDS.find((f) => f.key === key);

function inferKind(value: FieldValue): FieldKind {
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return "number";
  if (typeof value === "string") return "text";
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return "list";
  return "json";
}

const humanize = (key: string) => {
  const words = key
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[-_]+/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function fieldFor(key: string, value: FieldValue, opts: FieldOptions): SettingsField {
  const { idPrefix, overridable = false, overridden = false, siteValue } = opts;
  const spec: FieldSpec = specOf(key) ?? { group: "other", key, kind: inferKind(siteValue ?? value) };
  const words = t.admin.fields[key] ?? { label: humanize(key) };
  const id = `${idPrefix}-${key}`;
  const input = inputFor(spec, id);
  const error = h("span", { class: "field-error", id: `${id}-error`, hidden: true });
  const hint = words.help ? h("span", { class: "field-hint", id: `${id}-hint`, text: words.help }) : null;
  input.setAttribute("aria-describedby", [hint && `${id}-hint`, `${id}-error`].filter(Boolean).join(" "));
  const label = h("label", { for: id, text: words.label });
  const overrideBox = overridable
    ? h("input", { type: "checkbox", id: `${id}-override`, class: "override-box" })
    : null;
  const wrap = h("div", { class: `form-field field-${spec.kind}`, "data-setting": key });
  if (spec.kind === "boolean") wrap.append(h("span", { class: "check-line" }, input, label));
  else wrap.append(label, input);
  wrap.append(hint ?? "", error);

  const write = (v: FieldValue) => {
    if (input instanceof HTMLInputElement && input.type === "checkbox") input.checked = !!v;
    else if (spec.kind === "list") input.value = (Array.isArray(v) ? v : []).join("\n");
    else if (spec.kind === "json") input.value = JSON.stringify(v ?? null, null, 2);
    else input.value = typeof v === "string" || typeof v === "number" ? String(v) : "";
  };

  const setError = (message: string) => {
    error.textContent = message;
    error.hidden = !message;
    wrap.classList.toggle("has-error", !!message);
    if (message) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  };

  const read = (): FieldValue => {
    const raw = input.value.trim();
    switch (spec.kind) {
      case "boolean":
        return input instanceof HTMLInputElement && input.checked;
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
          return JSON.parse(raw) as FieldValue;
        } catch {
          setError(t.admin.notJson);
          return INVALID;
        }
      default: {
        if (raw === "" && spec.kind === "optional-number") return null;
        const n = Number(raw);
        if (raw === "" || !Number.isFinite(n)) {
          setError(t.admin.enterNumber);
          return INVALID;
        }
        return n;
      }
    }
  };

  if (overrideBox) {
    wrap.prepend(
      h("span", { class: "override-line" }, overrideBox, h("label", { for: overrideBox.id, text: t.admin.override })),
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

  return {
    key,
    group: spec.group,
    groupName: t.admin.groups[spec.group],
    node: wrap,
    read,
    write,
    setError,
    focus: () => input.focus(),
    isOverridden: () => !overrideBox || overrideBox.checked,
  };
}

function inputFor(spec: FieldSpec, id: string): Input {
  switch (spec.kind) {
    case "boolean":
      return h("input", { type: "checkbox", id, name: spec.key });
    case "select":
      return h(
        "select",
        { id, name: spec.key },
        ...(spec.options ?? []).map((value) =>
          h("option", { value, text: t.admin.fields[spec.key]?.options?.[value] ?? value }),
        ),
      );
    case "list":
      return h("textarea", { id, name: spec.key, rows: "4", placeholder: t.admin.onePerLine });
    case "json":
      return h("textarea", { id, name: spec.key, rows: "4", class: "mono" });
    case "text":
      return h("input", { type: "text", id, name: spec.key });
    default:
      return h("input", {
        type: "number",
        id,
        name: spec.key,
        inputmode: "numeric",
        min: spec.min,
        max: spec.max,
        step: spec.step ?? "1",
        placeholder: spec.kind === "optional-number" ? t.admin.off : undefined,
      });
  }
}
