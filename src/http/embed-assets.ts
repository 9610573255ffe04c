// The widget's scripts, built by `npm run build:widget` into public/. They run on other sites'
// pages, so they are served for cross-origin use: CORP cross-origin (helmet's default same-origin
// would block the <script> tag) and CORS "*" (the live-update bundle is loaded with import(), which
// fetches in CORS mode). They hold no user data. The URLs are unversioned, so caches keep them briefly.
import fs from "node:fs";
import path from "node:path";
import type { Request, Response } from "express";
import { AppError } from "../domain/errors.ts";
import { sendPrecompressed } from "./precompressed.ts";
import type { Deps } from "../deps.ts";
import { PROJECT_ROOT } from "../config/project-root.ts";

const PUBLIC_DIR = path.join(PROJECT_ROOT, "public");

export function embedAsset(
  deps: Deps,
  file:
    | "embed.js"
    | "embed-live.js"
    | "count.js"
    | "embed-de.js"
    | "embed-fr.js"
    | "embed-panels.js"
    | "embed-post.js"
    | "embed-pow.js",
) {
  const full = path.join(PUBLIC_DIR, file);
  return async (req: Request, res: Response) => {
    if (!fs.existsSync(full)) {
      deps.log.warn({ file }, "widget bundle missing: run npm run build:widget");
      throw new AppError("NOT_FOUND", { message: `/${file} is not built yet: run npm run build:widget.` });
    }
    res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Cache-Control", "public, max-age=300");
    res.type("text/javascript; charset=utf-8");
    if (await sendPrecompressed(req, res, full, { cacheControl: false })) return;
    await new Promise<void>((resolve, reject) =>
      res.sendFile(full, { cacheControl: false }, (err) => (err ? reject(err) : resolve())),
    );
  };
}
