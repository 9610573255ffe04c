// Every phase on its own, with hand-built contexts and a fixed clock (no database).
import { describe, expect, it } from "vitest";
import { AppError } from "../../src/domain/errors.ts";
import { bannedPoster } from "../../src/comments/phases/banned-poster.ts";
import { bannedWords } from "../../src/comments/phases/banned-words.ts";
import { bodyLength } from "../../src/comments/phases/body-length.ts";
import { duplicate } from "../../src/comments/phases/duplicate.ts";
import { flood } from "../../src/comments/phases/flood.ts";
import { holdAll } from "../../src/comments/phases/hold-all.ts";
import { holdIfFlagged } from "../../src/comments/phases/hold-if-flagged.ts";
import { keepReportHold } from "../../src/comments/phases/keep-report-hold.ts";
import { moderationMode } from "../../src/comments/phases/moderation-mode.ts";
import { renderBody } from "../../src/comments/phases/render-body.ts";
import { suspectWords } from "../../src/comments/phases/suspect-words.ts";
import { threadOpen } from "../../src/comments/phases/thread-open.ts";
import { tooManyLinks } from "../../src/comments/phases/too-many-links.ts";
import { trustedModerator } from "../../src/comments/phases/trusted-moderator.ts";
import { findListedWord } from "../../src/comments/phases/word-list.ts";
import type { Phase } from "../../src/comments/pipeline.ts";
import { NOW, testContext } from "../support/pipeline-context.ts";

const run = (phase: Phase, ctx = testContext()) => Promise.resolve(phase.run(ctx));
async function refusal(phase: Phase, ctx: ReturnType<typeof testContext>): Promise<AppError> {
  try {
    await phase.run(ctx);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error(`${phase.name} did not refuse`);
}
const secondsAgo = (s: number) => new Date(NOW.getTime() - s * 1000);

describe("refuse phases", () => {
  it("thread-open: refuses a closed thread and, with autoCloseAfterDays, an old one", async () => {
    expect((await refusal(threadOpen, testContext({ thread: { closed: true } }))).code).toBe("THREAD_CLOSED");
    const started = new Date(NOW.getTime() - 10 * 86_400_000);
    expect(await run(threadOpen, testContext({ thread: { startedAt: started } }))).toBeUndefined(); // 0 = never
    expect(
      await run(threadOpen, testContext({ thread: { startedAt: started }, settings: { autoCloseAfterDays: 11 } })),
    ).toBeUndefined();
    expect(
      (await refusal(threadOpen, testContext({ thread: { startedAt: started }, settings: { autoCloseAfterDays: 10 } })))
        .code,
    ).toBe("THREAD_CLOSED");
  });

  it("body-length: counts characters (not UTF-16 units) after trimming, within min and max", async () => {
    const tooShort = await refusal(bodyLength, testContext({ body: "  k  ", settings: { minLength: 2 } }));
    expect(tooShort).toMatchObject({ code: "VALIDATION", field: "body", status: 422 });
    expect(await run(bodyLength, testContext({ body: "ok", settings: { minLength: 2 } }))).toBeUndefined();
    expect(await run(bodyLength, testContext({ body: "😀".repeat(20), settings: { maxLength: 20 } }))).toBeUndefined();
    const tooLong = await refusal(bodyLength, testContext({ body: "x".repeat(21), settings: { maxLength: 20 } }));
    expect(tooLong.message).toContain("20 characters");
    // The server-wide ceiling wins over a larger site setting.
    expect(
      (
        await refusal(
          bodyLength,
          testContext({ body: "x".repeat(150), settings: { maxLength: 5000 }, env: { COMMENT_MAX_LENGTH: "100" } }),
        )
      ).message,
    ).toContain("100 characters");
  });

  it("banned-poster: refuses a banned poster, never a moderator", async () => {
    const ban = { kind: "email", reason: "spam" };
    expect((await refusal(bannedPoster, testContext({ history: { ban } }))).code).toBe("BANNED");
    expect(await run(bannedPoster, testContext({ history: { ban: null } }))).toBeUndefined();
    expect(await run(bannedPoster, testContext({ history: { ban }, author: { moderatorId: "m1" } }))).toBeUndefined();
  });

  it("flood: one comment per floodSeconds, answered with the seconds left; edits and moderators exempt", async () => {
    const recent = { comments: [{ at: secondsAgo(5), body: "earlier" }] };
    const err = await refusal(flood, testContext({ history: recent, settings: { floodSeconds: 15 } }));
    expect(err).toMatchObject({ code: "RATE_LIMITED", status: 429, details: { retryAfterSeconds: 10 } });
    expect(
      await run(flood, testContext({ history: { comments: [{ at: secondsAgo(16), body: "x" }] } })),
    ).toBeUndefined();
    expect(await run(flood, testContext({ history: recent, kind: "edit" }))).toBeUndefined();
    expect(await run(flood, testContext({ history: recent, author: { moderatorId: "m1" } }))).toBeUndefined();
    expect(await run(flood, testContext({ history: recent, settings: { floodSeconds: 0 } }))).toBeUndefined();
  });

  it("flood: another email at the same address is another reader, up to floodPerAddress per window", async () => {
    const neighbours = (n: number) => ({
      comments: Array.from({ length: n }, (_, i) => ({ at: secondsAgo(10 - i), body: "x", by: "address" as const })),
    });
    expect(await run(flood, testContext({ history: neighbours(4), settings: { floodPerAddress: 5 } }))).toBeUndefined();
    const err = await refusal(flood, testContext({ history: neighbours(5), settings: { floodPerAddress: 5 } }));
    // The oldest of the five (10 s ago) leaves the 15 s window first.
    expect(err).toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: 5 } });
    expect(err.message).toMatch(/your network/);
    const sameEmailElsewhere = { comments: [{ at: secondsAgo(5), body: "x", by: "email" as const }] };
    expect(await refusal(flood, testContext({ history: sameEmailElsewhere }))).toMatchObject({ code: "RATE_LIMITED" });
  });

  it("duplicate: the same text (modulo spacing) within the window is refused with 409", async () => {
    const history = { comments: [{ at: secondsAgo(3600), body: "Great  article!\n" }] };
    const err = await refusal(
      duplicate,
      testContext({ body: "Great article!", history, settings: { duplicateWindowMinutes: 120 } }),
    );
    expect(err).toMatchObject({ code: "DUPLICATE_COMMENT", status: 409 });
    expect(await run(duplicate, testContext({ body: "Great article!!", history }))).toBeUndefined();
    expect(
      await run(duplicate, testContext({ body: "Great article!", history, settings: { duplicateWindowMinutes: 30 } })),
    ).toBeUndefined();
    expect(
      await run(duplicate, testContext({ body: "Great article!", history, settings: { duplicateWindowMinutes: 0 } })),
    ).toBeUndefined();
  });
});

describe("transform, trust and content phases", () => {
  it("render-body: sanitized HTML and the links it found", async () => {
    const out = await run(
      renderBody,
      testContext({ body: "See https://example.org/a and [b](https://example.org/b) <script>x</script>" }),
    );
    expect(out).toMatchObject({
      metadata: { linkCount: 2, links: ["https://example.org/a", "https://example.org/b"] },
    });
    expect(out && out.bodyHtml).not.toContain("<script");
  });

  it("trusted-moderator: publishes a signed-in moderator's comment, nobody else's", async () => {
    expect(await run(trustedModerator, testContext({ author: { moderatorId: "m1" } }))).toEqual({
      status: "published",
    });
    expect(await run(trustedModerator)).toBeUndefined();
  });

  it("banned-words: rejects on a whole word in the text, name, email or website, case-insensitively", async () => {
    const settings = { bannedWords: ["viagra", "casino*", "buy now"] };
    expect(await run(bannedWords, testContext({ settings, body: "Cheap VIAGRA here" }))).toEqual({
      status: "rejected",
      flags: [{ code: "banned-word", detail: "VIAGRA" }],
    });
    expect(await run(bannedWords, testContext({ settings, body: "best casinos online" }))).toMatchObject({
      status: "rejected",
    });
    expect(await run(bannedWords, testContext({ settings, body: "please BUY   now" }))).toMatchObject({
      status: "rejected",
    });
    expect(
      await run(bannedWords, testContext({ settings, author: { url: "https://casino-royal.example" } })),
    ).toMatchObject({ status: "rejected" });
    expect(await run(bannedWords, testContext({ settings, body: "Viagrafalls is a town" }))).toBeUndefined();
    expect(await run(bannedWords, testContext({ settings: { bannedWords: [] }, body: "viagra" }))).toBeUndefined();
  });

  it("word lists match whole words only, with Unicode letters as word characters", () => {
    expect(findListedWord(["ass"], ["a class act"])).toBeNull();
    expect(findListedWord(["ass"], ["you ass!"])).toBe("ass");
    expect(findListedWord(["schön"], ["sehr SCHÖN"])).toBe("SCHÖN");
    expect(findListedWord(["a.b"], ["axb"])).toBeNull(); // regex characters are literal
  });

  it("suspect-words: flags (does not decide)", async () => {
    expect(
      await run(suspectWords, testContext({ settings: { suspectWords: ["crypto"] }, body: "Crypto is the future" })),
    ).toEqual({ flags: [{ code: "suspect-word", detail: "Crypto" }] });
    expect(await run(suspectWords, testContext({ settings: { suspectWords: ["crypto"] } }))).toBeUndefined();
  });

  it("too-many-links: flags at maxLinks or more uncited links; cited sources do not count; 0 turns it off", async () => {
    const links = (n: number) => Array.from({ length: n }, (_, i) => `https://l${i}.example/`);
    const ctx = (metadata: Record<string, unknown>, maxLinks = 2) => testContext({ metadata, settings: { maxLinks } });
    expect(await run(tooManyLinks, ctx({ links: links(2) }))).toEqual({
      flags: [{ code: "too-many-links", detail: "2 links, limit 2" }],
    });
    expect(await run(tooManyLinks, ctx({ links: links(1) }))).toBeUndefined();
    expect(await run(tooManyLinks, ctx({ links: links(9) }, 0))).toBeUndefined();
    // Pete's kind of comment: two sources, both cited as [A] and [B]: nothing to hold for.
    const cited = {
      citations: [
        { label: "A", url: "https://l0.example/" },
        { label: "B", url: "https://l1.example" },
      ],
    };
    expect(await run(tooManyLinks, ctx({ links: links(2), citations: cited }))).toBeUndefined();
    // Two cited and two bare links: the bare ones count.
    expect(await run(tooManyLinks, ctx({ links: links(4), citations: cited }))).toEqual({
      flags: [{ code: "too-many-links", detail: "2 uncited links (of 4), limit 2" }],
    });
  });

  it("keep-report-hold: an edit of a comment held by reports keeps the `reported` flag", async () => {
    const reported = { code: "reported", detail: "3 reports" };
    expect(
      await run(keepReportHold, testContext({ kind: "edit", previous: { status: "held", flags: [reported] } })),
    ).toEqual({ flags: [reported] });
    expect(
      await run(keepReportHold, testContext({ kind: "edit", previous: { status: "published", flags: [reported] } })),
    ).toBeUndefined();
    expect(await run(keepReportHold, testContext({ kind: "create" }))).toBeUndefined();
  });
});

describe("default phases", () => {
  it("hold-if-flagged: anything flagged is held", async () => {
    const ctx = testContext();
    expect(await run(holdIfFlagged, ctx)).toBeUndefined();
    ctx.flags.push({ code: "suspect-word" });
    expect(await run(holdIfFlagged, ctx)).toEqual({ status: "held" });
  });

  it("hold-all: HOLD_ALL_COMMENTS=true makes everything pending", async () => {
    expect(await run(holdAll, testContext({ env: { HOLD_ALL_COMMENTS: "true" } }))).toEqual({ status: "pending" });
    expect(await run(holdAll)).toBeUndefined();
  });

  it("moderation-mode: post-moderate publishes, pre-moderate-all holds, first-time holds until K published", async () => {
    expect(await run(moderationMode, testContext({ settings: { mode: "post-moderate" } }))).toEqual({
      status: "published",
    });
    expect(
      await run(moderationMode, testContext({ settings: { mode: "pre-moderate-all" }, history: { published: 50 } })),
    ).toEqual({ status: "pending" });
    const firstTime = { mode: "pre-moderate-first-time" as const, firstTimeApprovedThreshold: 2 };
    expect(await run(moderationMode, testContext({ settings: firstTime, history: { published: 1 } }))).toMatchObject({
      status: "pending",
    });
    const proven = { emailProven: true };
    expect(
      await run(
        moderationMode,
        testContext({ settings: firstTime, history: { published: 2, verified: true }, author: proven }),
      ),
    ).toEqual({ status: "published" });
  });

  it("moderation-mode: only a verified address, with its owner's proof, makes a returning author", async () => {
    const firstTime = { mode: "pre-moderate-first-time" as const, firstTimeApprovedThreshold: 1 };
    // Unverified: never returning, however many published comments carry the name and email.
    expect(await run(moderationMode, testContext({ settings: firstTime, history: { published: 9 } }))).toEqual({
      status: "pending",
      metadata: { firstTime: true },
    });
    // Verified, but no proof in this request: a first-timer, flagged for the moderator.
    expect(
      await run(moderationMode, testContext({ settings: firstTime, history: { published: 9, verified: true } })),
    ).toMatchObject({ status: "pending", flags: [{ code: "unverified-known-email" }] });
    // Verified and proven: the history counts.
    const owner = testContext({
      settings: firstTime,
      history: { published: 1, verified: true },
      author: { emailProven: true },
    });
    expect(await run(moderationMode, owner)).toEqual({ status: "published" });
    expect(
      await run(
        moderationMode,
        testContext({ settings: firstTime, history: { published: 0, verified: true }, author: { emailProven: true } }),
      ),
    ).toEqual({ status: "pending", metadata: { firstTime: true } });
  });
});
