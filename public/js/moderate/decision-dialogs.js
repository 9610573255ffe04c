// The two questions the console asks before some decisions, as native <dialog>s in the page shell
// (src/views/moderate-page.ts): focus moves into the dialog, Esc cancels, and the caller returns
// focus to the card. Each resolves with the answer, or null when the moderator cancelled.
import { get } from "./api.js";
import { plural } from "./dom.js";

/**
 * Ban: shows what the ban takes down (GET …/ban-preview) and asks whether their published comments
 * go too. Resolves { reason, rejectPublished }, { unban: true } (already banned, and the moderator
 * lifts the ban instead), or null.
 */
export async function confirmBan(item) {
  const preview = await get(`/api/moderation/comments/${encodeURIComponent(item.id)}/ban-preview`);
  const dialog = document.getElementById("ban-dialog");
  const form = document.getElementById("ban-form");
  form.reset();
  const { pending, held, published } = preview.others;
  const waiting = pending + held;
  document.getElementById("ban-title").textContent = `Ban ${item.authorName}?`;
  const parts = [pending ? `${pending} pending` : "", held ? `${held} held` : ""].filter(Boolean).join(", ");
  document.getElementById("ban-summary").textContent =
    `Their email (${preview.comment.authorEmail}) and address can no longer comment on this site. ` +
    // targetStatus("ban-author") in src/moderation/moderation-actions.ts: only a visible or waiting comment changes.
    (["pending", "held", "published"].includes(item.status)
      ? "This comment is rejected"
      : `This comment stays ${item.status}`) +
    (waiting
      ? `, and ${plural(waiting, "other comment")} of theirs still waiting (${parts}) ${waiting === 1 ? "is" : "are"} rejected too.`
      : "; they have no other comments waiting.");
  document.getElementById("ban-already").hidden = !preview.alreadyBanned;
  document.getElementById("ban-lift").hidden = !preview.alreadyBanned;
  const row = document.getElementById("ban-published-row");
  row.hidden = published === 0;
  document.getElementById("ban-published-label").textContent =
    `Also take down their ${plural(published, "published comment")}`;
  const answer = await ask(dialog, document.getElementById("ban-reason"));
  const reason = document.getElementById("ban-reason").value.trim() || undefined;
  if (answer === "unban" && preview.alreadyBanned) return { unban: true, reason };
  if (answer !== "confirm") return null;
  return { reason, rejectPublished: published > 0 && document.getElementById("ban-reject-published").checked };
}

/** Reject or spam with a reason: a preset, free text, or both. Resolves { action, reason } or null. */
export async function askReason(action, item) {
  const dialog = document.getElementById("reason-dialog");
  const form = document.getElementById("reason-form");
  form.reset();
  form.elements.action.value = action === "spam" ? "spam" : "reject";
  document.getElementById("reason-title").textContent = item
    ? `Decide on the comment by ${item.authorName}`
    : "Decide on the ticked comments";
  const confirm = document.getElementById("reason-confirm");
  const error = document.getElementById("reason-error");
  error.hidden = true;
  const label = () => {
    confirm.textContent = form.elements.action.value === "spam" ? "Mark as spam" : "Reject";
  };
  label();
  form.onchange = label;
  // "Other" needs the text; refuse to close without it rather than record an empty reason.
  confirm.onclick = (e) => {
    if (!form.elements.preset.value && !form.elements.details.value.trim()) {
      e.preventDefault();
      error.textContent = "Write the reason, or pick one of the reasons above.";
      error.hidden = false;
      form.elements.details.focus();
    }
  };
  const answer = await ask(dialog, form.querySelector("input[name=preset]:checked"));
  if (answer !== "confirm") return null;
  const details = form.elements.details.value.trim();
  const preset = form.elements.preset.value;
  return { action: form.elements.action.value, reason: [preset, details].filter(Boolean).join(": ").slice(0, 500) };
}

/** Opens a dialog modally, focuses `first`, and resolves with the button value it closed with ("" on Esc). */
function ask(dialog, first) {
  return new Promise((resolve) => {
    dialog.returnValue = "";
    dialog.addEventListener("close", () => resolve(dialog.returnValue), { once: true });
    dialog.showModal();
    first?.focus();
  });
}
