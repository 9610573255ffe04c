// The server's English messages a reader may see (refusals, field errors, citation hints), in the
// page's language: a message that reads exactly like one of the English catalog's serverMessages
// (a `{name}` there matches any text, which is carried over) becomes that message in `m`. Anything
// else stays as the server wrote it. Used by the server's pages and by the article page's script, so
// the API stays English for every other client (the console, scripts).
import { enPages } from "./en.ts";
import { fill } from "./messages.ts";
import type { PageCatalog } from "./page-catalogs.ts";

type Key = keyof typeof enPages.serverMessages;
type Pattern = { key: Key; re: RegExp; names: string[] };

let patterns: Pattern[] | undefined;

function compile(): Pattern[] {
  return (Object.entries(enPages.serverMessages) as [Key, string][]).map(([key, template]) => {
    const names: string[] = [];
    const source = template
      .split(/(\{\w+\})/)
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        names.push(name);
        return "(.+?)";
      })
      .join("");
    return { key, re: new RegExp(`^${source}$`), names };
  });
}

export function translateMessage(m: PageCatalog, message: string): string {
  if (m.lang === "en") return message;
  for (const { key, re, names } of (patterns ??= compile())) {
    const found = re.exec(message);
    if (!found) continue;
    return fill(m.serverMessages[key], Object.fromEntries(names.map((name, i) => [name, found[i + 1] ?? ""])));
  }
  return message;
}

/** An API error's message and per-field messages, in the page's language. */
export function translateApiError<E extends { message?: string; fields?: Record<string, string> }>(
  m: PageCatalog,
  error: E | undefined,
): E | undefined {
  if (!error) return error;
  const fields = error.fields
    ? Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k, translateMessage(m, v)]))
    : undefined;
  return {
    ...error,
    ...(error.message !== undefined ? { message: translateMessage(m, error.message) } : {}),
    ...(fields ? { fields } : {}),
  };
}
