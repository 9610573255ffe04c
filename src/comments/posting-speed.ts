// How long the poster had the form before posting ("posted 4 s after the page loaded"): a feature of
// the learned spam score (spam-features.ts buckets it), shown on the moderator's card. People read and
// type; many bots post within a second or two of fetching the page.
// Where it comes from, best first:
//   - the signed render time (`formStamp`, proof-of-work.ts signs it) that the server writes into the
//     article page's form, posted by the no-JS form and by the page's script: a bot cannot backdate it;
//   - otherwise the milliseconds the client measured itself (`formAgeMs`): the embedded widget's form is
//     rendered by the browser on another site, so no server signed it. A claim, not a proof; a bot that
//     lies only loses the feature's help, it gains no way past a rule.
// A stamp that does not verify counts as no information (and the client's number beside it is ignored).
import type { Deps } from "../deps.ts";
import { formStampTime } from "./proof-of-work.ts";

export type PostingTime = { formStamp?: string; formAgeMs?: number };

/** A day: longer is "a long time" to the model (its last bucket), and keeps the number sane. */
const MAX_MS = 86_400_000;

/** Milliseconds from the form's render to this post, or null when unknown. */
export function postedAfterMs(deps: Pick<Deps, "clock" | "config">, time: PostingTime): number | null {
  if (time.formStamp) {
    const at = formStampTime(deps, time.formStamp);
    return at === null ? null : Math.min(MAX_MS, Math.max(0, deps.clock.now().getTime() - at));
  }
  const age = time.formAgeMs;
  return typeof age === "number" && Number.isFinite(age) && age >= 0 ? Math.min(MAX_MS, Math.round(age)) : null;
}
