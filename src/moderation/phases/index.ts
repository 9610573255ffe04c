// The moderation pipeline, in order. Every new comment and every edit goes through this list.
import type { Phase } from "../pipeline.ts";
import { holdAll } from "./hold-all.ts";
import { renderBody } from "./render-body.ts";
import { threadOpen } from "./thread-open.ts";

export const phases: readonly Phase[] = [
  // 1. Refuse: throw before anything is stored.
  threadOpen,
  // 2. Transform: sanitize and learn about the body.
  renderBody,
  // 3. Trust, 4. content checks: (moderation rules)
  // 5. Defaults: the site's moderation mode.
  holdAll,
];
