// The pipeline as a whole: the order of phases, first decision wins, refusals before any work,
// every flag recorded.
import { describe, expect, it } from "vitest";
import { AppError } from "../../src/domain/errors.ts";
import { phases } from "../../src/comments/phases/index.ts";
import { runPipeline, type Phase } from "../../src/comments/pipeline.ts";
import { fakeHistory, testContext } from "../support/pipeline-context.ts";

describe("the moderation pipeline", () => {
  it("runs refuse → transform → trust → content → defaults, in this order", () => {
    expect(phases.map((p) => p.name)).toEqual([
      "thread-open",
      "body-length",
      "banned-poster",
      "flood",
      "duplicate",
      "render-body",
      "trusted-moderator",
      "banned-words",
      "suspect-words",
      "name-like-moderator",
      "name-like-reader",
      "keep-report-hold",
      "check-citations",
      "too-many-links",
      "spam-score",
      "hold-if-flagged",
      "hold-all",
      "hold-anonymous",
      "moderation-mode",
    ]);
  });

  it("the first decision wins and later phases do not run", async () => {
    const ran: string[] = [];
    const p = (name: string, result?: ReturnType<Phase["run"]>): Phase => ({
      name,
      run: () => {
        ran.push(name);
        return result;
      },
    });
    const out = await runPipeline(
      [p("a"), p("b", { flags: [{ code: "x" }] }), p("c", { status: "rejected" }), p("d", { status: "published" })],
      testContext(),
    );
    expect(out).toMatchObject({ status: "rejected", decidedBy: "c", flags: [{ code: "x" }] });
    expect(ran).toEqual(["a", "b", "c"]);
  });

  it("a refusal stops the run before the body is rendered or the history is read further", async () => {
    const ctx = testContext({ thread: { closed: true } });
    await expect(runPipeline(phases, ctx)).rejects.toBeInstanceOf(AppError);
    expect(ctx.bodyHtml).toBe("");
    const banned = testContext({ history: { ban: { kind: "ip", reason: null } } });
    await expect(runPipeline(phases, banned)).rejects.toMatchObject({ code: "BANNED" });
    expect((banned.history as ReturnType<typeof fakeHistory>).calls).toEqual(["activeBan"]);
  });

  it("a moderator is published even with banned words and links (trust comes before content checks)", async () => {
    const ctx = testContext({
      author: { moderatorId: "m1" },
      settings: { bannedWords: ["spam"] },
      body: "spam https://a.example https://b.example",
    });
    expect(await runPipeline(phases, ctx)).toMatchObject({ status: "published", decidedBy: "trusted-moderator" });
  });

  it("records every reason a comment was held", async () => {
    const ctx = testContext({
      settings: { suspectWords: ["bitcoin"], maxLinks: 2, mode: "post-moderate" },
      body: "bitcoin https://a.example https://b.example",
    });
    const out = await runPipeline(phases, ctx);
    expect(out.status).toBe("held");
    expect(out.decidedBy).toBe("hold-if-flagged");
    expect(out.flags.map((f) => f.code)).toEqual(["suspect-word", "too-many-links"]);
    expect(out.bodyHtml).toContain('href="https://a.example"');
  });

  it("banned words reject even in post-moderate mode and outrank the other flags", async () => {
    const ctx = testContext({
      settings: { bannedWords: ["casino"], suspectWords: ["bet"], mode: "post-moderate" },
      body: "bet at the casino",
    });
    expect(await runPipeline(phases, ctx)).toMatchObject({ status: "rejected", decidedBy: "banned-words" });
  });

  it("the defaults: first-time authors wait, known ones publish, pre-moderate-all waits", async () => {
    expect((await runPipeline(phases, testContext())).status).toBe("pending"); // the shipped default
    expect((await runPipeline(phases, testContext({ history: { published: 1 } }))).status).toBe("pending"); // not verified
    const owner = testContext({ history: { published: 1, verified: true }, author: { emailProven: true } });
    expect((await runPipeline(phases, owner)).status).toBe("published");
    expect(
      (await runPipeline(phases, testContext({ settings: { mode: "pre-moderate-all" }, history: { published: 9 } })))
        .status,
    ).toBe("pending");
    expect((await runPipeline(phases, testContext({ settings: { mode: "post-moderate" } }))).status).toBe("published");
  });
});
