// Clients that post comments (and read the thread now and then) in a loop against a server process,
// recording every outcome precisely: the answer, or how the connection failed and when.
import http from "node:http";
import { loadComment } from "./load-settings.ts";

export type Outcome = { at: number } & (
  | { kind: "answered"; method: string; status: number; commentId?: string }
  /** reusedSocket: the request went out on a kept-alive connection; afterResponse: the answer had begun. */
  | { kind: "failed"; method: string; code: string; reusedSocket: boolean; afterResponse: boolean }
);

export type LoadRun = { outcomes: Outcome[]; acknowledged: Set<string>; stop(): void; done: Promise<void> };

export function startPostingClients(opts: {
  url: string;
  threadId: string;
  clients: number;
  run: string;
  readEvery?: number;
}): LoadRun {
  const outcomes: Outcome[] = [];
  const acknowledged = new Set<string>();
  let stopped = false;
  let n = 0;
  const client = async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      while (!stopped) {
        const i = n++;
        const read = !!opts.readEvery && i % opts.readEvery === 0;
        const outcome = await once(
          agent,
          opts.url,
          read ? "GET" : "POST",
          `/api/threads/${opts.threadId}/comments`,
          read ? undefined : JSON.stringify(loadComment(opts.run, i)),
        );
        outcomes.push(outcome);
        if (outcome.kind === "answered" && outcome.commentId && (outcome.status === 201 || outcome.status === 202))
          acknowledged.add(outcome.commentId);
        if (outcome.kind === "failed" && outcome.code === "ECONNREFUSED") break; // the server is gone
      }
    } finally {
      agent.destroy();
    }
  };
  const done = Promise.all(Array.from({ length: opts.clients }, client)).then(() => undefined);
  return {
    outcomes,
    acknowledged,
    stop: () => {
      stopped = true;
    },
    done,
  };
}

function once(agent: http.Agent, base: string, method: string, path: string, body?: string): Promise<Outcome> {
  const url = new URL(base);
  return new Promise((resolve) => {
    let afterResponse = false;
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        agent,
        headers: body ? { "content-type": "application/json" } : {},
      },
      (res) => {
        afterResponse = true;
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          let commentId: string | undefined;
          try {
            commentId = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { comment?: { id?: string } }).comment
              ?.id;
          } catch {
            // not JSON: counted by status
          }
          resolve({ at: Date.now(), kind: "answered", method, status: res.statusCode ?? 0, commentId });
        });
        res.on("error", (err: NodeJS.ErrnoException) =>
          resolve({
            at: Date.now(),
            kind: "failed",
            method,
            code: err.code ?? err.message,
            reusedSocket: req.reusedSocket,
            afterResponse,
          }),
        );
      },
    );
    req.on("error", (err: NodeJS.ErrnoException) =>
      resolve({
        at: Date.now(),
        kind: "failed",
        method,
        code: err.code ?? err.message,
        reusedSocket: req.reusedSocket,
        afterResponse,
      }),
    );
    req.end(body);
  });
}

/** Resolves once `cond()` holds, checking every few milliseconds; rejects after `timeoutMs`. */
export async function waitFor(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!cond()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
