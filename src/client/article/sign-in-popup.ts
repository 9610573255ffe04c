// The sign-in popup's last page: hand the result to the widget that opened it, on the one origin the
// sign-in was started for (checked against the site's allow-list by the server), then close.
const box = document.querySelector(".sign-in-result");
const origin = box?.getAttribute("data-origin");
const opener = window.opener as Window | null;
if (box && origin && opener) {
  const outcome = box.getAttribute("data-outcome");
  // The nonce the widget made when it opened this popup: it takes the answer only with it.
  const nonce = box.getAttribute("data-nonce");
  const message =
    outcome === "signed-in"
      ? {
          type: "parley:signed-in",
          nonce,
          token: box.getAttribute("data-token"),
          expiresAt: box.getAttribute("data-expires-at"),
          reader: JSON.parse(box.getAttribute("data-reader") || "null") as unknown,
        }
      : { type: "parley:sign-in-refused", nonce, message: box.getAttribute("data-message") };
  opener.postMessage(message, origin);
  if (outcome === "signed-in") window.close();
}
document.querySelector(".sign-in-close")?.addEventListener("click", () => window.close());
