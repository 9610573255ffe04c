// checkFragment: a link's #fragment against the anchors recorded for its page (one cache row per page,
// many fragments). Missing only when the page was read whole; everything uncertain is "unknown".
import { describe, expect, it } from "vitest";
import { asAnchors, checkFragment } from "../../src/citations/fragment-check.ts";

const page = { ids: ["intro", "section-2", "café", "a b", "100%", "Top-Level", "x:y"], complete: true };
const partial = { ...page, complete: false };
const status = (url: string, anchors: unknown = page) => checkFragment(url, anchors)?.status;

describe("checkFragment", () => {
  it("is null when there is nothing to check", () => {
    expect(checkFragment("https://a.test/page", page)).toBeNull();
    expect(checkFragment("https://a.test/page#", page)).toBeNull();
    expect(checkFragment("https://a.test/page", null)).toBeNull();
  });

  it("finds ids as written, case-sensitively", () => {
    expect(checkFragment("https://a.test/page#intro", page)).toEqual({ fragment: "intro", status: "found" });
    expect(status("https://a.test/page#section-2")).toBe("found");
    expect(status("https://a.test/page#Intro")).toBe("missing");
    expect(status("https://a.test/page#x:y")).toBe("found");
  });

  it("percent-decodes the fragment as browsers do, and shows it decoded", () => {
    expect(checkFragment("https://a.test/page#caf%C3%A9", page)).toEqual({ fragment: "café", status: "found" });
    expect(status("https://a.test/page#a%20b")).toBe("found");
    expect(checkFragment("https://a.test/page#gone%20away", page)).toEqual({
      fragment: "gone away",
      status: "missing",
    });
  });

  it("matches the fragment as written when it does not decode, or names an id with a literal %", () => {
    expect(status("https://a.test/page#100%")).toBe("found");
    expect(checkFragment("https://a.test/page#bad%E0%A4%A", page)).toEqual({
      fragment: "bad%E0%A4%A",
      status: "missing",
    });
  });

  it("treats #top as the top of any HTML page, in any case", () => {
    expect(status("https://a.test/page#top")).toBe("found");
    expect(status("https://a.test/page#TOP")).toBe("found");
    expect(status("https://a.test/page#top", { ids: [], complete: true })).toBe("found");
    expect(status("https://a.test/page#top", null)).toBe("unknown");
  });

  it("says missing only for a complete list; unknown when the list was capped or cut", () => {
    expect(status("https://a.test/page#nowhere")).toBe("missing");
    expect(status("https://a.test/page#nowhere", partial)).toBe("unknown");
    expect(status("https://a.test/page#intro", partial)).toBe("found");
  });

  it("is unknown when no anchors were recorded: not HTML, not fetched yet, an older row, a malformed value", () => {
    for (const anchors of [undefined, null, "", "not json", 42, { ids: "intro", complete: true }, { ids: ["intro"] }]) {
      expect(checkFragment("https://a.test/page#intro", anchors)?.status).toBe("unknown");
    }
  });

  it("reads anchors stored as JSON text (SQLite raw queries)", () => {
    expect(status("https://a.test/page#intro", JSON.stringify(page))).toBe("found");
    expect(asAnchors(JSON.stringify({ ids: ["a", 3, null], complete: false }))).toEqual({
      ids: ["a"],
      complete: false,
    });
  });

  it("does not check text fragments, but still checks an id in front of one", () => {
    expect(checkFragment("https://a.test/page#:~:text=some%20words", page)).toEqual({
      fragment: ":~:text=some%20words",
      status: "unknown",
    });
    expect(status("https://a.test/page#intro:~:text=hello")).toBe("found");
    expect(status("https://a.test/page#nowhere:~:text=hello")).toBe("missing");
  });

  it("uses the first # only: a second one is part of the fragment", () => {
    expect(checkFragment("https://a.test/page#a#b", { ids: ["a#b"], complete: true })).toEqual({
      fragment: "a#b",
      status: "found",
    });
  });
});
