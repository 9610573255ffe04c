// A post's rows as the store hands them back equal what Prisma reads of them: the post's statements go
// straight to the connection (SQLite: store/sqlite-direct.ts; PostgreSQL: the transaction's pool connection,
// store/pg-direct.ts), so the row insertComment returns
// (the one realtime delivery and the author's answer are built from) is mapped by the store, not by
// Prisma. Same fields in the same order, Dates as Dates, JSON parsed; and the text stored is the text
// Prisma writes, so its own reads, comparisons and indexes see no difference.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RecordedEvents } from "../../src/deps.ts";
import type { StoredComment } from "../../src/store/comments.ts";
import { sqliteExclusive } from "../../src/store/sqlite-direct.ts";
import { pgDirect } from "../../src/store/pg-direct.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

describe.each(testProviders())("a post's rows on %s", (provider) => {
  let t: TestApp;
  let threadId: string;
  const delivered: RecordedEvents[] = [];

  beforeAll(async () => {
    t = await createTestApp(provider);
    threadId = (await t.deps.db.thread.findFirstOrThrow({ where: { articleId: { not: null } } })).id;
    const deliver = t.deps.publisher.deliver.bind(t.deps.publisher);
    t.deps.publisher.deliver = (recorded) => {
      delivered.push(recorded);
      deliver(recorded);
    };
  });
  afterAll(async () => t?.close());

  /** Posts through the app; answers the row the post's transaction handed on, and Prisma's read of it. */
  async function post(
    body: object,
  ): Promise<{ returned: StoredComment; read: StoredComment; answer: { comment: { id: string } } }> {
    const res = await request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .send({ authorName: "Row Checker", authorEmail: "rows@example.org", ...body })
      .expect(201);
    const id = res.body.comment.id as string;
    const returned = delivered.flatMap((d) => d.comments).find((c) => c.id === id)!;
    return { returned, read: await t.deps.db.comment.findUniqueOrThrow({ where: { id } }), answer: res.body };
  }

  it("returns the comment and its reply as Prisma reads them", async () => {
    const top = await post({
      body: "Top level, citing [A].\n\n[A]: https://example.org/source-a",
      notifyReplies: false,
    });
    const reply = await post({
      body: "A reply, with the same source https://example.org/source-a",
      parentId: top.read.id,
    });
    for (const { returned, read, answer } of [top, reply]) {
      expect(returned).toStrictEqual(read);
      expect(Object.keys(returned)).toEqual(Object.keys(read));
      for (const at of ["createdAt", "publishedAt"] as const) expect(returned[at]).toBeInstanceOf(Date);
      expect(returned.flags).toEqual([]);
      expect(typeof returned.metadata).toBe("object");
      expect(answer.comment).toMatchObject({ id: read.id, createdAt: read.createdAt.toISOString() });
      expect(read.id).toMatch(/^c[a-z0-9]{24}$/);
    }
    expect(reply.read).toMatchObject({ parentId: top.read.id, depth: 2, threadId });
    const links = await t.deps.db.commentLink.findMany({ where: { commentId: top.read.id } });
    expect(links).toEqual([
      { commentId: top.read.id, url: "https://example.org/source-a", label: "A", notChecked: false },
    ]);
    // Ids made in order sort in order (as Prisma's cuids do): same-millisecond posts keep theirs.
    expect(top.read.id < reply.read.id).toBe(true);
  });

  it.runIf(provider === "sqlite")("stores dates and JSON as the text Prisma writes", async () => {
    const { read } = await post({ body: "Stored as Prisma stores it." });
    const seeded = await t.deps.db.comment.findFirstOrThrow({ where: { authorName: "Pete" } }); // written by Prisma
    const raw = (id: string) =>
      sqliteExclusive(t.deps.db, (sql) =>
        sql.get<Record<string, unknown>>(
          `SELECT "createdAt", "publishedAt", typeof("flags") AS "flagsType", typeof("createdAt") AS "atType"
           FROM "Comment" WHERE "id" = ?`,
          [id],
        ),
      );
    const [ours, prismas] = [(await raw(read.id))!, (await raw(seeded.id))!];
    const shape = (v: unknown) => String(v).replace(/\d/g, "9");
    expect(shape(ours.createdAt)).toBe(shape(prismas.createdAt));
    expect(shape(ours.publishedAt)).toBe(shape(prismas.publishedAt));
    expect([ours.flagsType, ours.atType]).toEqual([prismas.flagsType, prismas.atType]);
    // Prisma's own comparisons on the column find the row (its `gt` on the text it writes).
    const found = await t.deps.db.comment.count({ where: { id: read.id, createdAt: { gte: read.createdAt } } });
    expect(found).toBe(1);
  });

  it.runIf(provider === "postgres")("stores dates and JSON as Prisma writes them", async () => {
    const { read } = await post({ body: "Stored as Prisma stores it, on PostgreSQL." });
    const seeded = await t.deps.db.comment.findFirstOrThrow({ where: { authorName: "Pete" } }); // written by Prisma
    const raw = async (id: string) =>
      (
        await pgDirect(t.deps.db)!.rows<Record<string, string>>(
          `SELECT "createdAt"::text AS "createdAt", "publishedAt"::text AS "publishedAt", "flags"::text AS "flags",
             jsonb_typeof("metadata") AS "metadataType", "flagCodes", "status"::text AS "status"
           FROM "Comment" WHERE "id" = $1`,
          [id],
        )
      )[0]!;
    const [ours, prismas] = [await raw(read.id), await raw(seeded.id)];
    expect(ours).toMatchObject({ flags: "[]", flagCodes: "[]", metadataType: "object", status: "published" });
    expect(ours.metadataType).toBe(prismas.metadataType);
    // The same instant Prisma read back, as the column's UTC wall clock.
    expect(ours.createdAt).toBe(
      read.createdAt
        .toISOString()
        .replace("T", " ")
        .replace(/\.?0*Z$/, ""),
    );
    expect(ours.publishedAt).toBe(ours.createdAt);
    const found = await t.deps.db.comment.count({ where: { id: read.id, createdAt: { gte: read.createdAt } } });
    expect(found).toBe(1);
  });

  it("announces the thread's count as the post left it, stored and sent alike", async () => {
    const { read } = await post({ body: "Counted once, announced with its count." });
    const sent = delivered.find((d) => d.comments.some((c) => c.id === read.id))!;
    const countEvent = sent.sequenced.find((e) => e.event.type === "thread:count")!;
    const { publishedCount } = await t.deps.db.thread.findUniqueOrThrow({ where: { id: threadId } });
    expect(countEvent.event).toEqual({ type: "thread:count", count: publishedCount });
    const stored = await t.deps.db.realtimeEvent.findUniqueOrThrow({
      where: { room_seq: { room: countEvent.room, seq: countEvent.seq } },
    });
    expect(stored.payload).toEqual(countEvent.event);
    expect(sent.sequenced.map((e) => e.event.type).sort()).toEqual([
      "comment:created",
      "queue:changed",
      "thread:count",
    ]);
  });
});
