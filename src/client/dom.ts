// The one DOM helper of the browser code (article page, widget, console). h() builds elements:
// strings become text nodes, never markup. The only HTML ever parsed is the shared comment view's
// output (fromHtml: escaped by the html`` tag, the body sanitized by the server on write).
import type { SafeHtml } from "../render/html.ts";

type Attrs = Record<string, string | number | boolean | null | undefined>;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = String(value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children)
    if (child) parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
}

/** Only http(s) URLs become links: nothing from the API or the host turns into javascript: hrefs. */
export function safeHref(url: unknown): string | null {
  if (typeof url !== "string") return null;
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

/** The comment body as the server rendered and sanitized it (an allow-list, on write). */
export function setSanitizedHtml(node: Element, bodyHtml: string): void {
  node.innerHTML = bodyHtml;
  // Links in comments leave the widget: open them in a new tab without handing over window.opener.
  for (const a of node.querySelectorAll("a[href]")) {
    a.setAttribute("target", "_blank");
    a.setAttribute("rel", "nofollow ugc noopener noreferrer");
  }
}

let idCounter = 0;
/** Ids unique inside one shadow root, for label/for and aria-describedby pairs. */
export const uid = (prefix: string): string => `${prefix}-${++idCounter}`;

/** The element the shared view's markup describes (one root element). */
export function fromHtml<T extends Element = HTMLElement>(markup: SafeHtml): T {
  const template = document.createElement("template");
  template.innerHTML = markup.value.trim();
  return template.content.firstElementChild as T;
}
