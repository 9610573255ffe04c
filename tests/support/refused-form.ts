// A comment form refused without JavaScript answers 303 to the form's anchor (#respond) with a cookie
// that brings the typed text and the messages back: follow it as the browser would.
import request from "supertest";
import { expect } from "vitest";
import type { Express } from "express";

export async function followRefusedForm(
  app: Express,
  refused: request.Response,
  cookies: string[] = [],
): Promise<request.Response & { location: string }> {
  expect(refused.status, refused.text.slice(0, 200)).toBe(303);
  const location = refused.headers.location!;
  expect(location).toMatch(/#respond$/);
  const setCookies = ([] as string[]).concat(refused.headers["set-cookie"] ?? []);
  const kept = setCookies.map((c) => c.split(";")[0]!).filter((c) => c.startsWith("parley_refused_form="));
  expect(kept).toHaveLength(1);
  const page = await request(app)
    .get(location.split("#")[0]!)
    .set("Cookie", [...cookies, ...kept].join("; "))
    .expect(200);
  return Object.assign(page, { location });
}
