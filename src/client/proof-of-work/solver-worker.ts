// The proof-of-work solver, in a Web Worker (public/js/proof-of-work-worker.js): finds the number n
// whose SHA digest of salt + n is the challenge (ALTCHA's scheme), off the page's main thread.
type Job = { algorithm: string; challenge: string; salt: string; maxnumber: number };

const hex = (buf: ArrayBuffer) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, "0")).join("");

self.onmessage = async (e: MessageEvent<Job>) => {
  const { algorithm, challenge, salt, maxnumber } = e.data;
  const encoder = new TextEncoder();
  for (let n = 0; n <= maxnumber; n++) {
    if (hex(await crypto.subtle.digest(algorithm, encoder.encode(salt + n))) === challenge) {
      return postMessage({ number: n });
    }
  }
  postMessage({ number: null });
};
