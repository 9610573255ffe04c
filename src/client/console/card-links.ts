// A queue item's links as the console shows them: for each, what the checker found (the shared state
// vocabulary with the final status), the page title, domain → final domain, the redirect chain hop by
// hop, why it failed, and whether its #fragment is on the page. All of it is text; nothing from a link
// becomes markup.
import { h, safeHref } from "../dom.ts";
import { shownFragment, sourceState } from "../views/source-states.ts";
import type { ModeratorLink, QueueItem } from "./api-types.ts";
import { count, readerWords, t } from "./lang.ts";

export function linkList(item: QueueItem): HTMLElement | null {
  if (!item.links.length) return null;
  return h(
    "div",
    { class: "card-links" },
    h("h4", { text: count(t.links, item.links.length) }),
    h("ul", {}, ...item.links.map(linkRow)), // the API lists them in reading order
  );
}

function linkRow(link: ModeratorLink): HTMLElement {
  const state = sourceState(link.state); // the readers' mark and tone; moderators get the precise state
  const words = t.stateLabels[link.state] ?? readerWords[state.words];
  return h(
    "li",
    { class: "link-row", "data-state": link.state },
    h(
      "div",
      { class: "link-head" },
      h(
        "span",
        { class: `link-state tone-${state.tone}`, title: t.stateHelp[link.state] ?? "" },
        h("span", { class: "link-mark", "aria-hidden": "true", text: state.mark }),
        ` ${link.httpStatus ? `${words} · ${link.httpStatus}` : words}`,
      ),
      link.label ? h("span", { class: "link-label", text: `[${link.label}]` }) : null,
      h("a", {
        href: safeHref(link.url),
        rel: "noopener noreferrer nofollow",
        target: "_blank",
        class: "link-url",
        text: link.url,
      }),
    ),
    h(
      "div",
      { class: "link-facts" },
      domains(link),
      link.title ? h("span", { class: "link-title", text: `“${link.title}”` }) : null,
      link.error ? h("span", { class: "link-error", text: t.linkErrors[link.error] ?? link.error }) : null,
      fragmentNote(link.fragment),
    ),
    redirectChain(link),
  );
}

/** "example.org → other.example" when the redirects ended on another host. */
function domains(link: ModeratorLink): HTMLElement {
  const elsewhere = link.finalDomain && link.finalDomain !== link.domain;
  return h(
    "span",
    { class: "link-domain" },
    link.domain,
    elsewhere ? " → " : null,
    elsewhere ? h("strong", { class: "link-final-domain", text: link.finalDomain }) : null,
  );
}

function fragmentNote(fragment: ModeratorLink["fragment"]): HTMLElement | null {
  if (!fragment) return null;
  const tone = fragment.status === "missing" ? "tone-warn" : "tone-quiet";
  return h("span", {
    class: `link-fragment ${tone}`,
    "data-status": fragment.status,
    text: `#${shownFragment(fragment.fragment)} ${t.fragment[fragment.status] ?? ""}`,
  });
}

/** Every hop with the status it answered, then where it ended; open by default when it left the site. */
function redirectChain(link: ModeratorLink): HTMLElement | null {
  const hops = link.redirectChain;
  if (!hops.length) return null;
  const end = link.finalUrl ? [{ url: link.finalUrl, status: link.httpStatus, final: true }] : [];
  const summary = `${count(t.redirects, hops.length)} → ${link.finalDomain ?? "?"}${link.httpStatus ? ` (${link.httpStatus})` : ""}`;
  return h(
    "details",
    { class: "link-chain", open: Boolean(link.finalDomain && link.finalDomain !== link.domain) },
    h("summary", { text: summary }),
    h(
      "ol",
      {},
      ...[...hops.map((hop) => ({ ...hop, final: false })), ...end].map((hop) =>
        h(
          "li",
          { class: hop.final ? "chain-final" : null },
          h("code", { class: "chain-status", text: hop.status ? String(hop.status) : "—" }),
          " ",
          h("span", { class: "chain-url", text: hop.url }),
        ),
      ),
    ),
  );
}
