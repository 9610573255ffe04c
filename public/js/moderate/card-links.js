// A queue item's links as the console shows them: for each, what the checker found (state and final
// status), the page title, domain → final domain, the redirect chain hop by hop, why it failed, and
// whether its #fragment is on the page. All of it is text; nothing from a link becomes markup.
import { LINK_ERRORS, LINK_STATES } from "./describe.js";
import { el, plural, safeHref } from "./dom.js";

export function linkList(item) {
  if (!item.links?.length) return null;
  return el(
    "div",
    { class: "card-links" },
    el("h4", { text: plural(item.links.length, "link") }),
    el("ul", {}, item.links.map(linkRow)),
  ); // the API lists them in reading order
}

function linkRow(link) {
  const state = LINK_STATES[link.state] ?? { label: link.state, tone: "quiet", help: "" };
  const status = link.httpStatus ? `${state.label} · ${link.httpStatus}` : state.label;
  return el(
    "li",
    { class: "link-row", dataset: { state: link.state } },
    el(
      "div",
      { class: "link-head" },
      el("span", { class: `link-state tone-${state.tone}`, title: state.help, text: status }),
      link.label ? el("span", { class: "link-label", text: `[${link.label}]` }) : null,
      el("a", {
        href: safeHref(link.url),
        rel: "noopener noreferrer nofollow",
        target: "_blank",
        class: "link-url",
        text: link.url,
      }),
    ),
    el(
      "div",
      { class: "link-facts" },
      domains(link),
      link.title ? el("span", { class: "link-title", text: `“${link.title}”` }) : null,
      link.error ? el("span", { class: "link-error", text: LINK_ERRORS[link.error] ?? link.error }) : null,
      fragmentNote(link.fragment),
    ),
    redirectChain(link),
  );
}

/** "example.org → other.example" when the redirects ended on another host. */
function domains(link) {
  const elsewhere = link.finalDomain && link.finalDomain !== link.domain;
  return el(
    "span",
    { class: "link-domain" },
    link.domain,
    elsewhere ? [" → ", el("strong", { class: "link-final-domain", text: link.finalDomain })] : null,
  );
}

const FRAGMENT_WORDS = { found: "found on the page", missing: "not found on the page", unknown: "not checked" };

function fragmentNote(fragment) {
  if (!fragment) return null;
  const tone = fragment.status === "missing" ? "tone-warn" : "tone-quiet";
  return el("span", {
    class: `link-fragment ${tone}`,
    dataset: { status: fragment.status },
    text: `#${fragment.fragment} ${FRAGMENT_WORDS[fragment.status] ?? ""}`,
  });
}

/** Every hop with the status it answered, then where it ended; open by default when it left the site. */
function redirectChain(link) {
  const hops = Array.isArray(link.redirectChain) ? link.redirectChain : [];
  if (!hops.length) return null;
  const end = link.finalUrl ? [{ url: link.finalUrl, status: link.httpStatus, final: true }] : [];
  const summary = `${plural(hops.length, "redirect")} → ${link.finalDomain ?? "?"}${link.httpStatus ? ` (${link.httpStatus})` : ""}`;
  return el(
    "details",
    { class: "link-chain", open: Boolean(link.finalDomain && link.finalDomain !== link.domain) },
    el("summary", { text: summary }),
    el(
      "ol",
      {},
      [...hops, ...end].map((hop) =>
        el(
          "li",
          { class: hop.final ? "chain-final" : "" },
          el("code", { class: "chain-status", text: hop.status ? String(hop.status) : "—" }),
          " ",
          el("span", { class: "chain-url", text: hop.url }),
        ),
      ),
    ),
  );
}
