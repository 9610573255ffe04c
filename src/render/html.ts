// A tiny HTML template tag: every interpolated value is escaped unless it was made with raw()
// (only for HTML we produced ourselves or sanitized on write). Arrays are joined.
import { escapeHtml } from "./escape-html.ts";

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export const raw = (value: string): SafeHtml => new SafeHtml(value);

type Value = SafeHtml | string | number | null | undefined | false | readonly Value[];

function render(v: Value): string {
  if (v === null || v === undefined || v === false) return "";
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join("");
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

/** A catalog sentence holding markup ("By {author}"): its text is escaped, and each `{name}` is filled
 *  with `values[name]`, escaped unless it is SafeHtml. An unknown `{name}` stays as written. */
export function fillHtml(template: string, values: Record<string, Value>): SafeHtml {
  const parts = template.split(/(\{\w+\})/);
  return new SafeHtml(
    parts
      .map((part) => {
        const key = /^\{(\w+)\}$/.exec(part)?.[1];
        return key !== undefined && key in values ? render(values[key]) : escapeHtml(part);
      })
      .join(""),
  );
}
