// The console's keys: j/k move, x ticks, a/r/s decide (Shift+R / Shift+S with a reason), b bans (asks
// first), / searches, ? shows the list, Esc clears. Keys typed into a field, or with Ctrl/Alt/Meta
// held, are left alone; so is everything while a dialog is open (it handles its own keys).
import type { ModerationActionName } from "./describe.ts";
import { actOnCurrentOrSelection } from "./queue-actions.ts";
import { clearSelection, moveCurrent, toggleSelected } from "./queue-view.ts";

const ACTION_KEYS: Partial<Record<string, ModerationActionName>> = {
  a: "approve",
  r: "reject",
  s: "spam",
  b: "ban-author",
};
const REASON_KEYS: Partial<Record<string, ModerationActionName>> = { R: "reject", S: "spam" };

export function initKeyboard({ isQueueVisible }: { isQueueVisible: () => boolean }): void {
  const help = document.getElementById("shortcuts") as HTMLDialogElement;
  document.getElementById("show-help")?.addEventListener("click", () => help.showModal());

  document.addEventListener("keydown", (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    if (document.querySelector("dialog[open]")) return; // the dialog handles its keys (Esc) itself
    const target = e.target instanceof HTMLElement ? e.target : null;
    if (target?.closest("input:not([type=checkbox]), textarea, select, [contenteditable]")) {
      if (e.key === "Escape" && target.id === "filter-q") target.blur();
      return;
    }
    if (e.key === "?") {
      e.preventDefault();
      help.showModal();
      return;
    }
    if (!isQueueVisible()) return;
    const withReason = e.shiftKey ? REASON_KEYS[e.key] : undefined;
    if (withReason) {
      e.preventDefault();
      void actOnCurrentOrSelection(withReason, { withReason: true });
      return;
    }
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    const action = ACTION_KEYS[key];
    if (key === "j" || key === "k") moveCurrent(key === "j" ? 1 : -1);
    else if (key === "x") toggleSelected();
    else if (action) void actOnCurrentOrSelection(action);
    else if (key === "/") document.getElementById("filter-q")?.focus();
    else if (key === "Escape") clearSelection();
    else return;
    e.preventDefault();
  });
}
