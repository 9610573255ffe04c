// A comment's slot for one panel at a time (reply form, edit, delete, report): opening one closes the
// other; pressing the same button again, Escape or Cancel closes it and gives focus back to the button.
/** Opens `panel` in the comment's slot (or closes it when the same button is pressed again). */
export function openPanel(slot: HTMLElement, button: HTMLButtonElement, panel: HTMLElement | null): void {
  const wasOpen = button.getAttribute("aria-expanded") === "true";
  for (const b of slot.parentElement?.querySelectorAll(":scope > .acts > button") ?? [])
    b.setAttribute("aria-expanded", "false");
  slot.replaceChildren();
  if (wasOpen || !panel) return button.focus();
  button.setAttribute("aria-expanded", "true");
  slot.append(panel);
  panel.addEventListener("keydown", (e) => {
    if (e.key === "Escape") openPanel(slot, button, null);
  });
  panel.querySelector<HTMLElement>("textarea, input, button")?.focus();
}
