// Proof of work for the comment form (README "Proof of work"): when the reader starts typing, fetch
// the thread's challenge and solve it in a Web Worker (solver-worker.ts, loaded only then), so the
// answer is ready before they press Post. Nothing happens on sites that ask for no proof.
type Challenge = { algorithm: string; challenge: string; maxnumber: number; salt: string; signature: string };

export type ProofOfWork = {
  /** Starts fetching and solving (idempotent); call it when the reader starts typing. */
  start(): void;
  /** The solution for the post (base64 JSON), undefined when the site asks none; waits if still solving. */
  solution(): Promise<string | undefined>;
};

export function proofOfWork(threadId: string, workerUrl = "/static/js/proof-of-work-worker.js"): ProofOfWork {
  let pending: Promise<{ altcha?: string; expiresAt: number }> | null = null;
  const solve = async () => {
    const res = await fetch(`/api/threads/${encodeURIComponent(threadId)}/challenge`, { cache: "no-store" });
    const { challenge } = (await res.json()) as { challenge: Challenge | null };
    if (!challenge) return { expiresAt: Infinity };
    const expires = Number(new URLSearchParams(challenge.salt.split("?")[1] ?? "").get("expires")) * 1000;
    const worker = new Worker(workerUrl);
    const number = await new Promise<number | null>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<{ number: number | null }>) => resolve(e.data.number);
      worker.onerror = () => reject(new Error("The anti-spam puzzle could not be solved."));
      worker.postMessage(challenge);
    }).finally(() => worker.terminate());
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
