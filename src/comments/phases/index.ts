// The moderation pipeline, in order (STYLE.md §7). Every new comment and every edit goes through this
// list. A phase returns nothing, an annotation (flags, metadata, the rendered body) or a decision
// (a status); the first decision ends the run. Refusals throw before anything is stored.
import type { Phase } from "../pipeline.ts";
import { bannedPoster } from "./banned-poster.ts";
import { bannedWords } from "./banned-words.ts";
import { bodyLength } from "./body-length.ts";
import { checkCitations } from "./check-citations.ts";
import { duplicate } from "./duplicate.ts";
import { flood } from "./flood.ts";
import { holdAll } from "./hold-all.ts";
import { holdAnonymous } from "./hold-anonymous.ts";
import { holdIfFlagged } from "./hold-if-flagged.ts";
import { keepReportHold } from "./keep-report-hold.ts";
import { moderationMode } from "./moderation-mode.ts";
import { nameLikeModerator } from "./name-like-moderator.ts";
import { nameLikeReader } from "./name-like-reader.ts";
import { renderBody } from "./render-body.ts";
import { spamScore } from "./spam-score.ts";
import { suspectWords } from "./suspect-words.ts";
import { threadOpen } from "./thread-open.ts";
import { tooManyLinks } from "./too-many-links.ts";
import { trustedModerator } from "./trusted-moderator.ts";

export const phases: readonly Phase[] = [
  // 1. Refuse (4xx, nothing stored): cheapest checks first, database look-ups after.
  threadOpen,
  bodyLength,
  bannedPoster,
  flood,
  duplicate,
  // 2. Transform: sanitize to HTML and record the links found (metadata.links, linkCount).
  renderBody,
  // 3. Trust: signed-in moderators and admins publish at once.
  trustedModerator,
  // 4. Content checks: banned words decide (rejected); the others only flag, so every reason is recorded.
  bannedWords,
  suspectWords,
  nameLikeModerator,
  nameLikeReader,
  keepReportHold,
  // Link citations: unresolved citations, denied / unsafe / known-broken links (annotates only).
  checkCitations,
  // maxLinks counts only the links that are not cited sources (after the citations: it reads them).
  tooManyLinks,
  // The site's learned spam score (after the citations: it reads their verdict); holds, or marks spam
  // past spamRejectScore, once the model has learned spamMinDecisions comments; below that it records.
  spamScore,
  // 5. Defaults: flagged → held; then HOLD_ALL_COMMENTS; anonymous on an anonymous-held site; then the
  //    site's / article's moderation mode.
  holdIfFlagged,
  holdAll,
  holdAnonymous,
  moderationMode,
];
