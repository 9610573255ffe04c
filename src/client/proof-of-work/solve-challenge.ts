// ALTCHA's puzzle: the number n ≤ maxnumber whose SHA digest of salt + n is the challenge. Run in the
// Web Worker (solver-worker.ts); on the main thread only where a host page's CSP forbids the worker
// (each digest awaits, so the page stays responsive meanwhile).
export type Job = { algorithm: string; challenge: string; salt: string; maxnumber: number };

const hex = (buf: ArrayBuffer) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, "0")).join("");

export async function solveChallenge({ algorithm, challenge, salt, maxnumber }: Job): Promise<number | null> {
  const encoder = new TextEncoder();
  for (let n = 0; n <= maxnumber; n++) {
    if (hex(await crypto.subtle.digest(algorithm, encoder.encode(salt + n))) === challenge) return n;
  }
  return null;
}
