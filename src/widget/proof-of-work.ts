// The widget's proof of work (bundled as embed-pow.js, imported when an anonymous reader starts typing
// on a site with `proofOfWork` on): the article page's module, with the solver worker started from a
// blob: URL of its own build, inlined here at build time, since a page cannot start a worker from
// Parley's origin. A host page whose CSP has no `worker-src blob:` gets the main-thread fallback.
import { proofOfWork, type ProofOfWork } from "../client/proof-of-work/proof-of-work.ts";

declare const POW_WORKER_SOURCE: string; // public/js/proof-of-work-worker.js, defined by build-widget.ts

let workerUrl: string | undefined;
const blobWorker = () =>
  new Worker((workerUrl ??= URL.createObjectURL(new Blob([POW_WORKER_SOURCE], { type: "text/javascript" }))));

export const widgetProofOfWork = (base: string, threadId: string): ProofOfWork =>
  proofOfWork(threadId, { base, worker: blobWorker });
