// The pages' dates, formatted by hand (views/layout.ts) exactly as Intl's en-US formats did, in UTC.
import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "../../src/views/layout.ts";

describe("page dates", () => {
  it("reads like WordPress: month day, year at h:mm am/pm, in UTC", () => {
    expect(formatDate(new Date("2017-10-11T23:59:00Z"))).toBe("October 11, 2017");
    expect(formatDateTime(new Date("2017-10-11T15:00:00Z"))).toBe("October 11, 2017 at 3:00 pm");
    expect(formatDateTime(new Date("2024-01-01T00:05:00Z"))).toBe("January 1, 2024 at 12:05 am");
    expect(formatDateTime(new Date("2024-02-29T12:30:00Z"))).toBe("February 29, 2024 at 12:30 pm");
    expect(formatDateTime(new Date("2030-12-31T11:09:00Z"))).toBe("December 31, 2030 at 11:09 am");
  });

  it("matches Intl's en-US formats on any date", () => {
    const date = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
    const time = new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZone: "UTC" });
    for (let t = Date.UTC(1999, 11, 31, 22); t < Date.UTC(2000, 0, 2); t += 7 * 60_000) {
      const d = new Date(t);
      expect(formatDateTime(d)).toBe(`${date.format(d)} at ${time.format(d).toLowerCase()}`);
    }
  });
});
