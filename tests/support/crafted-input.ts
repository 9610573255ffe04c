// Cursor and id shapes that once reached the database (issue #18): shared by the crafted-ids test and
// the fuzz suite.
const cursorOf = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString("base64url");

/** Cursors (mostly well-formed JSON): every one is a shape the server never hands out. */
export const CRAFTED_CURSORS = [
  cursorOf("2030-01-01T00:00:00.000Z", "a\u0000b"),
  cursorOf("-271821-04-20T00:00:00.000Z", "x"),
  cursorOf("+275760-09-13T00:00:00.000Z", "x"),
  cursorOf("0001-01-01T00:00:00.000Z", "x"),
  cursorOf("2030-01-01", "x"),
  cursorOf("2030-01-01T00:00:00.000Z", "x".repeat(65)),
  cursorOf("2030-01-01T00:00:00.000Z", "é"),
  cursorOf("2030-01-01T00:00:00.000Z", ""),
  Buffer.from(JSON.stringify(["2030-01-01T00:00:00.000Z", 7])).toString("base64url"),
  Buffer.from(JSON.stringify({ at: 1 })).toString("base64url"),
  "%00",
];
export const CRAFTED_IDS = ["a\u0000b", "x".repeat(65), "é", "a b", "../x", "\u202e"];
