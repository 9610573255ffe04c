// The audit log: every status change, newest first, by whom ("system" for the pipeline and rules),
// from which status to which, with the reason and the revision it was decided on.
import { h } from "../dom.ts";
import { get, messageOf, withQuery } from "./api.ts";
import type { AuditEntry, AuditPage } from "./api-types.ts";
import { statusLabel } from "./describe.ts";
import { say, t } from "./lang.ts";
import { timeElement } from "./time.ts";

const audit: { comment: string; nextCursor: string | null; generation: number } = {
  comment: "",
  nextCursor: null,
  generation: 0,
};
const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export function initAudit(): void {
  byId("audit-more").addEventListener("click", () => void load(true));
}

export function showAudit({ comment = "" } = {}): Promise<void> {
  audit.comment = comment;
  const filter = byId("audit-filter");
  filter.hidden = !comment;
  filter.replaceChildren(...(comment ? [t.audit.oneComment, h("a", { href: "#/audit", text: t.audit.showAll })] : []));
  return load(false);
}

async function load(append: boolean): Promise<void> {
  const generation = append ? audit.generation : ++audit.generation;
  const body = byId("audit-body");
  const more = byId<HTMLButtonElement>("audit-more");
  if (!append) body.replaceChildren(h("p", { class: "queue-status", role: "status", text: t.audit.loading }));
  more.disabled = true;
  let data: AuditPage;
  try {
    data = await get<AuditPage>(
      withQuery("/api/moderation/audit", { comment: audit.comment, cursor: append ? audit.nextCursor : undefined }),
    );
  } catch (error) {
    if (generation !== audit.generation) return;
    more.disabled = false;
    const message = h("p", {
      class: "queue-status is-error",
      role: "alert",
      text: say(t.audit.couldNotLoad, { message: messageOf(error) }),
    });
    if (append) body.append(message);
    else body.replaceChildren(message);
    return;
  }
  if (generation !== audit.generation) return;
  let tbody = body.querySelector("tbody");
  if (!append || !tbody) {
    if (!data.items.length) {
      body.replaceChildren(h("p", { class: "queue-status is-empty", text: t.audit.none }));
      more.hidden = true;
      return;
    }
    tbody = h("tbody");
    body.replaceChildren(auditTable(tbody));
  }
  for (const row of data.items) tbody.append(auditRow(row));
  audit.nextCursor = data.nextCursor;
  more.hidden = !data.nextCursor;
  more.disabled = false;
}

function auditTable(tbody: HTMLTableSectionElement): HTMLElement {
  const headings = t.audit.columns;
  return h(
    "div",
    { class: "table-scroll" },
    h(
      "table",
      { class: "audit-table" },
      h("caption", { class: "visually-hidden", text: t.audit.caption }),
      h("thead", {}, h("tr", {}, ...headings.map((text) => h("th", { scope: "col", text })))),
      tbody,
    ),
  );
}

const status = (s: string | null) => (s ? statusLabel(s) : "—");

/** A moderator by name, an author as "Name (the author)", the pipeline and rules as "system". */
function actorCell(actor: AuditEntry["actor"]): Node | string {
  if (actor.kind === "moderator") return actor.name;
  if (actor.kind === "author")
    return h("span", { class: "actor-author", text: say(t.audit.author, { name: actor.name }) });
  return h("span", { class: "system", text: t.audit.system });
}

function auditRow(row: AuditEntry): HTMLTableRowElement {
  return h(
    "tr",
    { "data-action": row.action },
    h("td", {}, timeElement(row.createdAt)),
    h("td", {}, actorCell(row.actor)),
    h("td", { text: t.audit.actions[row.action] ?? row.action }),
    h(
      "td",
      { class: "audit-status" },
      h("span", { text: status(row.fromStatus) }),
      " → ",
      h("strong", { text: status(row.toStatus) }),
    ),
    h("td", { text: row.reason ?? "" }),
    h(
      "td",
      { class: "audit-comment" },
      h("a", {
        href: `#/audit?comment=${encodeURIComponent(row.commentId)}`,
        title: say(t.audit.history, { revision: row.revision }),
        text: row.comment.authorName,
      }),
      h("span", { class: "audit-thread", text: say(t.audit.on, { title: row.comment.threadTitle }) }),
    ),
  );
}
