// Admin transports for import and export (README "Import and export"): an upload is the export file
// itself as the request body (any content type, up to IMPORT_MAX_UPLOAD_MB), saved to a temporary
// file and imported in the background; the console polls the job (kept in the database: any instance answers). Exports stream as downloads.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Request, Response } from "express";
import { z } from "zod";
import type { Deps } from "../deps.ts";
import { AppError } from "../domain/errors.ts";
import { exportParley } from "../import/export-parley.ts";
import { exportWxr } from "../import/export-wxr.ts";
import { createImportJobs, type ImportJobs } from "../import/import-jobs.ts";
import { DEFAULT_SITE_ID } from "../sites/ensure-default-site.ts";
import { validate } from "./validate.ts";

const ZSite = z.string().min(1).max(64).default(DEFAULT_SITE_ID);
const ZImportQuery = z.object({
  format: z.enum(["wordpress", "disqus", "parley"]),
  site: ZSite,
  as: z.enum(["articles", "pages"]).optional(),
  pingbacks: z.enum(["import", "skip"]).default("import"),
  dryRun: z.enum(["true", "false"]).default("false"),
  name: z.string().max(200).default("upload"),
});
const ZExportQuery = z.object({ site: ZSite, format: z.enum(["parley", "wxr"]).default("parley") });
const ZJobParams = z.object({ id: z.string().min(1).max(40) });

export function importHandlers(deps: Deps, jobs: ImportJobs = createImportJobs(deps)) {
  const maxBytes = deps.config.IMPORT_MAX_UPLOAD_MB * 1048576;
  return {
    jobs,

    async upload(req: Request, res: Response) {
      const q = validate(ZImportQuery, req.query);
      const file = path.join(os.tmpdir(), `parley-import-${crypto.randomBytes(9).toString("hex")}`);
      try {
        await pipeline(req, capBytes(maxBytes), fs.createWriteStream(file));
      } catch (err) {
        fs.rmSync(file, { force: true });
        throw err;
      }
      const job = await jobs.start(file, q.name, {
        format: q.format,
        siteId: q.site,
        as: q.as,
        pingbacks: q.pingbacks,
        dryRun: q.dryRun === "true",
      });
      res.status(202).json({ job });
    },

    async job(req: Request, res: Response) {
      const job = await jobs.get(validate(ZJobParams, req.params).id);
      if (!job) throw new AppError("NOT_FOUND", { reason: "noSuchImport" });
      res.json({ job });
    },

    async listJobs(_req: Request, res: Response) {
      res.json({ jobs: await jobs.list() });
    },

    async download(req: Request, res: Response) {
      const q = validate(ZExportQuery, req.query);
      const chunks = q.format === "parley" ? exportParley(deps, q.site) : exportWxr(deps, q.site);
      const first = await chunks.next(); // an unknown site throws here, before any header is sent
      const day = deps.clock.now().toISOString().slice(0, 10);
      const name = `parley-${q.site}-${day}.${q.format === "parley" ? "parley.jsonl" : "wxr.xml"}`;
      res.setHeader(
        "Content-Type",
        q.format === "parley" ? "application/x-ndjson; charset=utf-8" : "application/rss+xml; charset=utf-8",
      );
      res.setHeader("Content-Disposition", `attachment; filename="${name}"`);
      res.setHeader("Cache-Control", "no-store");
      if (!first.done) res.write(first.value);
      for await (const chunk of chunks) {
        if (!res.write(chunk)) await new Promise((resolve) => res.once("drain", resolve));
        if (res.destroyed) return;
      }
      res.end();
    },
  };
}

function capBytes(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max)
        return done(
          new AppError("PAYLOAD_TOO_LARGE", {
            reason: "importTooLarge",
            params: { mib: Math.round(max / 1048576) },
          }),
        );
      done(null, chunk);
    },
  });
}
