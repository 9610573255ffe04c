// The real app on a free port with the default site's poster limits on (flood 15 s, duplicate 10 min,
// published at once), a clock the suite moves, and post(): a comment on the first article's thread from
// any address (X-Forwarded-For, one proxy hop trusted). It listens, so simultaneous posts really are in
// flight together (supertest would start a server per request). For suites about a post's ban, flood
// and duplicate checks.
import request from "supertest";
import { fakeClock, type FakeClock } from "./fake-clock.ts";
import { listen } from "./listen.ts";
import { createTestApp, type TestApp } from "./test-app.ts";

export type PostingApp = TestApp & {
  url: string;
  clock: FakeClock;
  threadId: string;
  post(ip: string, email: string, body: string): request.Test;
};

export async function startPostingApp(provider: "sqlite" | "postgres"): Promise<PostingApp> {
  const clock = fakeClock(new Date("2025-01-01T00:00:00Z"));
  const t = await createTestApp(
    provider,
    { TRUST_PROXY_HOPS: "1" },
    { clock },
    { siteSettings: { mode: "post-moderate", floodSeconds: 15, duplicateWindowMinutes: 10 } },
  );
  const server = await listen(t.app);
  const threadId = (await request(server.url).get("/api/articles")).body[0].threadId as string;
  return {
    ...t,
    url: server.url,
    clock,
    threadId,
    post: (ip, email, body) =>
      request(server.url)
        .post(`/api/threads/${threadId}/comments`)
        .set("X-Forwarded-For", ip)
        .send({ authorName: "Rae", authorEmail: email, body }),
    async close() {
      await server.close();
      await t.close();
    },
  };
}
