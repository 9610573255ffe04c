// Erasing a reader's comments (anonymise or delete), asked for twice as it cannot be undone. The
// server writes an audit row with the admin's id for every comment changed.
import { h } from "../dom.ts";
import { announce } from "./announce.ts";
import { messageOf, post } from "./api.ts";
import type { ReaderData } from "./api-types.ts";

type EraseMode = "anonymise" | "delete";

const ERASE: Record<
  EraseMode,
  { button: string; verb: string; explain: string; confirm: string; done: (n: number) => string }
> = {
  anonymise: {
    button: "Anonymise their comments",
    verb: "Anonymise",
    explain: "The comments stay; the name becomes “Deleted reader”, and the email, website and IP hash are removed.",
    confirm: "Yes, anonymise",
    done: (n) => `${n} comment(s) anonymised.`,
  },
  delete: {
    button: "Delete their comments",
    verb: "Delete",
    explain: "The text is removed; replies by others stay, under “This comment was removed”.",
    confirm: "Yes, delete",
    done: (n) => `${n} comment(s) deleted.`,
  },
};

/** `reload` shows the address's data again with a line saying what was done. */
export function eraseControls(data: ReaderData, reload: (done: string) => Promise<void>): HTMLElement {
  const box = h("div", { class: "reader-data-erase" });
  const choose = () =>
    box.replaceChildren(
      h("h4", { text: "Erase" }),
      ...(Object.keys(ERASE) as EraseMode[]).map((mode) => {
        const text = ERASE[mode];
        const button = h("button", {
          type: "button",
          class: mode === "delete" ? "danger-outline" : "",
          text: text.button,
        });
        button.addEventListener("click", () => confirmStep(mode));
        return h("p", { class: "reader-data-choice" }, button, h("span", { class: "form-hint", text: text.explain }));
      }),
    );
  const confirmStep = (mode: EraseMode) => {
    const text = ERASE[mode];
    const yes = h("button", { type: "button", class: "submit danger", text: text.confirm });
    const no = h("button", { type: "button", class: "link-button", text: "Cancel" });
    const status = h("span", { class: "form-status", role: "status" });
    box.replaceChildren(
      h("h4", { text: "Erase" }),
      h("p", {
        role: "alert",
        text: `${text.verb} the ${data.comments.length} comment(s) of ${data.address}? This cannot be undone. ${text.explain}`,
      }),
      h("p", { class: "form-actions" }, yes, no, status),
    );
    no.addEventListener("click", choose);
    yes.addEventListener("click", () => {
      yes.disabled = no.disabled = true;
      status.textContent = "Erasing…";
      post<{ comments: number }>("/api/admin/readers/erase", { email: data.address, mode })
        .then(async ({ comments }) => {
          announce(text.done(comments));
          await reload(`${text.done(comments)} Each has an audit row with your name.`);
        })
        .catch((error: unknown) => {
          status.textContent = messageOf(error);
          yes.disabled = no.disabled = false;
        });
    });
    yes.focus();
  };
  choose();
  return box;
}
