// The console's keys: j/k move, x ticks, a/r/s decide (Shift+R / Shift+S with a reason), b bans (asks
// first), / searches, ? shows the list, Esc clears. Keys typed into a field, or with Ctrl/Alt/Meta
// held, are left alone; so is everything while a dialog is open (it handles its own keys).
import { actOnCurrentOrSelection } from "./queue-actions.js";
import { clearSelection, moveCurrent, toggleSelected } from "./queue-view.js";

const ACTION_KEYS = { a: "approve", r: "reject", s: "spam", b: "ban-author" };
const REASON_KEYS = { R: "reject", S: "spam" };

export function initKeyboard({ isQueueVisible }) {
  const help = document.getElementById("shortcuts");
  document.getElementById("show-help").addEventListener("click", () => help.showModal());

  document.addEventListener("keydown", (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    if (document.querySelector("dialog[open]")) return; // the dialog handles its keys (Esc) itself
    if (e.target.closest?.("input:not([type=checkbox]), textarea, select, [contenteditable]")) {
      if (e.key === "Escape" && e.target.id === "filter-q") e.target.blur();
      return;
    }
    if (e.key === "?") {
      e.preventDefault();
      help.showModal();
      return;
    }
    if (!isQueueVisible()) return;
    if (e.shiftKey && REASON_KEYS[e.key]) {
      e.preventDefault();
      actOnCurrentOrSelection(REASON_KEYS[e.key], { withReason: true });
      return;
    }
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (key === "j" || key === "k") moveCurrent(key === "j" ? 1 : -1);
    else if (key === "x") toggleSelected();
    else if (ACTION_KEYS[key]) actOnCurrentOrSelection(ACTION_KEYS[key]);
    else if (key === "/") document.getElementById("filter-q").focus();
    else if (key === "Escape") clearSelection();
    else return;
    e.preventDefault();
  });
}
