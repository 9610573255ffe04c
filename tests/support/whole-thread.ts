// Every comment of a thread through the public API, following its page cursors (the API pages by
// top-level comments since issue #13), for tests that check nothing was lost.
export async function listWholeThread(
  baseUrl: string,
  threadId: string,
): Promise<{ thread: { commentCount: number }; comments: { id: string }[] }> {
  const comments: { id: string }[] = [];
  let cursor: string | null = null;
  let thread: { commentCount: number } | undefined;
  do {
    const query: string = `limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const res = await fetch(`${baseUrl}/api/threads/${threadId}/comments?${query}`);
    if (!res.ok) throw new Error(`thread page answered ${res.status}`);
    const page = (await res.json()) as {
      thread: { commentCount: number };
      comments: { id: string }[];
      nextCursor: string | null;
    };
    thread ??= page.thread;
    comments.push(...page.comments);
    cursor = page.nextCursor;
  } while (cursor);
  return { thread: thread, comments };
}
