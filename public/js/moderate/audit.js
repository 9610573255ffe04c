// The audit log: every status change, newest first, by whom ("system" for the pipeline and rules),
// from which status to which, with the reason and the revision it was decided on.
import { get, withQuery } from "./api.js";
import { AUDIT_ACTIONS, STATUS_LABELS } from "./describe.js";
import { el, timeElement } from "./dom.js";

const audit = { comment: "", nextCursor: null, generation: 0 };

export function initAudit() {
  document.getElementById("audit-more").addEventListener("click", () => load(true));
}

export function showAudit({ comment = "" } = {}) {
  audit.comment = comment;
  const filter = document.getElementById("audit-filter");
  filter.hidden = !comment;
  filter.replaceChildren(
    ...(comment ? ["Showing one comment’s history. ", el("a", { href: "#/audit", text: "Show everything" })] : []),
  );
  return load(false);
}

async function load(append) {
  const generation = append ? audit.generation : ++audit.generation;
  const body = document.getElementById("audit-body");
  const more = document.getElementById("audit-more");
  if (!append) body.replaceChildren(el("p", { class: "queue-status", role: "status", text: "Loading the audit log…" }));
  more.disabled = true;
  let data;
  try {
    data = await get(
      withQuery("/api/moderation/audit", { comment: audit.comment, cursor: append ? audit.nextCursor : undefined }),
    );
  } catch (error) {
    if (generation !== audit.generation) return;
    more.disabled = false;
    const message = el("p", {
      class: "queue-status is-error",
      role: "alert",
      text: `Could not load the audit log: ${error.message}`,
    });
    if (append) body.append(message);
    else body.replaceChildren(message);
    return;
  }
  if (generation !== audit.generation) return;
  let tbody = body.querySelector("tbody");
  if (!append || !tbody) {
    if (!data.items.length) {
      body.replaceChildren(el("p", { class: "queue-status is-empty", text: "No moderation actions yet." }));
      more.hidden = true;
      return;
    }
    tbody = el("tbody");
    body.replaceChildren(
      el(
        "div",
        { class: "table-scroll" },
        el(
          "table",
          { class: "audit-table" },
          el("caption", { class: "visually-hidden", text: "Moderation actions, newest first" }),
          el(
            "thead",
            {},
            el(
              "tr",
              {},
              ["When", "Who", "Action", "Status", "Reason", "Comment"].map((h) => el("th", { scope: "col", text: h })),
            ),
          ),
          tbody,
        ),
      ),
    );
  }
  for (const row of data.items) tbody.append(auditRow(row));
  audit.nextCursor = data.nextCursor;
  more.hidden = !data.nextCursor;
  more.disabled = false;
}

const status = (s) => (s ? (STATUS_LABELS[s] ?? s) : "—");

/** A moderator by name, an author as "Name (the author)", the pipeline and rules as "system". */
function actorCell(actor) {
  if (actor.kind === "moderator") return actor.name;
  if (actor.kind === "author") return el("span", { class: "actor-author", text: `${actor.name} (the author)` });
  return el("span", { class: "system", text: "system" });
}

function auditRow(row) {
  return el(
    "tr",
    { dataset: { action: row.action } },
    el("td", {}, timeElement(row.createdAt)),
    el("td", {}, actorCell(row.actor)),
    el("td", { text: AUDIT_ACTIONS[row.action] ?? row.action }),
    el(
      "td",
      { class: "audit-status" },
      el("span", { text: status(row.fromStatus) }),
      " → ",
      el("strong", { text: status(row.toStatus) }),
    ),
    el("td", { text: row.reason ?? "" }),
    el(
      "td",
      { class: "audit-comment" },
      el("a", {
        href: `#/audit?comment=${encodeURIComponent(row.commentId)}`,
        title: `This comment’s history (revision ${row.revision})`,
        text: row.comment?.authorName ?? row.commentId,
      }),
      row.comment ? el("span", { class: "audit-thread", text: ` on ${row.comment.threadTitle}` }) : "",
    ),
  );
}
