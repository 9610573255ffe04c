// Erasing a reader's comments (anonymise or delete), asked for twice as it cannot be undone. The
// server writes an audit row with the admin's id for every comment changed.
import { h } from "../dom.ts";
import { announce } from "./announce.ts";
import { messageOf, post } from "./api.ts";
import type { ReaderData } from "./api-types.ts";
import { say, t } from "./lang.ts";

type EraseMode = keyof typeof t.admin.eraseModes;

/** `reload` shows the address's data again with a line saying what was done. */
export function eraseControls(data: ReaderData, reload: (done: string) => Promise<void>): HTMLElement {
  const box = h("div", { class: "reader-data-erase" });
  const choose = () =>
    box.replaceChildren(
      h("h4", { text: t.admin.erase }),
      ...(["anonymise", "delete"] as const).map((mode) => {
        const text = t.admin.eraseModes[mode];
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
    const text = t.admin.eraseModes[mode];
    const yes = h("button", { type: "button", class: "submit danger", text: text.confirm });
    const no = h("button", { type: "button", class: "link-button", text: t.admin.cancel });
    const status = h("span", { class: "form-status", role: "status" });
    box.replaceChildren(
      h("h4", { text: t.admin.erase }),
      h("p", {
        role: "alert",
        text: say(text.ask, { n: data.comments.length, address: data.address, explain: text.explain }),
      }),
      h("p", { class: "form-actions" }, yes, no, status),
    );
    no.addEventListener("click", choose);
    yes.addEventListener("click", () => {
      yes.disabled = no.disabled = true;
      status.textContent = t.admin.erasing;
      post<{ comments: number }>("/api/admin/readers/erase", { email: data.address, mode })
        .then(async ({ comments }) => {
          const done = say(text.done, { n: comments });
          announce(done);
          await reload(say(t.admin.auditRows, { done }));
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
