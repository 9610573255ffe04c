// Proof of work for the comment form (README "Proof of work"): when the reader starts typing, fetch
// the thread's challenge and solve it in a Web Worker (solver-worker.ts, loaded only then), so the
// answer is ready before they press Post. Nothing happens on sites that ask for no proof. The article
// page and the embedded widget (src/widget/proof-of-work.ts, from another origin) both use it.
import { solveChallenge, type Job } from "./solve-challenge.ts";

type Challenge = Job & { signature: string };

export type ProofOfWorkOptions = {
  /** Parley's origin for the challenge's URL ("" on Parley's own pages). */
  base?: string;
  /** Starts the solver worker (the widget builds it from a blob: URL: a cross-origin URL cannot be one). */
  worker?: () => Worker;
};

export type ProofOfWork = {
  /** Starts fetching and solving (idempotent); call it when the reader starts typing. */
  start(): void;
  /** The solution for the post (base64 JSON), undefined when the site asks none; waits if still solving. */
  solution(): Promise<string | undefined>;
};

export function proofOfWork(threadId: string, options: ProofOfWorkOptions = {}): ProofOfWork {
  const { base = "", worker = () => new Worker("/static/js/proof-of-work-worker.js") } = options;
  let pending: Promise<{ altcha?: string; expiresAt: number }> | null = null;
  const solve = async () => {
    const res = await fetch(`${base}/api/threads/${encodeURIComponent(threadId)}/challenge`, { cache: "no-store" });
    const { challenge } = (await res.json()) as { challenge: Challenge | null };
    if (!challenge) return { expiresAt: Infinity };
    const expires = Number(new URLSearchParams(challenge.salt.split("?")[1] ?? "").get("expires")) * 1000;
    const job: Job = { ...challenge };
    // A host page's CSP may forbid the worker (no `worker-src blob:`): then solve on the main thread.
    const number = await inWorker(worker, job).catch(() => solveChallenge(job));
    const altcha = btoa(JSON.stringify({ ...challenge, number }));
    return { altcha, expiresAt: expires - 30_000 }; // a little before expiry: time for the post to arrive
  };
  const start = () => {
    if (!pending)
      pending = solve().catch((err: unknown) => {
        pending = null;
        throw err;
      });
  };
  return {
    start,
    async solution() {
      start();
      const done = await pending!;
      if (Date.now() < done.expiresAt) {
        pending = null; // single use: the next post solves a new one
        return done.altcha;
      }
      pending = null; // expired while the reader typed: solve a fresh one now
      start();
      const fresh = await pending!;
      pending = null;
      return fresh.altcha;
    },
  };
}

function inWorker(start: () => Worker, job: Job): Promise<number | null> {
  return new Promise<number | null>((resolve, reject) => {
    const worker = start();
    worker.onmessage = (e: MessageEvent<{ number: number | null }>) => (worker.terminate(), resolve(e.data.number));
    worker.onerror = () => (worker.terminate(), reject(new Error("The solver worker failed.")));
    worker.postMessage(job);
  });
}
