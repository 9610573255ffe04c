// The proof-of-work solver, in a Web Worker (public/js/proof-of-work-worker.js; the widget runs the
// same build from a blob: URL, see src/widget/proof-of-work.ts), off the page's main thread.
import { solveChallenge, type Job } from "./solve-challenge.ts";

self.onmessage = async (e: MessageEvent<Job>) => postMessage({ number: await solveChallenge(e.data) });
