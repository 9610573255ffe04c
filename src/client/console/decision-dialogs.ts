// The two questions the console asks before some decisions, as native <dialog>s in the page shell
// (src/views/moderate-page.ts): focus moves into the dialog, Esc cancels, and the caller returns
// focus to the card. Each resolves with the answer, or null when the moderator cancelled.
import { get } from "./api.ts";
import type { BanPreview, QueueItem } from "./api-types.ts";
import { count, say, t } from "./lang.ts";
import { statusLabel } from "./describe.ts";

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export type BanAnswer =
  { unban: true; reason: string | undefined } | { reason: string | undefined; rejectPublished: boolean };

/**
 * Ban: shows what the ban takes down (GET …/ban-preview) and asks whether their published comments
 * go too. Resolves { reason, rejectPublished }, { unban: true } (already banned, and the moderator
 * lifts the ban instead), or null.
 */
export async function confirmBan(item: QueueItem): Promise<BanAnswer | null> {
  const preview = await get<BanPreview>(`/api/moderation/comments/${encodeURIComponent(item.id)}/ban-preview`);
  byId<HTMLFormElement>("ban-form").reset();
  const { pending, held, published } = preview.others;
  const waiting = pending + held;
  byId("ban-title").textContent = say(t.banTitle, { name: item.authorName });
  const parts = [pending ? say(t.banPending, { n: pending }) : "", held ? say(t.banHeld, { n: held }) : ""]
    .filter(Boolean)
    .join(", ");
  byId("ban-summary").textContent =
    say(t.banSummary, { email: preview.comment.authorEmail }) +
    // targetStatus("ban-author") in src/moderation/moderation-actions.ts: only a visible or waiting comment changes.
    (["pending", "held", "published"].includes(item.status)
      ? t.banThisRejected
      : say(t.banThisStays, { status: statusLabel(item.status).toLowerCase() })) +
    (waiting ? say(count(t.banOthers, waiting), { parts }) : t.banNoOthers);
  byId("ban-already").hidden = !preview.alreadyBanned;
  byId("ban-lift").hidden = !preview.alreadyBanned;
  byId("ban-published-row").hidden = published === 0;
  byId("ban-published-label").textContent = count(t.banPublished, published);
  const reasonField = byId<HTMLInputElement>("ban-reason");
  const answer = await ask(byId<HTMLDialogElement>("ban-dialog"), reasonField);
  const reason = reasonField.value.trim() || undefined;
  if (answer === "unban" && preview.alreadyBanned) return { unban: true, reason };
  if (answer !== "confirm") return null;
  return { reason, rejectPublished: published > 0 && byId<HTMLInputElement>("ban-reject-published").checked };
}

export type ReasonAction = "reject" | "spam";

/** Reject or spam with a reason: a preset, free text, or both. Resolves { action, reason } or null. */
export async function askReason(
  action: ReasonAction,
  item: QueueItem | null,
): Promise<{ action: ReasonAction; reason: string } | null> {
  const form = byId<HTMLFormElement>("reason-form");
  form.reset();
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | RadioNodeList;
  const details = form.elements.namedItem("details") as HTMLTextAreaElement;
  const chosenAction = (): ReasonAction => (field("action").value === "spam" ? "spam" : "reject");
  field("action").value = action;
  byId("reason-title").textContent = item ? say(t.reasonTitle, { name: item.authorName }) : t.reasonTitleTicked;
  const confirm = byId<HTMLButtonElement>("reason-confirm");
  const error = byId("reason-error");
  error.hidden = true;
  const label = () => {
    confirm.textContent = chosenAction() === "spam" ? t.markAsSpam : t.action.reject;
  };
  label();
  form.onchange = label;
  // "Other" needs the text; refuse to close without it rather than record an empty reason.
  confirm.onclick = (e) => {
    if (!field("preset").value && !details.value.trim()) {
      e.preventDefault();
      error.textContent = t.reasonNeeded;
      error.hidden = false;
      details.focus();
    }
  };
  const answer = await ask(byId<HTMLDialogElement>("reason-dialog"), form.querySelector("input[name=preset]:checked"));
  if (answer !== "confirm") return null;
  const reason = [field("preset").value, details.value.trim()].filter(Boolean).join(": ").slice(0, 500);
  return { action: chosenAction(), reason };
}

/** Opens a dialog modally, focuses `first`, and resolves with the button value it closed with ("" on Esc). */
function ask(dialog: HTMLDialogElement, first: HTMLElement | null): Promise<string> {
  return new Promise((resolve) => {
    dialog.returnValue = "";
    dialog.addEventListener("close", () => resolve(dialog.returnValue), { once: true });
    dialog.showModal();
    first?.focus();
  });
}
