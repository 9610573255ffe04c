import type { Phase } from "../pipeline.ts";

/** Content: an edit does not wash away reader reports: a comment held as `reported` stays held. */
export const keepReportHold: Phase = {
  name: "keep-report-hold",
  run(ctx) {
    if (ctx.kind !== "edit") return;
    const reported = ctx.previous?.flags.find((f) => f.code === "reported");
    if (reported && ctx.previous?.status === "held") return { flags: [reported] };
  },
};
